package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * CASE WHEN ... THEN ... [ELSE ...] END and COALESCE. Every branch is evaluated over the whole
 * batch, then each row takes its value from the branch that applies. Evaluating all branches is
 * safe because no kernel fails on a row it should not have seen: division by zero gives NULL.
 */
final class CaseExpr implements VectorExpr {
    private final boolean coalesce;
    private final List<VectorExpr> args;
    private final DataType type;
    private final RowCopier.Layout layout;

    CaseExpr(boolean coalesce, List<VectorExpr> args, DataType type) {
        this.coalesce = coalesce;
        this.args = List.copyOf(args);
        this.type = type;
        this.layout = RowCopier.layout(type);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        int n = batch.rowCount();
        int[] choice = new int[n];
        FieldVector[] values;
        if (coalesce) {
            values = new FieldVector[args.size()];
            java.util.Arrays.fill(choice, -1);
            for (int a = 0; a < args.size(); a++) {
                values[a] = args.get(a).eval(batch, scratch);
                for (int i = 0; i < n; i++) {
                    if (choice[i] < 0 && !values[a].isNull(i)) {
                        choice[i] = a;
                    }
                }
            }
        } else {
            int whens = args.size() / 2;
            boolean hasElse = args.size() % 2 == 1;
            values = new FieldVector[whens + (hasElse ? 1 : 0)];
            java.util.Arrays.fill(choice, hasElse ? whens : -1);
            boolean[] decided = new boolean[n];
            for (int w = 0; w < whens; w++) {
                FieldVector cond = args.get(2 * w).eval(batch, scratch);
                long cd = cond.getDataBuffer().memoryAddress();
                boolean condAllValid = cond.getNullCount() == 0;
                for (int i = 0; i < n; i++) {
                    if (!decided[i] && (condAllValid || !cond.isNull(i)) && Bits.isSet(cd, i)) {
                        decided[i] = true;
                        choice[i] = w;
                    }
                }
                values[w] = args.get(2 * w + 1).eval(batch, scratch);
            }
            if (hasElse) {
                values[whens] = args.get(args.size() - 1).eval(batch, scratch);
            }
        }
        FieldVector out = scratch.allocate(type, n);
        RowCopier.pick(values, layout, choice, n, out);
        return out;
    }
}
