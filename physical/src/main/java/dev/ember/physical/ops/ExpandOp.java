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

/** Emits each input batch once per projection (GROUPING SETS, ROLLUP, CUBE before aggregation). */
public final class ExpandOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final List<VectorExpr[]> projections;
    private final Schema schema;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final EvalScratch scratch;
    private final List<FieldVector> owned = new ArrayList<>();
    private ColumnBatch in;
    private int nextProjection;

    public ExpandOp(CloseableIterator<ColumnBatch> input, List<VectorExpr[]> projections, Schema schema,
                    TaskContext ctx, OperatorMetrics metrics) {
        this.input = input;
        this.projections = projections;
        this.schema = schema;
        this.ctx = ctx;
        this.metrics = metrics;
        this.scratch = new EvalScratch(ctx.allocator());
    }

    @Override
    public boolean hasNext() {
        if (in != null && nextProjection < projections.size()) {
            return true;
        }
        if (!input.hasNext()) {
            return false;
        }
        in = input.next();
        nextProjection = 0;
        return true;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ctx.checkCancelled();
        for (FieldVector v : owned) {
            v.close();
        }
        owned.clear();
        VectorExpr[] p = projections.get(nextProjection++);
        FieldVector[] out = new FieldVector[p.length];
        for (int i = 0; i < p.length; i++) {
            FieldVector v = p[i].eval(in, scratch);
            if (scratch.detach(v)) {
                owned.add(v);
            }
            out[i] = v;
        }
        scratch.release();
        ColumnBatch b = new ColumnBatch(schema, out, in.rowCount());
        metrics.outputRows.add(b.rowCount());
        metrics.outputBatches.increment();
        return b;
    }

    @Override
    public void close() {
        for (FieldVector v : owned) {
            v.close();
        }
        owned.clear();
        scratch.close();
        input.close();
    }
}
