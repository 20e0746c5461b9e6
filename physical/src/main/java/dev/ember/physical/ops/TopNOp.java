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

/**
 * ORDER BY ... LIMIT k: keeps only candidate rows. Once k rows are held, a row enters only if
 * it sorts before the current k-th key; when the held rows reach 4k they are sorted and cut
 * back to k. Memory stays O(k) whatever the input size.
 */
public final class TopNOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final Schema schema;
    private final List<SortKey> keys;
    private final long limit;
    private final long offset;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private SortedRows held;
    private byte[] threshold;
    private Iterator<ColumnBatch> output;
    private ColumnBatch current;

    public TopNOp(CloseableIterator<ColumnBatch> input, Schema schema, List<SortKey> keys, long limit, long offset,
                  TaskContext ctx, OperatorMetrics metrics, int batchSize) {
        this.input = input;
        this.schema = schema;
        this.keys = keys;
        this.limit = limit;
        this.offset = offset;
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.held = new SortedRows(schema, keys, ctx.allocator(), batchSize);
    }

    private long k() {
        return limit + offset;
    }

    private void run() {
        long start = System.nanoTime();
        int[] sel = new int[batchSize];
        org.apache.arrow.memory.ArrowBuf thr = null;
        try {
            while (input.hasNext()) {
                ColumnBatch b = input.next();
                ctx.checkCancelled();
                int n = b.rowCount();
                if (sel.length < n) {
                    sel = new int[n];
                }
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (threshold == null) {
                        sel[count++] = i;
                    } else {
                        int len = held.encodeProbe(b, i);
                        long addr = held.probeAddress();
                        if (compareThreshold(addr, len) < 0) {
                            sel[count++] = i;
                        }
                    }
                }
                if (count > 0) {
                    held.add(b, sel, 0, count);
                }
                if (held.size() >= Math.max(4 * k(), 1024)) {
                    compact();
                }
            }
            compact();
            int[] order = held.sortedOrder();
            try (BatchAppender out = new BatchAppender(schema, ctx.allocator(), batchSize)) {
                int from = (int) Math.min(offset, order.length);
                int to = (int) Math.min(k(), order.length);
                held.emit(order, from, to, out, batchSize);
                output = out.finish().iterator();
            }
            metrics.recordMemory(held.memoryBytes());
        } finally {
            if (thr != null) {
                thr.close();
            }
            metrics.nanos.add(System.nanoTime() - start);
        }
    }

    private int compareThreshold(long addr, int len) {
        int n = Math.min(len, threshold.length);
        for (int i = 0; i < n; i++) {
            int c = (org.apache.arrow.memory.util.MemoryUtil.getByte(addr + i) & 0xff) - (threshold[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(len, threshold.length);
    }

    /** Sorts the held rows and keeps the first k; the k-th key becomes the entry threshold. */
    private void compact() {
        if (held.size() <= k() && threshold != null) {
            return;
        }
        int[] order = held.sortedOrder();
        if (order.length < k()) {
            return;
        }
        SortedRows kept = new SortedRows(schema, keys, ctx.allocator(), batchSize);
        try (BatchAppender tmp = new BatchAppender(schema, ctx.allocator(), batchSize)) {
            held.emit(order, 0, (int) k(), tmp, batchSize);
            for (ColumnBatch b : tmp.finish()) {
                kept.add(b, null, 0, b.rowCount());
                b.close();
            }
        }
        held.close();
        held = kept;
        int last = held.size() - 1;
        threshold = held.keyBytes(last);
    }

    @Override
    public boolean hasNext() {
        if (output == null) {
            run();
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
        held.close();
        input.close();
    }
}
