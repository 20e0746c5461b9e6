package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.plan.SortKey;
import dev.ember.physical.plan.WindowCall;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Window functions over one partition of the input (the planner hash-partitioned it on the
 * PARTITION BY keys): gathers the rows and sorts them by (partition keys, order keys) with the
 * sort's {@link SortedRows} (and its memory accounting), finds where each window partition and
 * each peer group (rows equal on the ORDER BY keys) starts, evaluates every function over the
 * sorted rows with {@link WindowEvaluator}, and emits the rows in that order with one column
 * appended per function.
 */
public final class WindowOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private final Schema outSchema;
    private final int[] partitionKeys;
    private final List<SortKey> orderKeys;
    private final List<WindowCall> calls;
    private final SortedRows rows;
    private Iterator<ColumnBatch> output;
    private ColumnBatch current;

    public WindowOp(CloseableIterator<ColumnBatch> input, Schema inSchema, int[] partitionKeys, List<SortKey> orderKeys,
                    List<WindowCall> calls, Schema outSchema, TaskContext ctx, OperatorMetrics metrics, int batchSize) {
        this.input = input;
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.outSchema = outSchema;
        this.partitionKeys = partitionKeys;
        this.orderKeys = orderKeys;
        this.calls = calls;
        this.rows = new SortedRows(inSchema, sortKeys(partitionKeys, orderKeys), ctx.allocator(), batchSize);
    }

    private static List<SortKey> sortKeys(int[] partitionKeys, List<SortKey> orderKeys) {
        List<SortKey> keys = new ArrayList<>();
        for (int k : partitionKeys) {
            keys.add(new SortKey(k, true, true));
        }
        keys.addAll(orderKeys);
        return keys;
    }

    private void compute() {
        long start = System.nanoTime();
        while (input.hasNext()) {
            ColumnBatch b = input.next();
            ctx.checkCancelled();
            rows.add(b, null, 0, b.rowCount());
        }
        metrics.recordMemory(rows.memoryBytes());
        int[] order = rows.sortedOrder();
        int n = order.length;
        List<ColumnBatch> sorted;
        try (BatchAppender out = new BatchAppender(rows.schema(), ctx.allocator(), batchSize)) {
            rows.emit(order, 0, n, out, batchSize);
            sorted = out.finish();
        }
        rows.close();
        List<ColumnBatch> result = new ArrayList<>();
        try {
            boolean[] newPartition = boundaries(sorted, partitionKeys.length == 0 ? List.of() : sortKeys(partitionKeys, List.of()), n);
            boolean[] newPeer = boundaries(sorted, orderKeys, n);
            WindowEvaluator eval = new WindowEvaluator(sorted, batchSize, n, newPartition, newPeer, ctx.allocator());
            List<WindowEvaluator.Result> results = new ArrayList<>();
            for (WindowCall c : calls) {
                ctx.checkCancelled();
                results.add(eval.evaluate(c));
            }
            int from = 0;
            for (ColumnBatch b : sorted) {
                int count = b.rowCount();
                FieldVector[] vs = new FieldVector[outSchema.size()];
                int in = b.columnCount();
                for (int i = 0; i < in; i++) {
                    vs[i] = b.vector(i);
                }
                for (int f = 0; f < results.size(); f++) {
                    vs[in + f] = results.get(f).vector(outSchema.field(in + f).name(), from, count);
                }
                result.add(new ColumnBatch(outSchema, vs, count));
                from += count;
            }
        } catch (RuntimeException | Error e) {
            result.forEach(ColumnBatch::close);
            sorted.forEach(ColumnBatch::close);
            throw e;
        }
        output = result.iterator();
        metrics.nanos.add(System.nanoTime() - start);
    }

    /** Row i starts a new group when its key (the given columns) differs from row i-1's; row 0 always does. */
    private boolean[] boundaries(List<ColumnBatch> sorted, List<SortKey> keys, int n) {
        boolean[] starts = new boolean[n];
        if (n == 0) {
            return starts;
        }
        starts[0] = true;
        if (keys.isEmpty()) {
            return starts;
        }
        DataType[] types = keys.stream().map(k -> rows.schema().type(k.column())).toArray(DataType[]::new);
        SortKeyEncoder enc = new SortKeyEncoder(keys, types);
        ArrowBuf prev = null;
        ArrowBuf cur = null;
        int prevLen = 0;
        try {
            int i = 0;
            for (ColumnBatch b : sorted) {
                FieldVector[] cols = b.vectors();
                for (int r = 0; r < b.rowCount(); r++, i++) {
                    cur = SortKeyEncoder.ensure(cur, enc.maxLength(cols, r), ctx.allocator());
                    int len = enc.encodeInto(cols, r, cur);
                    if (i > 0) {
                        starts[i] = SortKeyEncoder.compare(prev.memoryAddress(), prevLen, cur.memoryAddress(), len) != 0;
                    }
                    ArrowBuf t = prev;
                    prev = cur;
                    cur = t;
                    prevLen = len;
                }
            }
        } finally {
            if (prev != null) {
                prev.close();
            }
            if (cur != null) {
                cur.close();
            }
        }
        return starts;
    }

    @Override
    public boolean hasNext() {
        if (output == null) {
            compute();
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
