package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VarCharAppender;
import dev.ember.physical.plan.WindowCall;
import dev.ember.physical.plan.WindowCall.WindowFunction;
import dev.ember.physical.spill.SpillFile;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

import static dev.ember.physical.plan.WindowCall.UNBOUNDED_FOLLOWING;
import static dev.ember.physical.plan.WindowCall.UNBOUNDED_PRECEDING;

/**
 * One window function's state across the batches of a spilled window partition
 * ({@link SpilledWindowPartition}): given the next rows and their {@link WindowBoundaries} flags,
 * their values. Where a value depends on rows after the current one (a frame's end, a partition's
 * size, LEAD) or before it (LAG), a {@link SpilledRowCursor} over the same file runs ahead or
 * behind, so each function holds a batch or two whatever the partition's size.
 */
sealed interface SpilledWindowFrame extends AutoCloseable
        permits SpilledWindowFrame.Rank, SpilledWindowFrame.Aggregate, SpilledWindowFrame.Value,
        SpilledWindowFrame.Offset, SpilledWindowFrame.Distribution {

    /** The function's values for the next n rows of b, whose flags are at {@code flags}. */
    FieldVector next(ColumnBatch b, long flags, int n, String name);

    @Override
    default void close() {
    }

    /**
     * Whether the call can be evaluated this way: ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK,
     * CUME_DIST, NTILE, LAG, LEAD, and the aggregates and FIRST/NTH/LAST_VALUE over frames from
     * UNBOUNDED PRECEDING to the current row, its last peer or UNBOUNDED FOLLOWING. Frames that
     * slide or start later need their rows at hand.
     */
    static boolean streams(WindowCall c) {
        return switch (c.function()) {
            case ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD -> true;
            case COUNT, COUNT_STAR, SUM, SUM0, AVG, MIN, MAX, FIRST_VALUE, LAST_VALUE, NTH_VALUE -> c.frameStart() == UNBOUNDED_PRECEDING
                    && (c.frameEnd() == 0 || c.frameEnd() == UNBOUNDED_FOLLOWING);
            default -> false;
        };
    }

    /** The state of a call that {@link #streams}, over the rows of {@code file}. */
    static SpilledWindowFrame of(WindowCall c, SpillFile file, BufferAllocator allocator) {
        return switch (c.function()) {
            case ROW_NUMBER, RANK, DENSE_RANK -> new Rank(c, allocator);
            case LAG, LEAD -> new Offset(c, file, allocator);
            case PERCENT_RANK, CUME_DIST, NTILE -> new Distribution(c, file, allocator);
            case MIN, MAX, FIRST_VALUE, LAST_VALUE, NTH_VALUE -> new Value(c, file, allocator);
            default -> new Aggregate(c, file, allocator);
        };
    }

    static int flag(long flags, int r) {
        return MemoryUtil.getInt(flags + 4L * r);
    }

    /** ROW_NUMBER, RANK and DENSE_RANK: counts kept across batches, reset at each partition. */
    final class Rank implements SpilledWindowFrame {
        private final WindowCall call;
        private long rowNumber;
        private long rank;
        private long dense;
        private final BufferAllocator allocator;

        Rank(WindowCall call, BufferAllocator allocator) {
            this.call = call;
            this.allocator = allocator;
        }

        @Override
        public FieldVector next(ColumnBatch b, long flags, int n, String name) {
            long[] v = new long[n];
            for (int r = 0; r < n; r++) {
                int f = flag(flags, r);
                if ((f & WindowBoundaries.PARTITION) != 0) {
                    rowNumber = 0;
                    dense = 0;
                }
                rowNumber++;
                if ((f & WindowBoundaries.PEER) != 0) {
                    rank = rowNumber;
                    dense++;
                }
                v[r] = switch (call.function()) {
                    case ROW_NUMBER -> rowNumber;
                    case RANK -> rank;
                    default -> dense;
                };
            }
            return new WindowEvaluator.Longs(v, null, call.resultType(), allocator).vector(name, 0, n);
        }
    }

    /**
     * A frame aggregate whose frame starts at the partition's start: at the first row of each
     * group of rows sharing one frame end (every row for ROWS .. CURRENT ROW, each peer group for
     * RANGE .. CURRENT ROW, the whole partition for .. UNBOUNDED FOLLOWING) the look-ahead reader
     * adds the group's rows to the running state, which every row of the group then emits.
     */
    final class Aggregate implements SpilledWindowFrame {
        private final WindowCall call;
        private final WindowEvaluator.Acc acc;
        private final RowSink sink;
        private final Ahead ahead;
        private final boolean everyRow;
        private final int groupMask;
        private final BufferAllocator allocator;

        Aggregate(WindowCall call, SpillFile file, BufferAllocator allocator) {
            this.call = call;
            this.allocator = allocator;
            this.acc = new WindowEvaluator.Acc(call.function(), null, call.resultType());
            this.sink = new RowSink() {
                @Override
                public void arg(WindowArg a) {
                    acc.arg(a);
                }

                @Override
                public void add(int row) {
                    acc.add(row);
                }
            };
            int argColumn = call.function() == WindowFunction.COUNT_STAR ? -1 : call.args()[0];
            this.ahead = new Ahead(new SpilledRowCursor(file, allocator), argColumn);
            this.everyRow = call.rowsFrame() && call.frameEnd() == 0;
            this.groupMask = call.frameEnd() == UNBOUNDED_FOLLOWING ? WindowBoundaries.PARTITION : WindowBoundaries.PEER;
        }

        @Override
        public FieldVector next(ColumnBatch b, long flags, int n, String name) {
            acc.output(n);
            for (int r = 0; r < n; r++) {
                int f = flag(flags, r);
                if ((f & WindowBoundaries.PARTITION) != 0) {
                    acc.reset();
                }
                if (everyRow || (f & groupMask) != 0) {
                    ahead.addGroup(sink, everyRow, groupMask);
                }
                acc.emit(r);
            }
            return acc.result(allocator).vector(name, 0, n);
        }

        @Override
        public void close() {
            ahead.close();
        }
    }

    /**
     * FIRST_VALUE, NTH_VALUE, LAST_VALUE, MIN and MAX over a frame that starts at the partition's start: as
     * {@link Aggregate}, with the frame's value held as a copy ({@link FrameValue}).
     */
    final class Value implements SpilledWindowFrame {
        private final FrameValue value;
        private final Ahead ahead;
        private final boolean everyRow;
        private final int groupMask;
        private final BufferAllocator allocator;

        Value(WindowCall call, SpillFile file, BufferAllocator allocator) {
            this.allocator = allocator;
            this.value = new FrameValue(call.function(), call.param(), call.resultType());
            this.ahead = new Ahead(new SpilledRowCursor(file, allocator), call.args()[0]);
            this.everyRow = call.rowsFrame() && call.frameEnd() == 0;
            this.groupMask = call.frameEnd() == UNBOUNDED_FOLLOWING ? WindowBoundaries.PARTITION : WindowBoundaries.PEER;
        }

        @Override
        public FieldVector next(ColumnBatch b, long flags, int n, String name) {
            value.output(name, n, allocator);
            try {
                for (int r = 0; r < n; r++) {
                    int f = flag(flags, r);
                    if ((f & WindowBoundaries.PARTITION) != 0) {
                        value.reset();
                    }
                    if (everyRow || (f & groupMask) != 0) {
                        ahead.addGroup(value, everyRow, groupMask);
                    }
                    value.emit(r);
                }
                return value.result(n);
            } catch (RuntimeException | Error e) {
                value.abandon();
                throw e;
            }
        }

        @Override
        public void close() {
            ahead.close();
        }
    }

    /** What an {@link Ahead} cursor adds the rows of a group to. */
    interface RowSink {
        /** The argument values of the batch the next rows come from. */
        void arg(WindowArg a);

        void add(int row);
    }

    /**
     * PERCENT_RANK, CUME_DIST and NTILE: the partition's size and the number of rows up to the
     * current row's last peer, counted by two readers ahead of the current row, one a partition
     * and one a peer group at a time.
     */
    final class Distribution implements SpilledWindowFrame {
        private final WindowCall call;
        private final Ahead partitionAhead;
        private final Ahead peersAhead;
        private long size;
        private long throughPeers;
        private long rowNumber;
        private long rank;
        private final BufferAllocator allocator;

        Distribution(WindowCall call, SpillFile file, BufferAllocator allocator) {
            this.call = call;
            this.allocator = allocator;
            this.partitionAhead = new Ahead(new SpilledRowCursor(file, allocator), -1);
            try {
                this.peersAhead = new Ahead(new SpilledRowCursor(file, allocator), -1);
            } catch (RuntimeException e) {
                partitionAhead.close();
                throw e;
            }
        }

        @Override
        public FieldVector next(ColumnBatch b, long flags, int n, String name) {
            boolean ntile = call.function() == WindowFunction.NTILE;
            long[] longs = ntile ? new long[n] : null;
            double[] doubles = ntile ? null : new double[n];
            for (int r = 0; r < n; r++) {
                int f = flag(flags, r);
                if ((f & WindowBoundaries.PARTITION) != 0) {
                    size = partitionAhead.addGroup(null, false, WindowBoundaries.PARTITION);
                    throughPeers = 0;
                    rowNumber = 0;
                }
                rowNumber++;
                if ((f & WindowBoundaries.PEER) != 0) {
                    rank = rowNumber;
                    throughPeers += peersAhead.addGroup(null, false, WindowBoundaries.PEER);
                }
                switch (call.function()) {
                    case NTILE -> longs[r] = WindowEvaluator.ntile((int) (rowNumber - 1), (int) size, call.param());
                    case PERCENT_RANK -> doubles[r] = size <= 1 ? 0.0 : (double) (rank - 1) / (size - 1);
                    default -> doubles[r] = (double) throughPeers / size;
                }
            }
            WindowEvaluator.Result result = ntile
                    ? new WindowEvaluator.Longs(longs, null, call.resultType(), allocator)
                    : new WindowEvaluator.Doubles(doubles, null, allocator);
            return result.vector(name, 0, n);
        }

        @Override
        public void close() {
            partitionAhead.close();
            peersAhead.close();
        }
    }

    /**
     * LAG and LEAD: a second reader of the spilled rows kept {@code offset} rows behind or ahead of
     * the current row, whose value is taken when that row is in the current row's partition.
     */
    final class Offset implements SpilledWindowFrame {
        private final WindowCall call;
        private final SpilledRowCursor other;
        private final long offset;
        private final int defaultColumn;
        private final RowCopier.Layout layout;
        private long position = -1;
        private long partitionStart;
        private final BufferAllocator allocator;

        Offset(WindowCall call, SpillFile file, BufferAllocator allocator) {
            this.call = call;
            this.allocator = allocator;
            this.other = new SpilledRowCursor(file, allocator);
            this.offset = call.function() == WindowFunction.LAG ? -call.param() : call.param();
            this.defaultColumn = call.args().length > 1 ? call.args()[1] : -1;
            this.layout = RowCopier.layout(call.resultType());
        }

        @Override
        public FieldVector next(ColumnBatch b, long flags, int n, String name) {
            FieldVector out = Vectors.allocate(name, call.resultType(), allocator, n);
            try {
                VarCharAppender w = layout == RowCopier.Layout.VARIABLE ? new VarCharAppender((BaseVariableWidthVector) out) : null;
                long od = w == null ? out.getDataBuffer().memoryAddress() : 0;
                int column = call.args()[0];
                for (int r = 0; r < n; r++) {
                    position++;
                    if ((flag(flags, r) & WindowBoundaries.PARTITION) != 0) {
                        partitionStart = position;
                    }
                    long target = position + offset;
                    if (target >= 0 && other.seek(target) && other.partitionStart() == partitionStart) {
                        WindowEvaluator.copyCell(other.batch().vector(column), other.row(), layout, out, od, w, r);
                    } else {
                        // Outside the partition: this row's default, else NULL.
                        WindowEvaluator.copyCell(defaultColumn < 0 ? null : b.vector(defaultColumn), r, layout, out, od, w, r);
                    }
                }
                if (w != null) {
                    w.finish(n);
                } else {
                    out.setValueCount(n);
                }
                return out;
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }

        @Override
        public void close() {
            other.close();
        }
    }

    /**
     * A cursor ahead of the current row, standing on the first row not yet counted: adds the rows
     * from there to the next group start (just that row when everyRow) to a sink, if any, and
     * returns how many there were.
     */
    final class Ahead implements AutoCloseable {
        private final SpilledRowCursor cursor;
        private final int argColumn;
        private ColumnBatch argBatch;

        Ahead(SpilledRowCursor cursor, int argColumn) {
            this.cursor = cursor;
            this.argColumn = argColumn;
        }

        long addGroup(RowSink sink, boolean everyRow, int mask) {
            if (!cursor.onRow() && !cursor.advance()) {
                throw new IllegalStateException("window look-ahead passed the end of the spilled rows");
            }
            long count = 0;
            do {
                if (sink != null) {
                    ColumnBatch b = cursor.batch();
                    if (b != argBatch && argColumn >= 0) {
                        // A new batch: its argument values, read once.
                        sink.arg(WindowArg.read(List.of(b), b.rowCount(), b.rowCount(), argColumn));
                        argBatch = b;
                    }
                    sink.add(cursor.row());
                }
                count++;
                if (!cursor.advance()) {
                    return count;
                }
            } while (!everyRow && (cursor.flags() & mask) == 0);
            return count;
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
