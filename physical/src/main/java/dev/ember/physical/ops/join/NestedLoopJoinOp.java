package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.Bits;
import dev.ember.physical.expr.EvalScratch;
import dev.ember.physical.expr.RowCopier;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.plan.JoinType;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A join without equi keys: every left row against every row of the broadcast right side, in
 * blocks, keeping pairs where the condition holds. INNER, LEFT, SEMI and ANTI (the left side
 * streams; right-preserving joins are planned with the sides swapped).
 */
public final class NestedLoopJoinOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> left;
    private final List<ColumnBatch> right;
    private final JoinType type;
    private final VectorExpr condition;
    private final Schema leftSchema;
    private final Schema rightSchema;
    private final Schema outSchema;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private final EvalScratch scratch;
    private final Deque<ColumnBatch> pending = new ArrayDeque<>();
    private ColumnBatch current;

    public NestedLoopJoinOp(CloseableIterator<ColumnBatch> left, List<ColumnBatch> right, JoinType type,
                            VectorExpr condition, Schema leftSchema, Schema rightSchema, Schema outSchema,
                            TaskContext ctx, OperatorMetrics metrics, int batchSize) {
        if (type != JoinType.INNER && type != JoinType.LEFT && type != JoinType.SEMI && type != JoinType.ANTI) {
            throw new IllegalArgumentException("nested loop join does not run " + type + " joins");
        }
        this.left = left;
        this.right = right;
        this.type = type;
        this.condition = condition;
        this.leftSchema = leftSchema;
        this.rightSchema = rightSchema;
        this.outSchema = outSchema;
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.scratch = new EvalScratch(ctx.allocator());
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty()) {
            if (!left.hasNext()) {
                return false;
            }
            long start = System.nanoTime();
            ColumnBatch b = left.next();
            ctx.checkCancelled();
            joinBatch(b);
            metrics.nanos.add(System.nanoTime() - start);
        }
        return true;
    }

    private void joinBatch(ColumnBatch l) {
        int n = l.rowCount();
        boolean[] matched = new boolean[n];
        int chunk = Math.max(1, batchSize);
        int[] li = new int[chunk];
        long[] rr = new long[chunk];
        long rightBase = 0;
        for (ColumnBatch r : right) {
            int m = r.rowCount();
            int count = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    li[count] = i;
                    rr[count] = j;
                    if (++count == chunk) {
                        pairs(l, r, li, rr, count, matched);
                        count = 0;
                    }
                }
            }
            pairs(l, r, li, rr, count, matched);
            rightBase += m;
        }
        if (type != JoinType.INNER) {
            int[] sel = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (matched[i] == (type == JoinType.SEMI)) {
                    sel[count++] = i;
                }
            }
            if (count > 0) {
                FieldVector[] out = new FieldVector[outSchema.size()];
                for (int c = 0; c < out.length; c++) {
                    DataType t = outSchema.type(c);
                    if (c < leftSchema.size()) {
                        out[c] = Vectors.allocate("_", t, ctx.allocator(), count);
                        RowCopier.gather(l.vector(c), RowCopier.layout(t), sel, count, out[c]);
                    } else {
                        out[c] = Vectors.nulls("_", t, ctx.allocator(), count);
                    }
                }
                if (type != JoinType.LEFT || count > 0) {
                    pending.add(new ColumnBatch(outSchema, out, count));
                }
            }
        }
    }

    private void pairs(ColumnBatch l, ColumnBatch r, int[] li, long[] rr, int count, boolean[] matched) {
        if (count == 0) {
            return;
        }
        int lc = leftSchema.size();
        BuildColumns rightCols = BuildColumns.of(r);
        FieldVector[] cols = new FieldVector[lc + rightSchema.size()];
        for (int c = 0; c < cols.length; c++) {
            boolean isLeft = c < lc;
            DataType t = isLeft ? leftSchema.type(c) : rightSchema.type(c - lc);
            if (isLeft) {
                cols[c] = RowGather.gatherProbe(l.vector(c), t, li, count, ctx.allocator());
            } else {
                cols[c] = RowGather.gather(rightCols, c - lc, t, rr, count, ctx.allocator());
            }
        }
        ColumnBatch pair = new ColumnBatch(leftSchema.concat(rightSchema), cols, count);
        int[] pass = new int[count];
        int passCount = 0;
        if (condition == null) {
            for (int k = 0; k < count; k++) {
                pass[passCount++] = k;
            }
        } else {
            FieldVector cond = condition.eval(pair, scratch);
            long da = cond.getDataBuffer().memoryAddress();
            boolean allValid = cond.getNullCount() == 0;
            for (int k = 0; k < count; k++) {
                if (Bits.isSet(da, k) && (allValid || !cond.isNull(k))) {
                    pass[passCount++] = k;
                }
            }
            scratch.release();
        }
        for (int k = 0; k < passCount; k++) {
            matched[li[pass[k]]] = true;
        }
        if ((type == JoinType.INNER || type == JoinType.LEFT) && passCount > 0) {
            FieldVector[] out = new FieldVector[cols.length];
            for (int c = 0; c < cols.length; c++) {
                DataType t = pair.schema().type(c);
                out[c] = Vectors.allocate("_", t, ctx.allocator(), passCount);
                RowCopier.gather(cols[c], RowCopier.layout(t), pass, passCount, out[c]);
            }
            pending.add(new ColumnBatch(outSchema, out, passCount));
        }
        pair.close();
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (current != null) {
            current.close();
        }
        current = pending.poll();
        metrics.outputRows.add(current.rowCount());
        metrics.outputBatches.increment();
        return current;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
        pending.forEach(ColumnBatch::close);
        pending.clear();
        scratch.close();
        left.close();
    }
}
