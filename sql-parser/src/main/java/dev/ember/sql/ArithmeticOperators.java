package dev.ember.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Division and remainder typed as Ember evaluates them. Both are NULL when the divisor is zero
 * (docs/decisions.md), so their type is always nullable, as Spark's {@code Divide} and
 * {@code Remainder} are; with Calcite's NOT NULL typing a folded {@code 7 / 0} (NULL) no longer
 * fitted the plan's row type. The remainder of two integers has the wider operand's type
 * ({@code BIGINT % INT} is BIGINT, as in Spark and DuckDB), where Calcite takes the divisor's.
 * {@code round(DECIMAL(p, s), d)} narrows the scale to the digits asked for, with one more
 * integral digit for a carry ({@code round(99.995, 2)} is 100.00), as Spark's {@code Round} does;
 * Calcite keeps the argument's type, where 100.000 no longer fits DECIMAL(5,3).
 * Otherwise the typing is Calcite's (exact DECIMAL rules, INT / INT integer division).
 */
public final class ArithmeticOperators {
    private ArithmeticOperators() {
    }

    private static final SqlReturnTypeInference REMAINDER_TYPE = binding -> {
        RelDataType a = binding.getOperandType(0);
        RelDataType b = binding.getOperandType(1);
        if (SqlTypeUtil.isExactNumeric(a) && SqlTypeUtil.isExactNumeric(b)
                && !SqlTypeUtil.isDecimal(a) && !SqlTypeUtil.isDecimal(b)) {
            return binding.getTypeFactory().leastRestrictive(java.util.List.of(a, b));
        }
        return SqlStdOperatorTable.MOD.getReturnTypeInference().inferReturnType(binding);
    };

    /** {@code a / b}. */
    public static final SqlBinaryOperator DIVIDE = new SqlBinaryOperator("/", SqlKind.DIVIDE, 60, true,
            ReturnTypes.cascade(SqlStdOperatorTable.DIVIDE.getReturnTypeInference(), SqlTypeTransforms.FORCE_NULLABLE),
            SqlStdOperatorTable.DIVIDE.getOperandTypeInference(), SqlStdOperatorTable.DIVIDE.getOperandTypeChecker());

    /**
     * {@code a % b}. A subclass, because operators are equal by class, name and kind: equal to
     * Calcite's {@code %}, it would get that one's conversion into Calcite's MOD (and its typing).
     */
    public static final SqlBinaryOperator REMAINDER = new SqlBinaryOperator("%", SqlKind.MOD, 60, true,
            ReturnTypes.cascade(REMAINDER_TYPE, SqlTypeTransforms.FORCE_NULLABLE),
            SqlStdOperatorTable.PERCENT_REMAINDER.getOperandTypeInference(),
            SqlStdOperatorTable.PERCENT_REMAINDER.getOperandTypeChecker()) {
    };

    /** {@code mod(a, b)}: the same as {@code a % b}; the operator table lists it before Calcite's MOD. */
    public static final SqlFunction MOD = new SqlFunction("MOD", SqlKind.MOD,
            ReturnTypes.cascade(REMAINDER_TYPE, SqlTypeTransforms.FORCE_NULLABLE), null,
            SqlStdOperatorTable.MOD.getOperandTypeChecker(), SqlFunctionCategory.NUMERIC);

    /** Spark's type of {@code round(DECIMAL(p, s), d)} for a literal d; the argument's type otherwise. */
    private static final SqlReturnTypeInference ROUND_TYPE = binding -> {
        RelDataType x = binding.getOperandType(0);
        if (!SqlTypeUtil.isDecimal(x) || (binding.getOperandCount() > 1 && !binding.isOperandLiteral(1, false))) {
            return x;
        }
        int d = binding.getOperandCount() > 1 ? binding.getOperandLiteralValue(1, Integer.class) : 0;
        int p = x.getPrecision();
        int s = x.getScale();
        int integral = p - s + 1;
        int max = binding.getTypeFactory().getTypeSystem().getMaxNumericPrecision();
        RelDataType out = d < 0
                ? binding.getTypeFactory().createSqlType(org.apache.calcite.sql.type.SqlTypeName.DECIMAL,
                        Math.min(Math.max(integral, -d + 1), max), 0)
                : binding.getTypeFactory().createSqlType(org.apache.calcite.sql.type.SqlTypeName.DECIMAL,
                        Math.min(integral + Math.min(s, d), max), Math.min(s, d));
        return binding.getTypeFactory().createTypeWithNullability(out, x.isNullable());
    };

    /** {@code round(x [, d])}; the operator table lists it before Calcite's ROUND. */
    public static final SqlFunction ROUND = new SqlFunction("ROUND", SqlKind.OTHER_FUNCTION,
            ReturnTypes.cascade(ROUND_TYPE, SqlTypeTransforms.TO_NULLABLE), null,
            SqlStdOperatorTable.ROUND.getOperandTypeChecker(), SqlFunctionCategory.NUMERIC);
}
