package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VarCharAppender;
import dev.ember.physical.plan.WindowCall;
import dev.ember.physical.plan.WindowCall.WindowFunction;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.spill.SpillFile;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

import java.util.List;
import java.util.NoSuchElementException;

import static dev.ember.physical.plan.WindowCall.UNBOUNDED_FOLLOWING;
import static dev.ember.physical.plan.WindowCall.UNBOUNDED_PRECEDING;

/**
 * Window functions over sorted rows that did not fit in memory (one window partition larger than
 * the task's share, with whatever small partitions came before it), read back from a spill file
 * whose last column holds the {@link WindowBoundaries} flags of each row. The rows are emitted a
 * batch at a time as they are read; each function keeps a running state, and a frame that reaches
 * past the current row (to the last peer, or the partition's end) is summed ahead of it by a
 * second reader of the same file, so memory is a few batches whatever the partition's size.
 *
 * <p>Only functions that need no random access are evaluated this way: ROW_NUMBER, RANK,
 * DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE (sizes counted ahead), LAG and LEAD (a reader kept
 * the offset behind or ahead), and COUNT/SUM/AVG over
 * frames that start at UNBOUNDED PRECEDING and end at the current row, its last peer or
 * UNBOUNDED FOLLOWING. {@link #unsupported} names the others.
 */
final class SpilledWindowPartition implements CloseableIterator<ColumnBatch> {
    private final SpillFile file;
    private final CloseableIterator<ColumnBatch> rows;
    private final Schema outSchema;
    private final int flagsColumn;
    private final BufferAllocator allocator;
    private final Frame[] frames;

