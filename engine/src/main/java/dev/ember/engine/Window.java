package dev.ember.engine;

/**
 * Builds {@link WindowSpec}s, as Spark's {@code Window}.
 *
 * <pre>{@code
 * df.select(col("k"), col("v"), row_number().over(Window.partitionBy("k").orderBy("v")).as("n"));
 * }</pre>
 */
public final class Window {
    public static final long unboundedPreceding = Long.MIN_VALUE;
    public static final long unboundedFollowing = Long.MAX_VALUE;
    public static final long currentRow = 0;

    private Window() {
    }

    public static WindowSpec partitionBy(String... columns) {
        return new WindowSpec().partitionBy(columns);
    }

    public static WindowSpec partitionBy(Column... columns) {
        return new WindowSpec().partitionBy(columns);
    }

    public static WindowSpec orderBy(String... columns) {
        return new WindowSpec().orderBy(columns);
    }

    public static WindowSpec orderBy(Column... columns) {
        return new WindowSpec().orderBy(columns);
    }

    public static WindowSpec rowsBetween(long start, long end) {
        return new WindowSpec().rowsBetween(start, end);
    }

    public static WindowSpec rangeBetween(long start, long end) {
        return new WindowSpec().rangeBetween(start, end);
    }
}
