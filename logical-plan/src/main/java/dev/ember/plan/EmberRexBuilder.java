package dev.ember.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's RexBuilder, except that a cast of a DOUBLE literal to an exact type is kept as a
 * cast instead of being folded on the spot: Calcite truncates ({@code CAST(2.5e0 AS INT)} = 2)
 * where Ember rounds half away from zero, and the optimizer folds the cast later with the
 * engine's own kernels.
 */
final class EmberRexBuilder extends RexBuilder {
    EmberRexBuilder(RelDataTypeFactory typeFactory) {
        super(typeFactory);
    }

    @Override
    public RexNode makeCast(SqlParserPos pos, RelDataType type, RexNode exp, boolean matchNullability, boolean safe,
                            RexLiteral format) {
        if (exp instanceof RexLiteral lit && !lit.isNull() && SqlTypeName.APPROX_TYPES.contains(lit.getType().getSqlTypeName())
                && SqlTypeUtil.isExactNumeric(type)) {
            return makeAbstractCast(pos, type, exp, safe, format);
        }
        return super.makeCast(pos, type, exp, matchNullability, safe, format);
    }
}
