package dev.ember.common.config;

import java.util.Locale;

/** Sizes in settings: plain bytes or with a unit (b, k, kb, m, mb, g, gb, t, tb); -1 stays -1. */
public final class ByteSize {
    private ByteSize() {
    }

    public static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        if (s.equals("-1")) {
            return -1;
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a size: '" + text + "' (expected a number with an optional unit, such as 10MB)");
        }
        double number = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim();
        long factor = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown size unit '" + unit + "' in '" + text + "'");
        };
        return (long) (number * factor);
    }

    public static String format(long bytes) {
        if (bytes < 0) {
            return String.valueOf(bytes);
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + "B" : (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + units[u];
    }
}
