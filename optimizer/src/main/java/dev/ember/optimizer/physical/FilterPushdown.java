package dev.ember.optimizer.physical;

import dev.ember.columnar.Values;
import dev.ember.columnar.source.PushedPredicate;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The conjuncts of a filter over a scan that a source can use to skip data (Parquet row groups,
 * whole files): {@code column op literal}, {@code column IN (literals)}, {@code IS [NOT] NULL}.
 * Pushing is best effort: the filter stays and checks every row it receives.
 */
final class FilterPushdown {
    private FilterPushdown() {
    }

    /**
     * @param columns the table column each filter-input column reads
     */
    static List<PushedPredicate> extract(RexNode condition, int[] columns, Schema table, RexBuilder rb) {
        List<PushedPredicate> out = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(RexUtil.expandSearch(rb, null, condition))) {
            PushedPredicate p = predicate(c, columns, table);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static RexNode strip(RexNode n) {
        return n.getKind() == SqlKind.CAST ? ((RexCall) n).getOperands().get(0) : n;
    }

    private static PushedPredicate predicate(RexNode c, int[] columns, Schema table) {
        if (!(c instanceof RexCall call)) {
            return null;
        }
        switch (c.getKind()) {
            case IS_NULL, IS_NOT_NULL -> {
                if (strip(call.getOperands().get(0)) instanceof RexInputRef ref) {
                    int col = columns[ref.getIndex()];
                    return c.getKind() == SqlKind.IS_NULL ? PushedPredicate.isNull(col) : PushedPredicate.isNotNull(col);
                }
                return null;
            }
            case OR -> {
                // x = a OR x = b ...: IN
                Integer col = null;
                List<Object> values = new ArrayList<>();
                for (RexNode o : call.getOperands()) {
                    if (o.getKind() != SqlKind.EQUALS) {
                        return null;
                    }
                    PushedPredicate p = comparison((RexCall) o, columns, table);
                    if (p == null || (col != null && col != p.column())) {
                        return null;
                    }
                    col = p.column();
                    values.add(p.value());
                }
                return col == null ? null : PushedPredicate.in(col, values);
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                return comparison(call, columns, table);
            }
            default -> {
                return null;
            }
        }
    }

    private static PushedPredicate comparison(RexCall call, int[] columns, Schema table) {
        RexNode a = strip(call.getOperands().get(0));
        RexNode b = strip(call.getOperands().get(1));
        PushedPredicate.Op op = switch (call.getKind()) {
            case EQUALS -> PushedPredicate.Op.EQ;
            case NOT_EQUALS -> PushedPredicate.Op.NOT_EQ;
            case LESS_THAN -> PushedPredicate.Op.LT;
            case LESS_THAN_OR_EQUAL -> PushedPredicate.Op.LT_EQ;
            case GREATER_THAN -> PushedPredicate.Op.GT;
            case GREATER_THAN_OR_EQUAL -> PushedPredicate.Op.GT_EQ;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        if (a instanceof RexLiteral && b instanceof RexInputRef) {
            RexNode t = a;
            a = b;
            b = t;
            op = op.flip();
        }
        if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral lit) || lit.isNull()) {
            return null;
        }
        int col = columns[ref.getIndex()];
        Object value = value(lit, table.type(col));
        return value == null ? null : PushedPredicate.of(col, op, value);
    }

    /** The literal as the Java value {@link Values#get} gives for the column's type, or null. */
    private static Object value(RexLiteral lit, DataType column) {
        DataType lt;
        try {
            lt = dev.ember.plan.TypeMapping.toEmber(lit.getType());
        } catch (RuntimeException e) {
            return null;
        }
        Object v = PhysicalPlanner.external(RexTranslator.literalValue(lit, lt), lt);
        if (v == null) {
            return null;
        }
        return switch (column) {
            case DataType.DecimalType d -> v instanceof Number || v instanceof BigDecimal ? Values.toBigDecimal(v) : null;
            case DataType.BigIntType b -> v instanceof Number n && isIntegral(n) ? n.longValue() : null;
            case DataType.IntType i -> v instanceof Number n && isIntegral(n) ? n.intValue() : null;
            case DataType.DoubleType d -> v instanceof Number n ? n.doubleValue() : null;
            case DataType.DateType d -> v instanceof java.time.LocalDate ? v : null;
            case DataType.TimestampType t -> v instanceof java.time.LocalDateTime ? v : null;
            case DataType.StringType s -> v instanceof String ? v : null;
            case DataType.BooleanType bo -> v instanceof Boolean ? v : null;
            default -> null;
        };
    }

    private static boolean isIntegral(Number n) {
        return !(n instanceof BigDecimal bd) || bd.stripTrailingZeros().scale() <= 0;
    }
}
