package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.EvalScratch;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Computes output columns from expressions. Column references pass the input vector through
 * (borrowed, not copied); computed columns are owned here and freed at the next batch.
 */
public final class ProjectOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final VectorExpr[] exprs;
    private final Schema schema;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final EvalScratch scratch;
    private final List<FieldVector> owned = new ArrayList<>();

    public ProjectOp(CloseableIterator<ColumnBatch> input, VectorExpr[] exprs, Schema schema, TaskContext ctx,
                     OperatorMetrics metrics) {
        this.input = input;
        this.exprs = exprs;
        this.schema = schema;
        this.ctx = ctx;
        this.metrics = metrics;
        this.scratch = new EvalScratch(ctx.allocator());
    }

    @Override
    public boolean hasNext() {
        return input.hasNext();
    }

    @Override
    public ColumnBatch next() {
        if (!input.hasNext()) {
            throw new NoSuchElementException();
        }
        ColumnBatch in = input.next();
        long start = System.nanoTime();
        ctx.checkCancelled();
        releaseOwned();
        FieldVector[] out = new FieldVector[exprs.length];
        for (int i = 0; i < exprs.length; i++) {
            FieldVector v = exprs[i].eval(in, scratch);
            if (scratch.detach(v)) {
                owned.add(v);
            }
            out[i] = v;
        }
        scratch.release();
        ColumnBatch b = out.length == 0 ? ColumnBatch.ofRows(in.rowCount()) : new ColumnBatch(schema, out, in.rowCount());
        metrics.outputRows.add(b.rowCount());
        metrics.outputBatches.increment();
        metrics.nanos.add(System.nanoTime() - start);
        return b;
    }

    private void releaseOwned() {
        for (FieldVector v : owned) {
            v.close();
        }
        owned.clear();
    }

    @Override
    public void close() {
        releaseOwned();
        scratch.close();
        input.close();
    }
}
