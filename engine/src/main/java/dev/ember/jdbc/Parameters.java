package dev.ember.jdbc;

import dev.ember.columnar.types.DataType;
import org.apache.calcite.avatica.remote.TypedValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ?} parameters of prepared statements. Ember's grammar has no parameter markers, so the
 * driver binds on the client side, as many drivers do: it finds each {@code ?} outside string
 * literals, quoted identifiers and comments, and puts in its place a typed SQL literal of the
 * bound value ({@code 42}, {@code CAST(7 AS BIGINT)}, {@code DATE '1998-09-02'},
 * {@code 'it''s'}...). The literal is escaped, so a value can never change the statement's
 * shape: a string is always one string literal.
 */
final class Parameters {
    private Parameters() {
    }

    /** A bound value (an Ember-native Java value or null) and the type it must have, if stated. */
    record Bound(Object value, DataType type) {
    }

    /** Offsets of the {@code ?} markers of {@code sql}. */
    static int[] markers(String sql) {
        List<Integer> out = new ArrayList<>();
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : 0;
            switch (c) {
                case '\'', '"', '`' -> i = skipQuoted(sql, i, c);
                case '-' -> {
                    if (next == '-') {
                        int eol = sql.indexOf('\n', i);
                        i = eol < 0 ? n : eol;
                    }
                }
                case '/' -> {
                    if (next == '*') {
                        int end = sql.indexOf("*/", i + 2);
                        i = end < 0 ? n : end + 1;
                    }
                }
                case '?' -> out.add(i);
                default -> {
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Index of the closing quote (a doubled quote is part of the text), or the end. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length();
    }

    /** {@code sql} with each marker replaced by the matching text. */
    static String substitute(String sql, int[] markers, List<String> texts) {
        StringBuilder sb = new StringBuilder(sql.length() + 16 * markers.length);
        int from = 0;
        for (int k = 0; k < markers.length; k++) {
            sb.append(sql, from, markers[k]).append(texts.get(k));
            from = markers[k] + 1;
        }
        return sb.append(sql, from, sql.length()).toString();
    }

    /** {@code sql} with every marker replaced by {@code text} (to parse or describe a statement before binding). */
    static String substituteAll(String sql, int[] markers, String text) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < markers.length; i++) {
            texts.add(text);
        }
        return substitute(sql, markers, texts);
    }

    /** The SQL text of the bound values, in order; every parameter must be bound. */
    static List<String> literals(List<TypedValue> values, int count) throws SQLException {
        if (values == null || values.size() < count) {
            throw new SQLException("the statement has " + count + " parameters but " + (values == null ? 0 : values.size())
                    + " are bound", "07001");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TypedValue tv = values.get(i);
            if (tv == null) {
                throw new SQLException("parameter " + (i + 1) + " is not set", "07001");
            }
            out.add(literal(bound(tv)));
        }
        return out;
    }

    /** Reads a TypedValue: the driver's own {@link Bound} values, or Avatica's encodings of the standard setters. */
    static Bound bound(TypedValue tv) throws SQLException {
        if (tv.value == null) {
            return new Bound(null, null);
        }
        if (tv.value instanceof Bound b) {
            return b;
        }
        Object local = tv.toLocal();
        Object v = switch (tv.type) {
            case JAVA_SQL_DATE -> LocalDate.ofEpochDay(((Number) local).longValue());
            case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) local).longValue(), 1000L),
                    (int) Math.floorMod(((Number) local).longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
            default -> native_(local);
        };
        return new Bound(v, null);
    }

    /** An Ember-native value for a Java object given to {@code setObject}. */
    static Object native_(Object x) throws SQLException {
        return switch (x) {
            case null -> null;
            case Boolean b -> b;
            case Integer i -> i;
            case Short s -> s.intValue();
            case Byte b -> b.intValue();
            case Long l -> l;
            case Double d -> d;
            case Float f -> Double.parseDouble(f.toString());
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case String s -> s;
            case Character c -> c.toString();
            case LocalDate d -> d;
            case LocalDateTime t -> t;
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case java.sql.Time t -> throw SqlErrors.unsupported("TIME values (Ember has no TIME type)");
            case java.util.Date d -> new java.sql.Timestamp(d.getTime()).toLocalDateTime();
            default -> throw new java.sql.SQLFeatureNotSupportedException(
                    "Ember cannot bind a parameter of class " + x.getClass().getName(), "0A000");
        };
    }

    static String literal(Bound b) throws SQLException {
        String text = literal(b.value());
        if (b.type() == null) {
            return text;
        }
        return "CAST(" + text + " AS " + b.type().sql() + ")";
    }

    static String literal(Object v) throws SQLException {
        return switch (v) {
            case null -> "NULL";
            case Boolean b -> b ? "TRUE" : "FALSE";
            case Integer i -> i >= 0 ? i.toString() : "CAST(" + i + " AS INT)";
            case Long l -> "CAST(" + l + " AS BIGINT)";
            case Double d -> d.isNaN() || d.isInfinite() ? "CAST('" + d + "' AS DOUBLE)" : "CAST(" + exponent(d) + " AS DOUBLE)";
            case BigDecimal d -> decimal(d);
            case String s -> "'" + s.replace("'", "''") + "'";
            case LocalDate d -> "DATE '" + dateText(d) + "'";
            case LocalDateTime t -> "TIMESTAMP '" + dateText(t.toLocalDate()) + Conversions.timestampText(t).substring(10) + "'";
            default -> throw new java.sql.SQLFeatureNotSupportedException(
                    "Ember cannot bind a parameter of class " + v.getClass().getName(), "0A000");
        };
    }

    private static String exponent(double d) {
        String s = Double.toString(d);
        return s.contains("E") ? s : s + "E0";
    }

    private static String dateText(LocalDate d) throws SQLException {
        if (d.getYear() < 1 || d.getYear() > 9999) {
            throw SqlErrors.outOfRange(d, "DATE (years 1 to 9999)");
        }
        return d.toString();
    }

    private static String decimal(BigDecimal d) throws SQLException {
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        int precision = Math.max(d.precision(), d.scale());
        if (precision > DataType.DecimalType.MAX_PRECISION) {
            throw SqlErrors.outOfRange(d, "DECIMAL(38)");
        }
        return "CAST(" + d.toPlainString() + " AS DECIMAL(" + Math.max(1, precision) + "," + d.scale() + "))";
    }
}
