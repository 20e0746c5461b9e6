package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.ErrorClass;
import dev.ember.common.ResourceException;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.memory.MemoryBudget;
import dev.ember.physical.plan.SortKey;
import dev.ember.physical.plan.WindowCall;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import dev.ember.physical.spill.SpillFile;
import dev.ember.physical.spill.Spills;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Window functions over one partition of the input (the planner hash-partitioned it on the
 * PARTITION BY keys), as Spark's WindowExec: the rows come from an external sort by (partition
 * keys, order keys) ({@link SortOp}, which spills), and are buffered one window partition at a
 * time; when a partition ends, the buffered partitions are evaluated with {@link WindowEvaluator}
 * and emitted with one column appended per function. Memory is bounded by the largest window
 * partition (several small ones are evaluated together, a batch's worth at least).
 *
 * <p>A window partition larger than the task's share of {@code ember.memory.limit} is written to
 * a spill file as it arrives and evaluated by streaming it back ({@link SpilledWindowPartition})
 * when the functions allow it; otherwise it stays in memory, and if the memory runs out the query
 * fails with MEMORY_LIMIT_EXCEEDED naming the function (see docs/architecture.md, "Window").
 */
public final class WindowOp implements CloseableIterator<ColumnBatch> {
    private final SortOp sorted;
    private final OperatorMetrics sortMetrics;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private final Schema bufferSchema;
    private final Schema outSchema;
    private final List<WindowCall> calls;
    private final WindowBoundaries boundaries;
    /** Rows of the window partitions buffered so far, the input columns then the flags. */
    private final BatchAppender buffer;
    private long bufferRows;
    private int[] flags = new int[0];
    /** The open partition's spill file while it is larger than memory allows, else null. */
    private SpillFile spill;
    /** The evaluated partitions being emitted (from memory or streamed from disk), else null. */
    private CloseableIterator<ColumnBatch> output;
    /** The functions that stop a large partition from spilling, once it has grown past the budget. */
    private WindowCall inMemoryOnly;
    private boolean started;
    private boolean inputDone;
    private ColumnBatch current;

    public WindowOp(CloseableIterator<ColumnBatch> input, Schema inSchema, int[] partitionKeys, List<SortKey> orderKeys,
                    List<WindowCall> calls, Schema outSchema, TaskContext ctx, OperatorMetrics metrics, int batchSize) {
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.outSchema = outSchema;
        this.calls = calls;
        List<SortKey> partitionSort = new ArrayList<>();
        for (int k : partitionKeys) {
            partitionSort.add(new SortKey(k, true, true));
        }
        List<SortKey> keys = new ArrayList<>(partitionSort);
        keys.addAll(orderKeys);
        // The sort's own counters (rows out, time) would count twice; its spills are added to ours.
        this.sortMetrics = new OperatorMetrics(metrics.operatorId() + "-sort");
        this.sorted = new SortOp(input, inSchema, keys, ctx, sortMetrics, batchSize);
        List<Field> fields = new ArrayList<>(inSchema.fields());
        fields.add(Field.of("__window_flags", DataType.INT));
        this.bufferSchema = new Schema(fields);
        this.boundaries = new WindowBoundaries(inSchema, partitionSort, orderKeys, ctx.allocator());
        this.buffer = new BatchAppender(bufferSchema, ctx.allocator(), batchSize);
    }

    @Override
    public boolean hasNext() {
        while (true) {
            if (output != null) {
                if (output.hasNext()) {
                    return true;
                }
                output.close();
                output = null;
            }
            if (inputDone) {
                return false;
            }
            long start = System.nanoTime();
            try {
                advance();
            } catch (OutOfMemoryException e) {
                throw outOfMemory(e);
            }
            metrics.nanos.add(System.nanoTime() - start);
        }
    }

    /** Reads one sorted batch into the buffer, evaluating the partitions it completes. */
    private void advance() {
        boolean more = sorted.hasNext();
        if (!started) {
            started = true;
            metrics.bytesSpilled.add(sortMetrics.bytesSpilled.sum());
            metrics.spills.add(sortMetrics.spills.sum());
            metrics.recordMemory(sortMetrics.peakMemory());
        }
        if (!more) {
            inputDone = true;
            flush();
            return;
        }
        ColumnBatch b = sorted.next();
        ctx.checkCancelled();
        int n = b.rowCount();
        if (n == 0) {
            return;
        }
        if (flags.length < n) {
            flags = new int[n];
        }
        boundaries.flags(b, flags);
        int cut = n - 1;
        while (cut >= 0 && (flags[cut] & WindowBoundaries.PARTITION) == 0) {
            cut--;
        }
        FieldVector[] src = new FieldVector[bufferSchema.size()];
        System.arraycopy(b.vectors(), 0, src, 0, b.columnCount());
        try (FieldVector flagVector = flagVector(n)) {
            src[src.length - 1] = flagVector;
            if (cut < 0) {
                append(src, 0, n);
                return;
            }
            // Rows before the last partition start complete the buffered partitions.
            append(src, 0, cut);
            if (spill != null || bufferRows >= batchSize) {
                flush();
            }
            append(src, cut, n - cut);
        }
    }

    private FieldVector flagVector(int n) {
        FieldVector v = Vectors.allocate("__window_flags", DataType.INT, ctx.allocator(), n);
        long data = v.getDataBuffer().memoryAddress();
        long validity = v.getValidityBuffer().memoryAddress();
        for (int r = 0; r < n; r++) {
            MemoryUtil.putInt(data + 4L * r, flags[r]);
            Bits.set(validity, r);
        }
        v.setValueCount(n);
        return v;
    }

    private void append(FieldVector[] src, int from, int count) {
        if (count == 0) {
            return;
        }
        buffer.append(src, null, from, count);
        bufferRows += count;
        if (spill != null) {
            writeReady();
            return;
        }
        long bytes = buffer.bytesHeld();
        metrics.recordMemory(bytes);
        if (inMemoryOnly == null && MemoryBudget.shouldSpill(ctx, bytes)) {
            inMemoryOnly = SpilledWindowPartition.unsupported(calls);
            if (inMemoryOnly == null) {
                spill = Spills.create(ctx, bufferSchema, "window-partition");
                writeReady();
            }
        }
    }

    private void writeReady() {
        for (ColumnBatch b : buffer.takeReady()) {
            try (b) {
                spill.write(b);
            }
        }
    }

    /** Evaluates the buffered partitions (all complete): from memory, or streamed from their spill file. */
    private void flush() {
        if (spill != null) {
            writeReady();
            for (ColumnBatch b : buffer.finish()) {
                try (b) {
                    spill.write(b);
                }
            }
            spill.finish();
            metrics.bytesSpilled.add(spill.bytes());
            metrics.spills.increment();
            ctx.metrics().bytesSpilled += spill.bytes();
            SpillFile file = spill;
            spill = null;
            bufferRows = 0;
            output = new SpilledWindowPartition(file, calls, outSchema, ctx.allocator());
            return;
        }
        List<ColumnBatch> batches = buffer.finish();
        if (batches.isEmpty()) {
            return;
        }
        try {
            evaluate(batches, (int) bufferRows);
        } catch (RuntimeException | Error e) {
            batches.forEach(ColumnBatch::close);
            throw e;
        }
        bufferRows = 0;
        // The next partition is checked against the budget afresh.
        inMemoryOnly = null;
    }

    private void evaluate(List<ColumnBatch> batches, int n) {
        boolean[] newPartition = new boolean[n];
        boolean[] newPeer = new boolean[n];
        int i = 0;
        int flagsColumn = bufferSchema.size() - 1;
        for (ColumnBatch b : batches) {
            long f = b.vector(flagsColumn).getDataBuffer().memoryAddress();
            for (int r = 0; r < b.rowCount(); r++, i++) {
                int flag = MemoryUtil.getInt(f + 4L * r);
                newPartition[i] = (flag & WindowBoundaries.PARTITION) != 0;
                newPeer[i] = (flag & WindowBoundaries.PEER) != 0;
            }
        }
        WindowEvaluator eval = new WindowEvaluator(batches, batchSize, n, newPartition, newPeer, ctx.allocator());
        List<WindowEvaluator.Result> results = new ArrayList<>();
        for (WindowCall c : calls) {
            ctx.checkCancelled();
            results.add(eval.evaluate(c));
        }
        output = new BufferedWindowPartitions(batches, results, outSchema);
    }

    /**
     * Names the cause when the memory ran out while a window partition too large for the budget
     * was held because one of the functions cannot stream it; other shortfalls go up as they are.
     */
    private RuntimeException outOfMemory(OutOfMemoryException e) {
        if (inMemoryOnly == null) {
            return e;
        }
        long limit = ctx.conf().get(EmberConf.MEMORY_LIMIT);
        return new ResourceException(ErrorClass.MEMORY_LIMIT_EXCEEDED, "a window partition of the Window operator "
                + metrics.operatorId() + " (" + bufferRows + " rows so far) needs more memory than ember.memory.limit ("
                + limit + " bytes) allows: " + inMemoryOnly + " cannot be evaluated from a spilled partition, so the"
                + " partition must fit in memory (see docs/architecture.md, Window)", e);
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (current != null) {
            current.close();
        }
        // A spilled partition streams for as long as it is read: the query may be cancelled meanwhile.
        ctx.checkCancelled();
        current = output.next();
        metrics.outputRows.add(current.rowCount());
        metrics.outputBatches.increment();
        return current;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (output != null) {
            output.close();
            output = null;
        }
        if (spill != null) {
            spill.delete();
            spill = null;
        }
        buffer.close();
        boundaries.close();
        sorted.close();
    }
}
