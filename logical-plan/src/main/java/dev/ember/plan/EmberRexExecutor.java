package dev.ember.plan;

import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.List;

/**
 * Calcite's constant folding, except for casts whose result Ember computes differently:
 * narrowing a decimal or a floating value (Calcite truncates, Ember rounds half away from
 * zero) and parsing text into numbers, dates or timestamps. Those constants are folded by the
 * engine's own kernels when the plan compiles, so a constant gives the same answer folded or not.
 */
final class EmberRexExecutor implements RexExecutor {
    static final EmberRexExecutor INSTANCE = new EmberRexExecutor();

    private EmberRexExecutor() {
    }

    @Override
    public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
        for (RexNode e : constExps) {
            if (hasEngineSpecificCast(e)) {
                reducedValues.add(e);
            } else {
                List<RexNode> out = new java.util.ArrayList<>();
                RexUtil.EXECUTOR.reduce(rexBuilder, List.of(e), out);
                reducedValues.add(out.get(0));
            }
        }
    }

    static boolean hasEngineSpecificCast(RexNode e) {
        boolean[] found = {false};
        e.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitCall(RexCall call) {
                if (call.getKind() == SqlKind.CAST || call.getKind() == SqlKind.SAFE_CAST) {
                    var from = call.getOperands().get(0).getType();
                    var to = call.getType();
                    boolean narrowingNumber = SqlTypeUtil.isExactNumeric(to)
                            && (SqlTypeUtil.isApproximateNumeric(from)
                            || (from.getSqlTypeName() == SqlTypeName.DECIMAL
                            && (to.getSqlTypeName() != SqlTypeName.DECIMAL || to.getScale() < from.getScale())));
                    boolean parsing = SqlTypeUtil.inCharFamily(from) && !SqlTypeUtil.inCharFamily(to)
                            && to.getSqlTypeName().getFamily() != SqlTypeFamily.DATE;
                    found[0] |= narrowingNumber || parsing;
                }
                return super.visitCall(call);
            }
        });
        return found[0];
    }
}
