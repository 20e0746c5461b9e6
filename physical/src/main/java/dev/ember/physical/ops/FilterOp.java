package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.EvalScratch;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

import java.util.NoSuchElementException;

/**
 * Keeps the rows whose condition is TRUE. Each conjunct is evaluated over the batch and its
 * result (TRUE = valid and set) is AND-ed into a selection bitmap, 64 rows a word; the survivors
 * are gathered once, at the end, and only the columns the consumer reads ({@code outputColumns}).
 * Before an expensive conjunct (LIKE, string functions) the survivors are gathered first when
 * few remain, so it runs on them only. A batch that passes whole is handed on without copying.
 */
public final class FilterOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final VectorExpr[] conjuncts;
    private final boolean[] expensive;
    private final int[] outputColumns;
    private final Schema inputSchema;
    private final Schema outputSchema;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final EvalScratch scratch;
    private final RowCopier.Layout[] layouts;
    private ColumnBatch next;
    private ColumnBatch owned;
    private ColumnBatch compacted;
    private long[] mask = new long[0];
    private int[] sel = new int[0];

    /**
     * @param outputColumns the input columns to emit, in order (null for all)
     * @param expensive     per conjunct: worth compacting the batch before it
     */
    public FilterOp(CloseableIterator<ColumnBatch> input, VectorExpr[] conjuncts, boolean[] expensive,
                    Schema inputSchema, int[] outputColumns, TaskContext ctx, OperatorMetrics metrics) {
        this.input = input;
        this.conjuncts = conjuncts;
        this.expensive = expensive;
        this.inputSchema = inputSchema;
        this.outputColumns = outputColumns;
        this.outputSchema = outputColumns == null ? inputSchema : inputSchema.project(outputColumns);
        this.ctx = ctx;
        this.metrics = metrics;
        this.scratch = new EvalScratch(ctx.allocator());
        this.layouts = new RowCopier.Layout[inputSchema.size()];
        for (int i = 0; i < layouts.length; i++) {
            layouts[i] = RowCopier.layout(inputSchema.type(i));
        }
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        long start = System.nanoTime();
        try {
            closeOwned();
            while (input.hasNext()) {
                ctx.checkCancelled();
                ColumnBatch b = filter(input.next());
                if (b != null) {
                    next = b;
                    metrics.outputRows.add(b.rowCount());
                    metrics.outputBatches.increment();
                    return true;
                }
            }
            return false;
        } finally {
            metrics.nanos.add(System.nanoTime() - start);
        }
    }

    /** Reads up to 64 bits starting at bit {@code word * 64} (bits past n are garbage; callers mask). */
    private static long word(long addr, int word, int n) {
        int byteOff = word * 8;
        int nb = (n + 7) >> 3;
        if (byteOff + 8 <= nb) {
            return MemoryUtil.getLong(addr + byteOff);
        }
        long w = 0;
        for (int b = 0; byteOff + b < nb; b++) {
            w |= (MemoryUtil.getByte(addr + byteOff + b) & 0xffL) << (8 * b);
        }
        return w;
    }

    private ColumnBatch filter(ColumnBatch in) {
        ColumnBatch cur = in;
        int n = cur.rowCount();
        int words = (n + 63) >>> 6;
        if (mask.length < words) {
            mask = new long[Math.max(words, 64)];
        }
        java.util.Arrays.fill(mask, 0, words, -1L);
        if ((n & 63) != 0) {
            mask[words - 1] = (1L << (n & 63)) - 1;
        }
        int count = n;
        for (int c = 0; c < conjuncts.length; c++) {
            if (expensive[c] && count < n / 4 && count < cur.rowCount()) {
                // Few rows left: gather them (all columns) so the expensive test sees only those.
                ColumnBatch g = gather(cur, count, null, inputSchema);
                closeCompacted();
                compacted = g;
                cur = g;
                n = count;
                words = (n + 63) >>> 6;
                java.util.Arrays.fill(mask, 0, words, -1L);
                if ((n & 63) != 0) {
                    mask[words - 1] = (1L << (n & 63)) - 1;
                }
            }
            FieldVector v = conjuncts[c].eval(cur, scratch);
            long da = v.getDataBuffer().memoryAddress();
            boolean allValid = v.getNullCount() == 0;
            long va = v.getValidityBuffer().memoryAddress();
            count = 0;
            for (int w = 0; w < words; w++) {
                long m = mask[w] & word(da, w, n);
                if (!allValid) {
                    m &= word(va, w, n);
                }
                mask[w] = m;
                count += Long.bitCount(m);
            }
            scratch.release();
            if (count == 0) {
                closeCompacted();
                return null;
            }
        }
        if (count == n) {
            // Everything passed: hand on the batch (or a view of its output columns) without
            // copying. A compacted batch stays alive until the next call.
            return outputColumns == null ? cur : view(cur);
        }
        owned = gather(cur, count, outputColumns, outputSchema);
        closeCompacted();
        return owned;
    }

    /** The output columns of a batch, borrowed (never closed by us). */
    private ColumnBatch view(ColumnBatch b) {
        FieldVector[] vs = new FieldVector[outputColumns.length];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = b.vector(outputColumns[i]);
        }
        return vs.length == 0 ? ColumnBatch.ofRows(b.rowCount()) : new ColumnBatch(outputSchema, vs, b.rowCount());
    }

    /** Gathers the selected rows of the given columns (all when null). */
    private ColumnBatch gather(ColumnBatch b, int count, int[] columns, Schema schema) {
        if (sel.length < count) {
            sel = new int[Math.max(count, 1024)];
        }
        int k = 0;
        int words = (b.rowCount() + 63) >>> 6;
        for (int w = 0; w < words; w++) {
            long m = mask[w];
            while (m != 0) {
                sel[k++] = (w << 6) + Long.numberOfTrailingZeros(m);
                m &= m - 1;
            }
        }
        int cols = columns == null ? b.columnCount() : columns.length;
        FieldVector[] out = new FieldVector[cols];
        try {
            for (int i = 0; i < cols; i++) {
                int c = columns == null ? i : columns[i];
                out[i] = Vectors.allocate(schema.field(i).name(), schema.type(i), ctx.allocator(), count);
                RowCopier.gather(b.vector(c), layouts[c], sel, count, out[i]);
            }
        } catch (RuntimeException e) {
            Vectors.closeAll(out);
            throw e;
        }
        return cols == 0 ? ColumnBatch.ofRows(count) : new ColumnBatch(schema, out, count);
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ColumnBatch b = next;
        next = null;
        return b;
    }

    private void closeCompacted() {
        if (compacted != null) {
            compacted.close();
            compacted = null;
        }
    }

    private void closeOwned() {
        if (owned != null) {
            owned.close();
            owned = null;
        }
        closeCompacted();
    }

    @Override
    public void close() {
        closeOwned();
        scratch.close();
        input.close();
    }
}
