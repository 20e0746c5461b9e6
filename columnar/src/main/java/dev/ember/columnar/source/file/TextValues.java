package dev.ember.columnar.source.file;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Reading and writing values as text, fast on the common forms (integers, plain decimals,
 * {@code yyyy-MM-dd} dates, {@code yyyy-MM-dd HH:mm:ss[.ffffff]} timestamps) straight from and
 * to bytes, with {@link DateTimeFormatter} patterns for the rest. Parsers throw
 * {@link NumberFormatException} (or a {@code DateTimeException}) on bad input; callers turn
 * that into a malformed-record error naming file, line and column.
 */
public final class TextValues {
    private TextValues() {
    }

    public static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** A signed integer in {@code b[from, to)}; throws on anything else or on overflow. */
    public static long parseLong(byte[] b, int from, int to) {
        if (from >= to) {
            throw new NumberFormatException("empty");
        }
        int i = from;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        if (i >= to || to - i > 18) {
            return Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not an integer");
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    public static int parseInt(byte[] b, int from, int to) {
        long v = parseLong(b, from, to);
        if (v != (int) v) {
            throw new NumberFormatException("out of INT range");
        }
        return (int) v;
    }

    /**
     * A decimal as an unscaled long at {@code scale}, at most {@code precision} digits; extra
     * fractional digits round half away from zero (as CAST does).
     */
    public static long parseDecimal(byte[] b, int from, int to, int precision, int scale) {
        int i = from;
        boolean neg = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        long v = 0;
        int significant = 0;
        int frac = -1;
        int roundDigit = 0;
        boolean any = false;
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '.') {
                if (frac >= 0) {
                    throw new NumberFormatException("two decimal points");
                }
                frac = 0;
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9) {
                // Exponents and the like: the slow, exact path.
                return slowDecimal(b, from, to, precision, scale);
            }
            any = true;
            if (frac >= 0) {
                if (frac >= scale) {
                    if (frac == scale) {
                        roundDigit = d;
                    }
                    frac++;
                    continue;
                }
                frac++;
            }
            if (v != 0 || d != 0) {
                significant++;
            }
            if (significant > 18) {
                return slowDecimal(b, from, to, precision, scale);
            }
            v = v * 10 + d;
        }
        if (!any) {
            throw new NumberFormatException("not a number");
        }
        for (int k = Math.max(frac, 0); k < scale; k++) {
            if (v != 0 && ++significant > 18) {
                return slowDecimal(b, from, to, precision, scale);
            }
            v *= 10;
        }
        if (roundDigit >= 5) {
            v++;
        }
        if (v >= pow10(precision)) {
            throw new NumberFormatException("more than " + precision + " digits");
        }
        return neg ? -v : v;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static long slowDecimal(byte[] b, int from, int to, int precision, int scale) {
        BigDecimal d = parseBigDecimal(b, from, to, precision, scale);
        return d.unscaledValue().longValueExact();
    }

    /** A decimal rounded to {@code scale}, checked against {@code precision}. */
    public static BigDecimal parseBigDecimal(byte[] b, int from, int to, int precision, int scale) {
        BigDecimal d = new BigDecimal(new String(b, from, to - from, StandardCharsets.ISO_8859_1))
                .setScale(scale, RoundingMode.HALF_UP);
        if (d.precision() > precision && d.signum() != 0) {
            throw new NumberFormatException("more than " + precision + " digits");
        }
        return d;
    }

    public static double parseDouble(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity", "Inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
                // Double.parseDouble accepts "1d" and "1f", which are not numbers in a file.
                if (!(last >= '0' && last <= '9') && last != '.') {
                    throw new NumberFormatException("not a number");
                }
                yield Double.parseDouble(s);
            }
        };
    }

    public static boolean parseBoolean(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "t", "1", "yes", "y" -> true;
            case "false", "f", "0", "no", "n" -> false;
            default -> throw new NumberFormatException("not a boolean");
        };
    }

    private static int digits(byte[] b, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a date, {@code yyyy-MM-dd} unless {@code format} says otherwise. */
    public static int parseDate(byte[] b, int from, int to, DateTimeFormatter format) {
        if (format == null && to - from == 10 && b[from + 4] == '-' && b[from + 7] == '-') {
            int y = digits(b, from, 4);
            int m = digits(b, from + 5, 2);
            int d = digits(b, from + 8, 2);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 28) {
                return (int) epochDay(y, m, d);
            }
        }
        String s = new String(b, from, to - from, StandardCharsets.UTF_8);
        return (int) (format == null ? LocalDate.parse(s) : LocalDate.from(format.parse(s))).toEpochDay();
    }

    /** Days since 1970-01-01 (valid for day <= 28, where no month check is needed). */
    static long epochDay(int y, int m, int d) {
        long yy = y - (m <= 2 ? 1 : 0);
        long era = Math.floorDiv(yy, 400);
        long yoe = yy - era * 400;
        long mp = (m + 9) % 12;
        long doy = (153 * mp + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /**
     * Microseconds since 1970-01-01 00:00 of a timestamp without time zone:
     * {@code yyyy-MM-dd[( |T)HH:mm[:ss[.fffffffff]]]} unless {@code format} says otherwise.
     */
    public static long parseTimestamp(byte[] b, int from, int to, DateTimeFormatter format) {
        String s = new String(b, from, to - from, StandardCharsets.UTF_8);
        return parseTimestamp(s, format);
    }

    public static long parseTimestamp(String s, DateTimeFormatter format) {
        LocalDateTime t;
        if (format != null) {
            TemporalAccessor a = format.parse(s);
            t = a.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(a) : LocalDate.from(a).atStartOfDay();
        } else if (s.length() == 10) {
            t = LocalDate.parse(s).atStartOfDay();
        } else {
            String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
            if (iso.endsWith("Z")) {
                iso = iso.substring(0, iso.length() - 1);
            }
            t = LocalDateTime.parse(iso);
        }
        return dev.ember.columnar.Values.toMicros(t);
    }

    /** {@code yyyy-MM-dd} of days since 1970-01-01. */
    public static String formatDate(int epochDay, DateTimeFormatter format) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return format == null ? d.toString() : format.format(d);
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.ffffff]} (fraction only when non-zero, trailing zeros dropped). */
    public static String formatTimestamp(long micros, DateTimeFormatter format) {
        LocalDateTime t = dev.ember.columnar.Values.microsToTimestamp(micros);
        if (format != null) {
            return format.format(t);
        }
        StringBuilder sb = new StringBuilder(26);
        sb.append(t.toLocalDate()).append(' ');
        pad(sb, t.getHour());
        sb.append(':');
        pad(sb, t.getMinute());
        sb.append(':');
        pad(sb, t.getSecond());
        int us = t.getNano() / 1000;
        if (us != 0) {
            String f = String.format("%06d", us);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    /** The plain text of an unscaled decimal ({@code 12345, 2} is {@code 123.45}). */
    public static String formatDecimal(long unscaled, int scale) {
        if (scale == 0) {
            return Long.toString(unscaled);
        }
        return BigDecimal.valueOf(unscaled, scale).toPlainString();
    }

    /** A user pattern for dates or timestamps, or null for the ISO fast path. */
    public static DateTimeFormatter formatter(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return null;
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new dev.ember.common.AnalysisException(dev.ember.common.ErrorClass.ANALYSIS_ERROR,
                    "bad date/time pattern '" + pattern + "': " + e.getMessage());
        }
    }
}
