package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.plan.AggMode;
import dev.ember.physical.plan.AggregateCall;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import dev.ember.physical.spill.HashSpillPartitioner;
import dev.ember.physical.spill.SpillFile;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Hash aggregation that stays within its memory share. A PARTIAL aggregation that runs short
 * emits what it has and starts a fresh table (the final side merges the pieces, as a MapReduce
 * combiner may run several times). A FINAL or COMPLETE aggregation that runs short writes its
 * groups as states, and the rest of its input, into {@value HashSpillPartitioner#FANOUT} files by a
 * hash of the keys; each file is then aggregated on its own (recursively, with another hash).
 */
public final class SpillingHashAggregate implements CloseableIterator<ColumnBatch> {
    /** Past this depth of re-partitioning the data is all one key: aggregate in memory regardless. */
    private static final int MAX_DEPTH = 3;

    private final CloseableIterator<ColumnBatch> input;
    private final CloseableIterator<ColumnBatch> view;
    private final AggMode mode;
    private final int[] keys;
    private final List<AggregateCall> calls;
    private final Schema inputSchema;
    private final Schema outputSchema;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private final int depth;

    private HashAggregateOp op;
    private SpillFile[] spilled;
    private int spillIndex;
    private CloseableIterator<ColumnBatch> spillReader;
    private SpillingHashAggregate spillAggregate;
    private CloseableIterator<ColumnBatch> active;

    public SpillingHashAggregate(CloseableIterator<ColumnBatch> input, AggMode mode, int[] keys,
                                 List<AggregateCall> calls, Schema inputSchema, Schema outputSchema,
                                 TaskContext ctx, OperatorMetrics metrics, int batchSize) {
        this(input, mode, keys, calls, inputSchema, outputSchema, ctx, metrics, batchSize, 0);
    }

    private SpillingHashAggregate(CloseableIterator<ColumnBatch> input, AggMode mode, int[] keys,
                                  List<AggregateCall> calls, Schema inputSchema, Schema outputSchema,
                                  TaskContext ctx, OperatorMetrics metrics, int batchSize, int depth) {
        this.input = input;
        this.view = new Unclosed(input);
        this.mode = mode;
        this.keys = keys;
        this.calls = calls;
        this.inputSchema = inputSchema;
        this.outputSchema = outputSchema;
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.depth = depth;
        this.op = newOp();
        this.active = op;
    }

    private HashAggregateOp newOp() {
        boolean mayStop = keys.length > 0 && (mode == AggMode.PARTIAL || (depth < MAX_DEPTH && statesAreInput()));
        return new HashAggregateOp(view, mode, keys, calls, inputSchema, outputSchema, ctx, metrics, batchSize, mayStop);
    }

    /** FINAL input must be keys then states (what PARTIAL emits) to be spilled as it is. */
    private boolean statesAreInput() {
        if (mode == AggMode.COMPLETE) {
            return true;
        }
        for (int k = 0; k < keys.length; k++) {
            if (keys[k] != k) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean hasNext() {
        while (true) {
            if (active == op && op != null && op.pausedForMemory() && spilled == null) {
                if (mode == AggMode.PARTIAL) {
                    // Emit what this table holds, then continue with a fresh one.
                    if (op.hasNext()) {
                        return true;
                    }
                    op.close();
                    metrics.spills.increment();
                    op = newOp();
                    active = op;
                    continue;
                }
                spill();
                continue;
            }
            if (active != null && active.hasNext()) {
                return true;
            }
            if (spilled == null || !nextSpillPartition()) {
                return false;
            }
        }
    }

    /** Writes the table (as states) and the remaining input to hash partitions on disk. */
    private void spill() {
        Schema states = op.emitStates();
        HashSpillPartitioner partitioner = new HashSpillPartitioner(ctx, states, firstColumns(keys.length), depth, "agg");
        try {
            while (op.hasNext()) {
                partitioner.write(op.next());
            }
            op.close();
            op = null;
            if (mode == AggMode.FINAL) {
                while (input.hasNext()) {
                    ctx.checkCancelled();
                    partitioner.write(input.next());
                }
            } else {
                // COMPLETE: pre-aggregate the rest into states (flushing whenever memory is short).
                try (SpillingHashAggregate partial = new SpillingHashAggregate(view, AggMode.PARTIAL, keys, calls,
                        inputSchema, states, ctx, metrics, batchSize, depth)) {
                    while (partial.hasNext()) {
                        partitioner.write(partial.next());
                    }
                }
            }
            spilled = partitioner.finish();
        } finally {
            partitioner.close();
        }
        long bytes = partitioner.bytesWritten();
        metrics.bytesSpilled.add(bytes);
        metrics.spills.increment();
        ctx.metrics().bytesSpilled += bytes;
        spillIndex = 0;
        active = null;
    }

    private boolean nextSpillPartition() {
        closeSpillPartition();
        if (spillIndex >= spilled.length) {
            return false;
        }
        SpillFile f = spilled[spillIndex++];
        spillReader = f.read(ctx.allocator());
        spillAggregate = new SpillingHashAggregate(spillReader, AggMode.FINAL, firstColumns(keys.length), calls,
                f.schema(), outputSchema, ctx, metrics, batchSize, depth + 1);
        active = spillAggregate;
        return true;
    }

    private void closeSpillPartition() {
        if (spillAggregate != null) {
            spillAggregate.close();
            spillAggregate = null;
            spillReader = null;
            spilled[spillIndex - 1].delete();
        }
    }

    private static int[] firstColumns(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return active.next();
    }

    @Override
    public void close() {
        if (op != null) {
            op.close();
            op = null;
        }
        closeSpillPartition();
        if (spilled != null) {
            for (SpillFile f : spilled) {
                f.delete();
            }
        }
        input.close();
    }

    /** The input lent to each table in turn; only this operator closes the real one. */
    private record Unclosed(CloseableIterator<ColumnBatch> in) implements CloseableIterator<ColumnBatch> {
        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public ColumnBatch next() {
            return in.next();
        }

        @Override
        public void close() {
        }
    }
}
