package dev.ember.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A window for {@link Column#over}: partitioning, ordering and an optional frame, built from
 * {@link Window}. Immutable.
 *
 * <pre>{@code
 * WindowSpec w = Window.partitionBy("dept").orderBy(col("salary").desc()).rowsBetween(Window.unboundedPreceding, Window.currentRow);
 * df.withColumn("rank", rank().over(w));
 * }</pre>
 */
public final class WindowSpec {
    /** A frame: ROWS or RANGE between two offsets from the current row (Long.MIN/MAX_VALUE unbounded). */
    record Frame(boolean rows, long start, long end) {
    }

    private final List<ColumnNode> partition;
    private final List<ColumnNode> order;
    private final Frame frame;

    WindowSpec() {
        this(List.of(), List.of(), null);
    }

    WindowSpec(List<ColumnNode> partition, List<ColumnNode> order, Frame frame) {
        this.partition = List.copyOf(partition);
        this.order = List.copyOf(order);
        this.frame = frame;
    }

    List<ColumnNode> partition() {
        return partition;
    }

    List<ColumnNode> order() {
        return order;
    }

    Frame frame() {
        return frame;
    }

    public WindowSpec partitionBy(String... columns) {
        return partitionBy(functions.cols(columns));
    }

    public WindowSpec partitionBy(Column... columns) {
        List<ColumnNode> p = new ArrayList<>();
        for (Column c : columns) {
            p.add(c.node());
        }
        return new WindowSpec(p, order, frame);
    }

    public WindowSpec orderBy(String... columns) {
        return orderBy(functions.cols(columns));
    }

    public WindowSpec orderBy(Column... columns) {
        List<ColumnNode> o = new ArrayList<>();
        for (Column c : columns) {
            o.add(c.node());
        }
        return new WindowSpec(partition, o, frame);
    }

    /** A frame of rows from {@code start} to {@code end} relative to the current row ({@link Window#unboundedPreceding}...). */
    public WindowSpec rowsBetween(long start, long end) {
        return new WindowSpec(partition, order, new Frame(true, start, end));
    }

    /** A frame of ORDER BY values from {@code start} to {@code end} relative to the current row's. */
    public WindowSpec rangeBetween(long start, long end) {
        return new WindowSpec(partition, order, new Frame(false, start, end));
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        if (!partition.isEmpty()) {
            parts.add("PARTITION BY " + partition.stream().map(ColumnNode::display).collect(Collectors.joining(", ")));
        }
        if (!order.isEmpty()) {
            parts.add("ORDER BY " + order.stream().map(ColumnNode::display).collect(Collectors.joining(", ")));
        }
        if (frame != null) {
            parts.add((frame.rows() ? "ROWS" : "RANGE") + " BETWEEN " + bound(frame.start()) + " AND " + bound(frame.end()));
        }
        return String.join(" ", parts);
    }

    private static String bound(long b) {
        if (b == Window.unboundedPreceding) {
            return "UNBOUNDED PRECEDING";
        }
        if (b == Window.unboundedFollowing) {
            return "UNBOUNDED FOLLOWING";
        }
        if (b == 0) {
            return "CURRENT ROW";
        }
        return b < 0 ? -b + " PRECEDING" : b + " FOLLOWING";
    }
}
