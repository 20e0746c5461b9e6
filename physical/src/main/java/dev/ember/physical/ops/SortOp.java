package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.plan.SortKey;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Sorts one partition: gathers all rows with normalized keys, sorts, and emits in order. */
public final class SortOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private final SortedRows rows;
    private Iterator<ColumnBatch> output;
    private List<ColumnBatch> outputBatches;
    private ColumnBatch current;

    public SortOp(CloseableIterator<ColumnBatch> input, Schema schema, List<SortKey> keys, TaskContext ctx,
                  OperatorMetrics metrics, int batchSize) {
        this.input = input;
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.rows = new SortedRows(schema, keys, ctx.allocator(), batchSize);
    }

    private void sort() {
        long start = System.nanoTime();
        while (input.hasNext()) {
            ColumnBatch b = input.next();
            ctx.checkCancelled();
            rows.add(b, null, 0, b.rowCount());
        }
        metrics.recordMemory(rows.memoryBytes());
        int[] order = rows.sortedOrder();
        try (BatchAppender out = new BatchAppender(rows.schema(), ctx.allocator(), batchSize)) {
            rows.emit(order, 0, order.length, out, batchSize);
            outputBatches = out.finish();
        }
        rows.close();
        output = outputBatches.iterator();
        metrics.nanos.add(System.nanoTime() - start);
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
        if (current != null) {
            current.close();
        }
        current = output.next();
        metrics.outputRows.add(current.rowCount());
        metrics.outputBatches.increment();
        return current;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
        if (output != null) {
            output.forEachRemaining(ColumnBatch::close);
        }
        rows.close();
        input.close();
    }
}
