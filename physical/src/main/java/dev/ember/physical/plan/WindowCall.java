package dev.ember.physical.plan;

import dev.ember.columnar.types.DataType;

/**
 * One window function: the function, its argument columns, frame, and result type. Frame
 * bounds are offsets from the current row (Long.MIN_VALUE / MAX_VALUE for unbounded).
 */
public record WindowCall(WindowFunction function, int[] args, boolean rowsFrame, long frameStart, long frameEnd,
                         DataType resultType, String name) {

    public enum WindowFunction {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE,
        COUNT, COUNT_STAR, SUM, AVG, MIN, MAX
    }

    @Override
    public String toString() {
        return function.name().toLowerCase() + java.util.Arrays.toString(args) + " AS " + name;
    }
}
