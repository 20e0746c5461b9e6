package dev.ember.optimizer.physical;

/** The optimizer's estimate of a node's output, shown by EXPLAIN and used to pick join strategies. */
public record Estimate(double rows, double bytes) {
    @Override
    public String toString() {
        return "rows=" + fmt(rows) + " size=" + dev.ember.common.config.ByteSize.format((long) bytes);
    }

    private static String fmt(double v) {
        if (v >= 1e9) {
            return String.format(java.util.Locale.ROOT, "%.1fG", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(java.util.Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(java.util.Locale.ROOT, "%.1fK", v / 1e3);
        }
        return String.valueOf((long) Math.ceil(v));
    }
}
