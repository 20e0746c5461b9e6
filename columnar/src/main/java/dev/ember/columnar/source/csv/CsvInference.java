package dev.ember.columnar.source.csv;

import dev.ember.columnar.source.file.DataFile;
import dev.ember.columnar.source.file.TextValues;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of CSV files: names from the header (or {@code _c0, _c1, ...}), types inferred from
 * the first {@code samplingRows} records, each column the narrowest of INT, BIGINT, DOUBLE
 * (DECIMAL with {@code prefersDecimal}), BOOLEAN, DATE, TIMESTAMP and STRING that reads every
 * sampled value. A column with no value in the sample is STRING.
 */
final class CsvInference {
    private CsvInference() {
    }

    /** A type inferred so far: a kind, and for decimals their integer digits and scale. */
    private record Kind(int rank, int intDigits, int scale) {
        static final int INT = 1;
        static final int BIGINT = 2;
        static final int DECIMAL = 3;
        static final int DOUBLE = 4;
        static final int BOOLEAN = 10;
        static final int DATE = 20;
        static final int TIMESTAMP = 21;
        static final int STRING = 100;

        boolean numeric() {
            return rank <= DOUBLE;
        }
    }

    static Schema infer(List<DataFile> files, CsvOptions o) {
        List<String> names = null;
        List<Kind> kinds = new ArrayList<>();
        int sampled = 0;
        byte[] nullBytes = o.nullBytes();
        for (DataFile f : files) {
            if (sampled >= o.samplingRows() && names != null) {
                break;
            }
            try (CsvTokenizer tok = new CsvTokenizer(f, 0, f.size(), o)) {
                if (o.header() && tok.next() && names == null) {
                    names = new ArrayList<>();
                    for (int i = 0; i < tok.fields(); i++) {
                        names.add(tok.text(i).trim());
                    }
                    if (o.trailingDelimiter() && !names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
                        names.remove(names.size() - 1);
                    }
                }
                while (sampled < o.samplingRows() && tok.next()) {
                    sampled++;
                    int n = tok.fields();
                    if (o.trailingDelimiter() && n > 1 && tok.start(n - 1) == tok.end(n - 1)) {
                        n--;
                    }
                    while (kinds.size() < n) {
                        kinds.add(null);
                    }
                    if (!o.inferSchema()) {
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        boolean quoted = (tok.flags(i) & CsvTokenizer.QUOTED) != 0;
                        String text = tok.text(i);
                        if (!quoted && text.equals(new String(nullBytes, StandardCharsets.UTF_8))) {
                            continue;
                        }
                        String t = text.trim();
                        if (t.isEmpty()) {
                            continue;
                        }
                        kinds.set(i, merge(kinds.get(i), kindOf(t, o)));
                    }
                }
            }
        }
        int width = Math.max(kinds.size(), names == null ? 0 : names.size());
        List<Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < width; i++) {
            String name = names != null && i < names.size() && !names.get(i).isEmpty() ? names.get(i) : "_c" + i;
            if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                name = name + "_" + i;
                seen.add(name.toLowerCase(java.util.Locale.ROOT));
            }
            Kind k = i < kinds.size() ? kinds.get(i) : null;
            fields.add(Field.of(name, o.inferSchema() ? type(k) : DataType.STRING));
        }
        if (fields.isEmpty()) {
            throw new dev.ember.common.AnalysisException(dev.ember.common.ErrorClass.ANALYSIS_ERROR, "cannot infer the columns of "
                    + files.get(0).path() + (files.size() > 1 ? " and " + (files.size() - 1) + " more" : "")
                    + ": no CSV record in them; name the columns");
        }
        return new Schema(fields);
    }

    private static DataType type(Kind k) {
        if (k == null) {
            return DataType.STRING;
        }
        return switch (k.rank()) {
            case Kind.INT -> DataType.INT;
            case Kind.BIGINT -> DataType.BIGINT;
            case Kind.DECIMAL -> k.intDigits() + k.scale() <= 38
                    ? DataType.decimal(Math.max(1, k.intDigits() + k.scale()), k.scale()) : DataType.DOUBLE;
            case Kind.DOUBLE -> DataType.DOUBLE;
            case Kind.BOOLEAN -> DataType.BOOLEAN;
            case Kind.DATE -> DataType.DATE;
            case Kind.TIMESTAMP -> DataType.TIMESTAMP;
            default -> DataType.STRING;
        };
    }

    private static Kind kindOf(String s, CsvOptions o) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        try {
            long v = TextValues.parseLong(b, 0, b.length);
            return new Kind(v == (int) v ? Kind.INT : Kind.BIGINT, Long.toString(Math.abs(v)).length(), 0);
        } catch (NumberFormatException e) {
            // not an integer
        }
        if (o.prefersDecimal() && s.matches("[+-]?\\d*\\.?\\d+|[+-]?\\d+\\.")) {
            String digits = s.replaceFirst("^[+-]", "");
            int dot = digits.indexOf('.');
            int intDigits = dot < 0 ? digits.length() : dot;
            int scale = dot < 0 ? 0 : digits.length() - dot - 1;
            return new Kind(Kind.DECIMAL, Math.max(intDigits, 1), scale);
        }
        try {
            TextValues.parseDouble(b, 0, b.length);
            return new Kind(Kind.DOUBLE, 0, 0);
        } catch (NumberFormatException e) {
            // not a number
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return new Kind(Kind.BOOLEAN, 0, 0);
        }
        try {
            TextValues.parseDate(b, 0, b.length, o.dateFormat());
            return new Kind(Kind.DATE, 0, 0);
        } catch (RuntimeException e) {
            // not a date
        }
        try {
            if (s.length() >= 13 || o.timestampFormat() != null) {
                TextValues.parseTimestamp(s, o.timestampFormat());
                return new Kind(Kind.TIMESTAMP, 0, 0);
            }
        } catch (RuntimeException e) {
            // not a timestamp
        }
        return new Kind(Kind.STRING, 0, 0);
    }

    private static Kind merge(Kind a, Kind b) {
        if (a == null) {
            return b;
        }
        if (a.rank() == b.rank() && !a.numeric()) {
            return a;
        }
        if (a.numeric() && b.numeric()) {
            if (a.rank() == Kind.DOUBLE || b.rank() == Kind.DOUBLE) {
                return new Kind(Kind.DOUBLE, 0, 0);
            }
            if (a.rank() == Kind.DECIMAL || b.rank() == Kind.DECIMAL) {
                int ai = a.intDigits();
                int bi = b.intDigits();
                return new Kind(Kind.DECIMAL, Math.max(ai, bi), Math.max(a.scale(), b.scale()));
            }
            return new Kind(Math.max(a.rank(), b.rank()), Math.max(a.intDigits(), b.intDigits()), 0);
        }
        if ((a.rank() == Kind.DATE || a.rank() == Kind.TIMESTAMP) && (b.rank() == Kind.DATE || b.rank() == Kind.TIMESTAMP)) {
            return new Kind(Kind.TIMESTAMP, 0, 0);
        }
        return new Kind(Kind.STRING, 0, 0);
    }
}
