package dev.ember.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conversions behind the ResultSet getters, between Ember's values (Boolean, Integer, Long,
 * Double, BigDecimal, LocalDate, LocalDateTime, String) and what a getter asks for, following
 * the JDBC conversion table (B-6) with SQL's semantics: numbers convert with a range check and
 * round half away from zero as Ember's CAST does; strings are read as a CAST from string would
 * read them; a conversion JDBC does not allow (a DATE as an int) fails with SQLState 07006. No
 * getter ever returns a wrapped, truncated or made-up value.
 */
final class Conversions {
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{1,2}-\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?");

    private Conversions() {
    }

    static String typeName(Object v) {
        return switch (v) {
            case Boolean b -> "BOOLEAN";
            case Integer i -> "INTEGER";
            case Short s -> "SMALLINT";
            case Long l -> "BIGINT";
            case Double d -> "DOUBLE";
            case Float f -> "REAL";
            case BigDecimal d -> "DECIMAL";
            case LocalDate d -> "DATE";
            case LocalDateTime t -> "TIMESTAMP";
            case String s -> "VARCHAR";
            default -> v.getClass().getSimpleName();
        };
    }

    static String text(Object v) {
        return switch (v) {
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime t -> timestampText(t);
            default -> v.toString();
        };
    }

    /** {@code yyyy-mm-dd hh:mm:ss[.fraction]}, the fraction without trailing zeros. */
    static String timestampText(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(t.toLocalDate().toString()).append(' ');
        sb.append(String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = String.format(Locale.ROOT, "%09d", nanos);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.toString();
    }

    static boolean toBoolean(Object v) throws SQLException {
        return switch (v) {
            case Boolean b -> b;
            case BigDecimal d -> d.signum() != 0;
            case Double d -> d != 0;
            case Number n -> n.longValue() != 0;
            case String s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "1" -> true;
                case "false", "f", "no", "n", "0" -> false;
                default -> throw SqlErrors.badValue(s, "BOOLEAN");
            };
            default -> throw SqlErrors.cannotConvert(typeName(v), "BOOLEAN");
        };
    }

    /** An exact number, for integer and decimal getters. */
    static BigDecimal toBigDecimal(Object v) throws SQLException {
        return switch (v) {
            case BigDecimal d -> d;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Short s -> BigDecimal.valueOf(s);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw SqlErrors.outOfRange(d, "DECIMAL");
                }
                yield BigDecimal.valueOf(d);
            }
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case String s -> {
                try {
                    yield new BigDecimal(s.trim());
                } catch (NumberFormatException e) {
                    throw SqlErrors.badValue(s, "DECIMAL");
                }
            }
            default -> throw SqlErrors.cannotConvert(typeName(v), "DECIMAL");
        };
    }

    /** An integer within [min, max]; fractions round half away from zero, as CAST does. */
    static long toLong(Object v, long min, long max, String to) throws SQLException {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            long n = ((Number) v).longValue();
            if (n < min || n > max) {
                throw SqlErrors.outOfRange(v, to);
            }
            return n;
        }
        BigDecimal d;
        try {
            d = toBigDecimal(v);
        } catch (SQLException e) {
            if (SqlErrors.CANNOT_CONVERT.equals(e.getSQLState())) {
                throw SqlErrors.cannotConvert(typeName(v), to);
            }
            if (SqlErrors.BAD_VALUE.equals(e.getSQLState())) {
                throw SqlErrors.badValue(String.valueOf(v), to);
            }
            throw SqlErrors.outOfRange(v, to);
        }
        BigInteger n = d.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw SqlErrors.outOfRange(v, to);
        }
        return n.longValue();
    }

    static double toDouble(Object v) throws SQLException {
        return switch (v) {
            case Double d -> d;
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                String t = s.trim();
                try {
                    yield switch (t.toLowerCase(Locale.ROOT)) {
                        case "nan" -> Double.NaN;
                        case "infinity", "inf", "+infinity", "+inf" -> Double.POSITIVE_INFINITY;
                        case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
                        default -> {
                            if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                                throw new NumberFormatException(t);
                            }
                            yield Double.parseDouble(t);
                        }
                    };
                } catch (NumberFormatException e) {
                    throw SqlErrors.badValue(s, "DOUBLE");
                }
            }
            default -> throw SqlErrors.cannotConvert(typeName(v), "DOUBLE");
        };
    }

    static float toFloat(Object v) throws SQLException {
        double d = toDouble(v);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw SqlErrors.outOfRange(v, "REAL");
        }
        return f;
    }

    static LocalDate toLocalDate(Object v) throws SQLException {
        return switch (v) {
            case LocalDate d -> d;
            case LocalDateTime t -> t.toLocalDate();
            case String s -> parseTimestamp(s, "DATE").toLocalDate();
            default -> throw SqlErrors.cannotConvert(typeName(v), "DATE");
        };
    }

    static LocalDateTime toLocalDateTime(Object v) throws SQLException {
        return switch (v) {
            case LocalDateTime t -> t;
            case LocalDate d -> d.atStartOfDay();
            case String s -> parseTimestamp(s, "TIMESTAMP");
            default -> throw SqlErrors.cannotConvert(typeName(v), "TIMESTAMP");
        };
    }

    static LocalTime toLocalTime(Object v) throws SQLException {
        return switch (v) {
            case LocalDateTime t -> t.toLocalTime();
            case String s -> {
                String t = s.trim();
                try {
                    yield t.length() <= 18 && t.indexOf('-') < 0 ? LocalTime.parse(t) : parseTimestamp(s, "TIME").toLocalTime();
                } catch (DateTimeParseException e) {
                    throw SqlErrors.badValue(s, "TIME");
                }
            }
            default -> throw SqlErrors.cannotConvert(typeName(v), "TIME");
        };
    }

    /** Reads {@code yyyy-mm-dd[ hh:mm[:ss[.fraction]]]} as Ember's date and timestamp literals do. */
    static LocalDateTime parseTimestamp(String s, String to) throws SQLException {
        Matcher m = TIMESTAMP.matcher(s.trim());
        if (!m.matches()) {
            throw SqlErrors.badValue(s, to);
        }
        try {
            String[] ymd = m.group(1).split("-");
            LocalDate date = LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2]));
            if (m.group(2) == null) {
                return date.atStartOfDay();
            }
            int nanos = 0;
            if (m.group(5) != null) {
                nanos = Integer.parseInt((m.group(5) + "00000000").substring(0, 9));
            }
            return date.atTime(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), nanos);
        } catch (java.time.DateTimeException e) {
            throw SqlErrors.badValue(s, to);
        }
    }
}