    SpilledWindowPartition(SpillFile file, List<WindowCall> calls, Schema outSchema, BufferAllocator allocator) {
        this.file = file;
        this.outSchema = outSchema;
        this.flagsColumn = file.schema().size() - 1;
        this.allocator = allocator;
        this.frames = new Frame[calls.size()];
        this.rows = file.read(allocator);
        try {
            for (int i = 0; i < frames.length; i++) {
                WindowCall c = calls.get(i);
                frames[i] = switch (c.function()) {
                    case ROW_NUMBER, RANK, DENSE_RANK -> new Rank(c);
                    case LAG, LEAD -> new Offset(c, file.read(allocator), flagsColumn);
                    case PERCENT_RANK, CUME_DIST, NTILE -> new Distribution(c, flagsColumn);
                    default -> new Aggregate(c, file.read(allocator), flagsColumn);
                };
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The first call that cannot be evaluated from a spilled partition, or null if all can. */
    static WindowCall unsupported(List<WindowCall> calls) {
        for (WindowCall c : calls) {
            boolean ok = switch (c.function()) {
                case ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD -> true;
                case COUNT, COUNT_STAR, SUM, SUM0, AVG -> c.frameStart() == UNBOUNDED_PRECEDING
                        && (c.frameEnd() == 0 || c.frameEnd() == UNBOUNDED_FOLLOWING);
                default -> false;
            };
            if (!ok) {
                return c;
            }
        }
        return null;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        // The reader's batch is borrowed: its buffers move to the output batch.
        ColumnBatch b = rows.next().transferTo(allocator);
        int n = b.rowCount();
        int in = flagsColumn;
        FieldVector[] vs = new FieldVector[outSchema.size()];
        try {
            long flags = b.vector(flagsColumn).getDataBuffer().memoryAddress();
            for (int f = 0; f < frames.length; f++) {
                vs[in + f] = frames[f].next(b, flags, n, outSchema.field(in + f).name());
            }
        } catch (RuntimeException | Error e) {
            for (FieldVector v : vs) {
                if (v != null) {
                    v.close();
                }
            }
            b.close();
            throw e;
        }
        for (int i = 0; i < in; i++) {
            vs[i] = b.vector(i);
        }
        b.vector(flagsColumn).close();
        return new ColumnBatch(outSchema, vs, n);
    }

    /** Closes the readers and deletes the spill file. */
    @Override
    public void close() {
        rows.close();
        for (Frame f : frames) {
            if (f != null) {
                f.close();
            }
        }
        file.delete();
    }

    static int flag(long flags, int r) {
        return MemoryUtil.getInt(flags + 4L * r);
    }

    /** One function's state across the batches of the spilled rows. */
    private sealed interface Frame permits Rank, Aggregate, Offset, Distribution {
        /** The function's values for the next n rows, whose flags are at {@code flags}. */
        FieldVector next(ColumnBatch b, long flags, int n, String name);

        default void close() {
        }
    }

    /** ROW_NUMBER, RANK and DENSE_RANK: counts kept across batches, reset at each partition. */
    private final class Rank implements Frame {
        private final WindowCall call;
        private long rowNumber;
        private long rank;
        private long dense;

        Rank(WindowCall call) {
            this.call = call;
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
    private final class Aggregate implements Frame {
        private final WindowCall call;
        private final WindowEvaluator.Acc acc;
        private final Lookahead ahead;
        private final boolean everyRow;
        private final int groupMask;

        Aggregate(WindowCall call, CloseableIterator<ColumnBatch> reader, int flagsColumn) {
            this.call = call;
            this.acc = new WindowEvaluator.Acc(call.function(), null, call.resultType());
            int argColumn = call.function() == WindowFunction.COUNT_STAR ? -1 : call.args()[0];
            this.ahead = new Lookahead(reader, flagsColumn, argColumn);
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
                    ahead.addGroup(acc, everyRow, groupMask);
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
     * PERCENT_RANK, CUME_DIST and NTILE: the partition's size and the number of rows up to the
     * current row's last peer, counted by two readers ahead of the current row, one a partition
     * and one a peer group at a time.
     */
    private final class Distribution implements Frame {
        private final WindowCall call;
        private final Lookahead partitionAhead;
        private final Lookahead peersAhead;
        private long size;
        private long throughPeers;
        private long rowNumber;
        private long rank;

        Distribution(WindowCall call, int flagsColumn) {
            this.call = call;
            this.partitionAhead = new Lookahead(file.read(allocator), flagsColumn, -1);
            this.peersAhead = new Lookahead(file.read(allocator), flagsColumn, -1);
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
    private final class Offset implements Frame {
        private final WindowCall call;
        private final Shifted other;
        private final long offset;
        private final int defaultColumn;
        private final RowCopier.Layout layout;
        private long position = -1;
        private long partitionStart;

        Offset(WindowCall call, CloseableIterator<ColumnBatch> reader, int flagsColumn) {
            this.call = call;
            this.other = new Shifted(reader, flagsColumn);
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
                    if (target >= 0 && other.seek(target) && other.partitionStart == partitionStart) {
                        WindowEvaluator.copyCell(other.batch.vector(column), other.row, layout, out, od, w, r);
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
            other.reader.close();
        }
    }

    /** A reader of the spilled rows moved forward row by row, knowing where its row's partition starts. */
    private final class Shifted {
        final CloseableIterator<ColumnBatch> reader;
        private final int flagsColumn;
        ColumnBatch batch;
        int row;
        private long flags;
        private long position = -1;
        private boolean exhausted;
        long partitionStart;

        Shifted(CloseableIterator<ColumnBatch> reader, int flagsColumn) {
            this.reader = reader;
            this.flagsColumn = flagsColumn;
        }

        /** Moves to global row p (not before the current one); false past the last row. */
        boolean seek(long p) {
            if (exhausted) {
                return false;
            }
            while (position < p) {
                if (batch == null || ++row >= batch.rowCount()) {
                    if (!load()) {
                        return false;
                    }
                }
                position++;
                if ((flag(flags, row) & WindowBoundaries.PARTITION) != 0) {
                    partitionStart = position;
                }
            }
            return true;
        }

        private boolean load() {
            while (reader.hasNext()) {
                batch = reader.next();
                if (batch.rowCount() > 0) {
                    row = 0;
                    flags = batch.vector(flagsColumn).getDataBuffer().memoryAddress();
                    return true;
                }
            }
            batch = null;
            exhausted = true;
            return false;
        }
    }

    /** A second reader of the spilled rows, at the first row not yet added to an aggregate. */
    private final class Lookahead {
        private final CloseableIterator<ColumnBatch> reader;
        private final int flagsColumn;
        private final int argColumn;
        private ColumnBatch batch;
        private long flags;
        private int row;

        Lookahead(CloseableIterator<ColumnBatch> reader, int flagsColumn, int argColumn) {
            this.reader = reader;
            this.flagsColumn = flagsColumn;
            this.argColumn = argColumn;
        }

        /**
         * Adds the rows from here to the next group start (just this row when everyRow) to acc,
         * if any; returns how many there were.
         */
        long addGroup(WindowEvaluator.Acc acc, boolean everyRow, int mask) {
            if ((batch == null || row >= batch.rowCount()) && !load(acc)) {
                throw new IllegalStateException("window look-ahead passed the end of the spilled rows");
            }
            long count = 0;
            do {
                if (acc != null) {
                    acc.add(row);
                }
                row++;
                count++;
                if (row >= batch.rowCount() && !load(acc)) {
                    return count;
                }
            } while (!everyRow && (flag(flags, row) & mask) == 0);
            return count;
        }

        /** Moves to the next non-empty batch (the previous one is released by the reader). */
        private boolean load(WindowEvaluator.Acc acc) {
            while (reader.hasNext()) {
                batch = reader.next();
                int n = batch.rowCount();
                if (n > 0) {
                    row = 0;
                    flags = batch.vector(flagsColumn).getDataBuffer().memoryAddress();
                    if (argColumn >= 0 && acc != null) {
                        acc.arg(WindowArg.read(List.of(batch), n, n, argColumn));
                    }
                    return true;
                }
            }
            batch = null;
            return false;
        }

        void close() {
            reader.close();
        }
    }
}
