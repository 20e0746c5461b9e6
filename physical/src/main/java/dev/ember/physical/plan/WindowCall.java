package dev.ember.physical.plan;

import dev.ember.columnar.types.DataType;

/**
 * One window function over its window's partitions: the function, its argument columns (for
 * LAG/LEAD the value and, when given, the default), a constant parameter (the LAG/LEAD offset,
 * the NTILE bucket count, the NTH_VALUE position), the frame and the result type.
 *
 * <p>Frame bounds are offsets from the current row: {@link #UNBOUNDED_PRECEDING}, negative for
 * PRECEDING, 0 for CURRENT ROW, positive for FOLLOWING, {@link #UNBOUNDED_FOLLOWING}. A RANGE
 * frame ({@code rowsFrame} false) takes only unbounded bounds and CURRENT ROW, which then means
 * the current row's peers (equal ORDER BY values).
 */
public record WindowCall(WindowFunction function, int[] args, long param, boolean rowsFrame, long frameStart,
                         long frameEnd, DataType resultType, String name) {
    public static final long UNBOUNDED_PRECEDING = Long.MIN_VALUE;
    public static final long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;

    public enum WindowFunction {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE,
        COUNT, COUNT_STAR, SUM, SUM0, AVG, MIN, MAX;

        /** True for the functions whose value depends on the frame (the others look at the whole partition). */
        public boolean usesFrame() {
            return switch (this) {
                case FIRST_VALUE, LAST_VALUE, NTH_VALUE, COUNT, COUNT_STAR, SUM, SUM0, AVG, MIN, MAX -> true;
                default -> false;
            };
        }
    }

    @Override
    public String toString() {
        String frame = !function.usesFrame() ? "" : " " + (rowsFrame ? "ROWS" : "RANGE") + " " + bound(frameStart) + ".." + bound(frameEnd);
        return function.name().toLowerCase(java.util.Locale.ROOT) + java.util.Arrays.toString(args)
                + (param != 0 ? "(" + param + ")" : "") + frame + " AS " + name;
    }

    private static String bound(long b) {
        if (b == UNBOUNDED_PRECEDING || b == UNBOUNDED_FOLLOWING) {
            return "UNBOUNDED";
        }
        return b == 0 ? "CURRENT" : Long.toString(b);
    }
}
