package dev.ember.plan;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;

/**
 * Gives every approximate (DOUBLE) literal of a VALUES the one representation Calcite's
 * {@code makeApproxLiteral} uses, a Double. Coercing a DECIMAL literal into a DOUBLE column
 * leaves a DECIMAL literal (a BigDecimal) in it, and Calcite's collation metadata then compares a BigDecimal with a
 * Double and fails ({@code VALUES (1.5), (1e300)}).
 */
final class ApproxLiterals {
    private ApproxLiterals() {
    }

    static RelNode normalize(RelNode rel) {
        return rel.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(LogicalValues values) {
                return normalized(values);
            }
        });
    }

    private static RelNode normalized(LogicalValues values) {
        List<RelDataTypeField> fields = values.getRowType().getFieldList();
        boolean mixed = false;
        for (ImmutableList<RexLiteral> tuple : values.getTuples()) {
            for (int i = 0; i < tuple.size(); i++) {
                mixed |= needsDouble(tuple.get(i), fields.get(i).getType());
            }
        }
        if (!mixed) {
            return values;
        }
        RexBuilder rb = values.getCluster().getRexBuilder();
        ImmutableList.Builder<ImmutableList<RexLiteral>> tuples = ImmutableList.builder();
        for (ImmutableList<RexLiteral> tuple : values.getTuples()) {
            ImmutableList.Builder<RexLiteral> t = ImmutableList.builder();
            for (int i = 0; i < tuple.size(); i++) {
                RexLiteral lit = tuple.get(i);
                RelDataType type = fields.get(i).getType();
                t.add(needsDouble(lit, type)
                        ? rb.makeApproxLiteral(((Number) lit.getValueAs(Comparable.class)).doubleValue(), type) : lit);
            }
            tuples.add(t.build());
        }
        return LogicalValues.create(values.getCluster(), values.getRowType(), tuples.build());
    }

    /** A non-null literal in a DOUBLE column whose value is not (yet) a Double. */
    private static boolean needsDouble(RexLiteral lit, RelDataType column) {
        return !lit.isNull() && SqlTypeName.APPROX_TYPES.contains(column.getSqlTypeName())
                && !(lit.getValueAs(Comparable.class) instanceof Double);
    }
}
