package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.EvalScratch;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.vector.FieldVector;

import java.util.NoSuchElementException;

/**
 * Keeps the rows whose condition is TRUE. Conjuncts are evaluated one at a time; once a
 * conjunct has dropped most rows, the survivors are gathered before the next conjunct runs,
 * so selective filters (TPC-H Q6) do little work after the first test. A batch that passes
 * whole is handed on without copying.
 */
public final class FilterOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final VectorExpr[] conjuncts;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final EvalScratch scratch;
    private final RowCopier.Layout[] layouts;
    private ColumnBatch next;
    private ColumnBatch owned;
    private int[] sel = new int[0];

    public FilterOp(CloseableIterator<ColumnBatch> input, VectorExpr[] conjuncts, dev.ember.columnar.types.Schema schema,
                    TaskContext ctx, OperatorMetrics metrics) {
        this.input = input;
        this.conjuncts = conjuncts;
        this.ctx = ctx;
        this.metrics = metrics;
        this.scratch = new EvalScratch(ctx.allocator());
        this.layouts = new RowCopier.Layout[schema.size()];
        for (int i = 0; i < layouts.length; i++) {
            layouts[i] = RowCopier.layout(schema.type(i));
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

    /** The filtered batch (the input itself, or a gathered copy we own), or null if no row passes. */
    private ColumnBatch filter(ColumnBatch in) {
        ColumnBatch cur = in;
        ColumnBatch curOwned = null;
        for (int c = 0; c < conjuncts.length; c++) {
            int n = cur.rowCount();
            FieldVector cond = conjuncts[c].eval(cur, scratch);
            if (sel.length < n) {
                sel = new int[Math.max(n, 1024)];
            }
            int count = select(cond, n);
            scratch.release();
            if (count == n) {
                continue;
            }
            if (count == 0) {
                if (curOwned != null) {
                    curOwned.close();
                }
                return null;
            }
            ColumnBatch gathered = gather(cur, count);
            if (curOwned != null) {
                curOwned.close();
            }
            curOwned = gathered;
            cur = gathered;
        }
        owned = curOwned;
        return cur;
    }

    private int select(FieldVector cond, int n) {
        long da = cond.getDataBuffer().memoryAddress();
        boolean allValid = cond.getNullCount() == 0;
        long va = cond.getValidityBuffer().memoryAddress();
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (Bits.isSet(da, i) && (allValid || Bits.isSet(va, i))) {
                sel[count++] = i;
            }
        }
        return count;
    }

    private ColumnBatch gather(ColumnBatch b, int count) {
        FieldVector[] out = new FieldVector[b.columnCount()];
        for (int c = 0; c < out.length; c++) {
            FieldVector v = Vectors.allocate(b.schema().field(c).name(), b.schema().type(c), ctx.allocator(), count);
            RowCopier.gather(b.vector(c), layouts[c], sel, count, v);
            out[c] = v;
        }
        return out.length == 0 ? ColumnBatch.ofRows(count) : new ColumnBatch(b.schema(), out, count);
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

    private void closeOwned() {
        if (owned != null) {
            owned.close();
            owned = null;
        }
    }

    @Override
    public void close() {
        closeOwned();
        scratch.close();
        input.close();
    }
}
