package dev.ember.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with Spark's numeric rules: DECIMAL up to 38 digits; {@code +} and
 * {@code -} keep the larger scale and one more integer digit; {@code *} adds precisions plus one
 * and scales; {@code /} keeps at least 6 fractional digits; sum widens DECIMAL(p,s) to
 * DECIMAL(p+10,s) and integers to BIGINT; avg of DECIMAL(p,s) is DECIMAL(p+4,s+4) and of other
 * numbers DOUBLE. When a result needs more than 38 digits, integer digits win and the scale
 * shrinks, but not below 6 (Spark's "allow precision loss").
 */
public final class EmberTypeSystem extends RelDataTypeSystemImpl {
    public static final EmberTypeSystem INSTANCE = new EmberTypeSystem();
    static final int MAX = 38;
    private static final int MIN_ADJUSTED_SCALE = 6;

    private EmberTypeSystem() {
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX : super.getMaxScale(typeName);
    }

    /** TIMESTAMP without a precision keeps microseconds (Ember's resolution), not Calcite's whole seconds. */
    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.TIMESTAMP ? 6 : super.getDefaultPrecision(typeName);
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.TIMESTAMP) {
            return 6;
        }
        return typeName == SqlTypeName.DECIMAL ? MAX : super.getMaxPrecision(typeName);
    }

    /**
     * Constant folding rounds as the engine's kernels do (half away from zero), so that
     * {@code CAST(2.5 AS INT)} is 3 whether Calcite folds it or Ember evaluates it.
     */
    @Override
    public java.math.RoundingMode roundingMode() {
        return java.math.RoundingMode.HALF_UP;
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    private static RelDataType decimal(RelDataTypeFactory f, int precision, int scale, boolean nullable) {
        return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, precision, scale), nullable);
    }

    /** Spark's DecimalPrecision.adjustPrecisionScale. */
    private static RelDataType adjusted(RelDataTypeFactory f, int precision, int scale, boolean nullable) {
        if (precision <= MAX) {
            return decimal(f, precision, scale, nullable);
        }
        int intDigits = precision - scale;
        int minScale = Math.min(scale, MIN_ADJUSTED_SCALE);
        int adjustedScale = Math.max(MAX - intDigits, minScale);
        return decimal(f, MAX, adjustedScale, nullable);
    }

    private static boolean exact(RelDataType t) {
        return SqlTypeUtil.isExactNumeric(t);
    }

    /** Integers join decimal arithmetic with the precision of their type. */
    private static int precisionOf(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> t.getPrecision();
        };
    }

    private static int scaleOf(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.DECIMAL ? t.getScale() : 0;
    }

    private static boolean bothExactOneDecimal(RelDataType a, RelDataType b) {
        return exact(a) && exact(b) && (SqlTypeUtil.isDecimal(a) || SqlTypeUtil.isDecimal(b));
    }

    @Override
    public RelDataType deriveDecimalPlusType(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        if (!bothExactOneDecimal(a, b)) {
            return null;
        }
        int s = Math.max(scaleOf(a), scaleOf(b));
        int p = Math.max(precisionOf(a) - scaleOf(a), precisionOf(b) - scaleOf(b)) + s + 1;
        return adjusted(f, p, s, a.isNullable() || b.isNullable());
    }

    @Override
    public RelDataType deriveDecimalMultiplyType(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        if (!bothExactOneDecimal(a, b)) {
            return null;
        }
        int p = precisionOf(a) + precisionOf(b) + 1;
        int s = scaleOf(a) + scaleOf(b);
        return adjusted(f, p, s, a.isNullable() || b.isNullable());
    }

    @Override
    public RelDataType deriveDecimalDivideType(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        if (!bothExactOneDecimal(a, b)) {
            return null;
        }
        int p1 = precisionOf(a);
        int s1 = scaleOf(a);
        int p2 = precisionOf(b);
        int s2 = scaleOf(b);
        int s = Math.max(MIN_ADJUSTED_SCALE, s1 + p2 + 1);
        int p = p1 - s1 + s2 + s;
        // Division by zero gives NULL.
        return adjusted(f, p, s, true);
    }

    @Override
    public RelDataType deriveDecimalModType(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        if (!bothExactOneDecimal(a, b)) {
            return null;
        }
        int s = Math.max(scaleOf(a), scaleOf(b));
        int p = Math.min(precisionOf(a) - scaleOf(a), precisionOf(b) - scaleOf(b)) + s;
        return adjusted(f, p, s, true);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory f, RelDataType arg) {
        boolean nullable = true;
        return switch (arg.getSqlTypeName()) {
            case DECIMAL -> decimal(f, Math.min(MAX, arg.getPrecision() + 10), arg.getScale(), nullable);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), nullable);
            case FLOAT, REAL, DOUBLE -> f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), nullable);
            default -> super.deriveSumType(f, arg);
        };
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory f, RelDataType arg) {
        if (arg.getSqlTypeName() == SqlTypeName.DECIMAL) {
            return decimal(f, Math.min(MAX, arg.getPrecision() + 4), Math.min(MAX, arg.getScale() + 4), true);
        }
        if (SqlTypeUtil.isNumeric(arg)) {
            return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), true);
        }
        return super.deriveAvgAggType(f, arg);
    }
}
