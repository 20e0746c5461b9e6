package dev.ember.tpch.bench;

import java.util.Locale;

/** Number formats shared by the console, the Markdown and the chart. */
final class Fmt {
    private Fmt() {
    }

    /** Milliseconds with three significant digits or more: 0.52, 5.21, 52.1, 521, 5210. */
    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        return s >= 100 ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "-";
        }
        return r >= 10 ? String.format(Locale.ROOT, "%.0f×", r) : String.format(Locale.ROOT, "%.1f×", r);
    }

    /** A duration given in ms: "640 ms" below a second, else seconds ("12.3 s"). */
    static String duration(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms) : seconds(ms / 1000);
    }

    /** Elapsed time as m:ss. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String percent(double change) {
        if (Double.isNaN(change) || Double.isInfinite(change)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", change * 100);
    }
}
