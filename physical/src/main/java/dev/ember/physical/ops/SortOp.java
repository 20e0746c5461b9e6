package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.plan.SortKey;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;

import dev.ember.physical.memory.MemoryBudget;
import dev.ember.physical.spill.SpillFile;
import dev.ember.physical.spill.Spills;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Sorts one partition: gathers all rows with normalized keys, sorts, and emits in order. */
public final class SortOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private final Schema schema;
    private final List<SortKey> keys;
    private SortedRows rows;
    private final List<SpillFile> runs = new ArrayList<>();
    private SortedRunMerger merger;
    private Iterator<ColumnBatch> output;
    private List<ColumnBatch> outputBatches;
    private ColumnBatch current;

    public SortOp(CloseableIterator<ColumnBatch> input, Schema schema, List<SortKey> keys, TaskContext ctx,
                  OperatorMetrics metrics, int batchSize) {
        this.input = input;
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.schema = schema;
        this.keys = keys;
        this.rows = new SortedRows(schema, keys, ctx.allocator(), batchSize);
    }

    private void sort() {
        long start = System.nanoTime();
        while (input.hasNext()) {
            ColumnBatch b = input.next();
            ctx.checkCancelled();
            rows.add(b, null, 0, b.rowCount());
            if (MemoryBudget.shouldSpill(ctx, rows.memoryBytes())) {
                spillRun();
            }
        }
        metrics.recordMemory(rows.memoryBytes());
        if (!runs.isEmpty()) {
            // External sort: the last rows become a run too, then all runs are merged from disk.
            spillRun();
            merger = new SortedRunMerger(runs, schema, keys, ctx.allocator(), batchSize);
            output = merger;
        } else {
            int[] order = rows.sortedOrder();
            try (BatchAppender out = new BatchAppender(rows.schema(), ctx.allocator(), batchSize)) {
                rows.emit(order, 0, order.length, out, batchSize);
                outputBatches = out.finish();
            }
            rows.close();
            output = outputBatches.iterator();
        }
        metrics.nanos.add(System.nanoTime() - start);
    }

    /** Sorts the rows held so far and writes them to disk as one sorted run. */
    private void spillRun() {
        if (rows.size() == 0) {
            return;
        }
        metrics.recordMemory(rows.memoryBytes());
        int[] order = rows.sortedOrder();
        SpillFile run = Spills.create(ctx, schema, "sort-run");
        runs.add(run);
        try (BatchAppender out = new BatchAppender(rows.schema(), ctx.allocator(), batchSize)) {
            int from = 0;
            while (from < order.length) {
                // Emit a batch at a time so the sorted copy never doubles the memory held.
                int to = Math.min(order.length, from + batchSize);
                rows.emit(order, from, to, out, batchSize);
                for (ColumnBatch b : out.takeReady()) {
                    try (b) {
                        run.write(b);
                    }
                }
                from = to;
            }
            for (ColumnBatch b : out.finish()) {
                try (b) {
                    run.write(b);
                }
            }
        }
        run.finish();
        metrics.bytesSpilled.add(run.bytes());
        metrics.spills.increment();
        ctx.metrics().bytesSpilled += run.bytes();
        rows.close();
        rows = new SortedRows(schema, keys, ctx.allocator(), batchSize);
    }

    @Override
    public boolean hasNext() {
        if (output == null) {
            sort();
        }
        return output.hasNext();
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (current != null && merger == null) {
            current.close();
        }
        current = output.next();
        metrics.outputRows.add(current.rowCount());
        metrics.outputBatches.increment();
        return current;
    }

    @Override
    public void close() {
        if (merger != null) {
            merger.close();
        } else {
            if (current != null) {
                current.close();
            }
            if (output != null) {
                output.forEachRemaining(ColumnBatch::close);
            }
        }
        runs.forEach(SpillFile::delete);
        rows.close();
        input.close();
    }
}
