package dev.ember.optimizer.physical;

/** The optimizer's estimate of a node's output, shown by EXPLAIN and used to pick join strategies. */
public record Estimate(double rows, double bytes) {
    /**
     * Bytes a hash table holds per build row besides the row itself: HashedRelation's 8-byte
     * chain link per row, and per key its 8-byte chain head and a key-table slot (a long key at
     * a load of at most a half: 16 bytes), counted per row since join keys are mostly unique.
     */
    public static final double HASH_ENTRY_BYTES = 32;

    /**
     * The size of a hash table built on these rows: their bytes plus the per-row entry. A long,
     * narrow side (lineitem's keys) is a bigger table than its bytes say, so choosing the build
     * side by bytes alone built 2M lineitem rows against a 335K-row side (TPC-H Q10).
     */
    public double hashTableBytes() {
        return bytes + rows * HASH_ENTRY_BYTES;
    }

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
