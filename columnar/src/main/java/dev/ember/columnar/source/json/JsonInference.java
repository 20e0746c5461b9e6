package dev.ember.columnar.source.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ember.columnar.source.file.DataFile;
import dev.ember.columnar.source.file.FileSplit;
import dev.ember.columnar.source.file.LineReader;
import dev.ember.columnar.source.file.TextValues;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of JSON lines: every top-level key met in the first {@code samplingRows} lines, in
 * order of appearance. Integers are BIGINT, other numbers DOUBLE (DECIMAL with
 * {@code prefersDecimal}), strings STRING unless all are ISO dates or timestamps
 * ({@code inferDates}), objects and arrays STRING (their JSON text).
 */
final class JsonInference {
    private JsonInference() {
    }

    static Schema infer(List<DataFile> files, JsonOptions o) {
        Map<String, DataType> types = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        int sampled = 0;
        for (DataFile f : files) {
            if (sampled >= o.samplingRows()) {
                break;
            }
            try (LineReader lines = new LineReader(FileSplit.whole(f))) {
                while (sampled < o.samplingRows() && lines.next()) {
                    if (isBlank(lines.buf(), lines.start(), lines.end())) {
                        continue;
                    }
                    sampled++;
                    try (JsonParser p = JsonFormat.FACTORY.createParser(lines.buf(), lines.start(), lines.end() - lines.start())) {
                        if (p.nextToken() != JsonToken.START_OBJECT) {
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            String key = name.toLowerCase(Locale.ROOT);
                            names.putIfAbsent(key, name);
                            JsonToken t = p.nextToken();
                            DataType k = kind(p, t, o);
                            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                                p.skipChildren();
                            }
                            DataType prev = types.get(key);
                            types.put(key, k == null ? prev : prev == null ? k : merge(prev, k));
                            if (!types.containsKey(key)) {
                                types.put(key, null);
                            }
                        }
                    } catch (IOException e) {
                        // a malformed line says nothing about types
                    }
                }
            }
        }
        List<Field> fields = new ArrayList<>();
        for (var e : names.entrySet()) {
            DataType t = types.get(e.getKey());
            fields.add(Field.of(e.getValue(), t == null ? DataType.STRING : t));
        }
        if (fields.isEmpty()) {
            throw new dev.ember.common.AnalysisException(dev.ember.common.ErrorClass.ANALYSIS_ERROR, "cannot infer the columns of "
                    + files.get(0).path() + (files.size() > 1 ? " and " + (files.size() - 1) + " more" : "")
                    + ": no JSON record in them; name the columns");
        }
        return new Schema(fields);
    }

    static boolean isBlank(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static DataType kind(JsonParser p, JsonToken t, JsonOptions o) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE, VALUE_FALSE -> DataType.BOOLEAN;
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? DataType.decimal(38, 0) : DataType.BIGINT;
            case VALUE_NUMBER_FLOAT -> {
                if (o.prefersDecimal()) {
                    BigDecimal d = p.getDecimalValue();
                    int scale = Math.max(0, d.scale());
                    int precision = Math.max(d.precision(), scale + 1);
                    yield precision <= 38 ? DataType.decimal(precision, scale) : DataType.DOUBLE;
                }
                yield DataType.DOUBLE;
            }
            case VALUE_STRING -> {
                if (o.inferDates()) {
                    String s = p.getText();
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    if (s.length() == 10) {
                        try {
                            TextValues.parseDate(b, 0, b.length, o.dateFormat());
                            yield DataType.DATE;
                        } catch (RuntimeException e) {
                            // not a date
                        }
                    }
                    if (s.length() >= 19 && s.length() <= 29 && s.charAt(4) == '-' && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
                        try {
                            TextValues.parseTimestamp(s, o.timestampFormat());
                            yield DataType.TIMESTAMP;
                        } catch (RuntimeException e) {
                            // not a timestamp
                        }
                    }
                }
                yield DataType.STRING;
            }
            default -> DataType.STRING;
        };
    }

    private static DataType merge(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            if (a instanceof DataType.DoubleType || b instanceof DataType.DoubleType) {
                return DataType.DOUBLE;
            }
            if (a instanceof DataType.DecimalType x && b instanceof DataType.DecimalType y) {
                int scale = Math.max(x.scale(), y.scale());
                int ints = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
                return ints + scale <= 38 ? DataType.decimal(ints + scale, scale) : DataType.DOUBLE;
            }
            DataType dec = a instanceof DataType.DecimalType ? a : b;
            DataType.DecimalType d = (DataType.DecimalType) dec;
            int ints = Math.max(d.precision() - d.scale(), 19);
            return ints + d.scale() <= 38 ? DataType.decimal(ints + d.scale(), d.scale()) : DataType.DOUBLE;
        }
        if ((a instanceof DataType.DateType || a instanceof DataType.TimestampType)
                && (b instanceof DataType.DateType || b instanceof DataType.TimestampType)) {
            return DataType.TIMESTAMP;
        }
        return DataType.STRING;
    }
}
