package dev.ember.optimizer;

import dev.ember.optimizer.physical.RexTranslator;
import dev.ember.physical.expr.ExprCompiler;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.plan.TypeMapping;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Constant folding with the engine's own kernels: the optimizer's reduce rules evaluate
 * constant expressions through this executor, so a folded {@code CAST(2.5e0 AS INT)},
 * {@code upper('straße')} or {@code 1 / 0} gives exactly what evaluating it per row would
 * (Calcite's generated code truncates casts and has its own string functions). Expressions the
 * engine cannot express (intervals alone, CURRENT_DATE) are left to Calcite's executor; those
 * whose evaluation fails stay as they are, so the error surfaces when the query runs.
 */
public final class EmberRexExecutor implements RexExecutor {
    public static final EmberRexExecutor INSTANCE = new EmberRexExecutor();

    private EmberRexExecutor() {
    }

    @Override
    public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
        for (RexNode e : constExps) {
            reducedValues.add(reduce(rexBuilder, e));
        }
    }

    private static RexNode reduce(RexBuilder rb, RexNode e) {
        PhysicalExpr pe;
        try {
            TypeMapping.toEmber(e.getType());
            pe = new RexTranslator(rb).translate(e);
        } catch (RuntimeException notEmbers) {
            List<RexNode> out = new ArrayList<>(1);
            RexUtil.EXECUTOR.reduce(rb, List.of(e), out);
            return out.get(0);
        }
        ExprCompiler.ConstantValue v = ExprCompiler.evaluateConstant(pe);
        if (v == null) {
            return e;
        }
        RexNode lit = literal(rb, v.value(), e.getType());
        return lit == null ? e : lit;
    }

    /** A literal of {@code type} holding an internal value; null when it cannot be expressed as one. */
    private static RexNode literal(RexBuilder rb, Object v, RelDataType type) {
        if (v == null) {
            return rb.makeNullLiteral(type);
        }
        RexLiteral lit = switch (type.getSqlTypeName()) {
            case BOOLEAN -> rb.makeLiteral((Boolean) v);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> rb.makeExactLiteral(BigDecimal.valueOf(((Number) v).longValue()), type);
            case DECIMAL -> {
                BigDecimal bd = v instanceof BigDecimal b ? b.setScale(type.getScale(), RoundingMode.HALF_UP)
                        : BigDecimal.valueOf(((Number) v).longValue(), type.getScale());
                yield rb.makeExactLiteral(bd, type);
            }
            case DOUBLE, FLOAT, REAL -> rb.makeApproxLiteral(((Number) v).doubleValue(), type);
            case DATE -> rb.makeDateLiteral(DateString.fromDaysSinceEpoch(((Number) v).intValue()));
            case TIMESTAMP -> {
                long micros = ((Number) v).longValue();
                TimestampString ts = TimestampString.fromMillisSinceEpoch(Math.floorDiv(micros, 1000))
                        .withNanos((int) (Math.floorMod(micros, 1_000_000L) * 1000));
                yield rb.makeTimestampLiteral(ts, type.getPrecision());
            }
            case VARCHAR -> v instanceof String s ? (RexLiteral) rb.makeLiteral(s, type, false) : null;
            default -> null;
        };
        if (lit == null || lit.getType().getSqlTypeName() != type.getSqlTypeName()
                || !(TypeMapping.toEmber(lit.getType()).equals(TypeMapping.toEmber(type)))) {
            return null;
        }
        return lit;
    }
}
