package dev.ember.physical.expr;

import dev.ember.columnar.types.DataType;
import dev.ember.physical.expr.PhysicalExpr.Call;
import dev.ember.physical.expr.PhysicalExpr.Cast;
import dev.ember.physical.expr.PhysicalExpr.ColumnRef;
import dev.ember.physical.expr.PhysicalExpr.Literal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link PhysicalExpr} into a tree of batch kernels, inserting the casts that let
 * each kernel work on one representation: operands of arithmetic and comparisons are brought
 * to a common type, CASE branches to the result type, IN-list constants to the input type.
 */
public final class ExprCompiler {
    private ExprCompiler() {
    }

    public static VectorExpr compile(PhysicalExpr e) {
        VectorExpr out = switch (e) {
            case ColumnRef c -> new ColumnExpr(c.index(), c.type());
            case Literal l -> new ConstantExpr(normalizeLiteral(l.value(), l.type()), l.type());
            case Cast c -> cast(compile(c.input()), c.type(), c.safe());
            case Call c -> call(c);
        };
        if (!(out instanceof ConstantExpr) && !(out instanceof ColumnExpr) && isConstant(e)) {
            ConstantExpr folded = ConstantFolding.fold(out);
            if (folded != null) {
                return folded;
            }
        }
        return out;
    }

    /** The value of a constant expression, in the internal representation literals use. */
    public record ConstantValue(Object value) {
    }

    /**
     * Evaluates an expression that reads no column with the engine's own kernels (so that folding
     * at planning time gives what running it would). Null when it reads a column or its
     * evaluation fails (the error then surfaces when the query runs).
     */
    public static ConstantValue evaluateConstant(PhysicalExpr e) {
        if (!isConstant(e)) {
            return null;
        }
        VectorExpr compiled = compile(e);
        return compiled instanceof ConstantExpr c ? new ConstantValue(c.value()) : null;
    }

    /** True when the expression reads no column. */
    static boolean isConstant(PhysicalExpr e) {
        return switch (e) {
            case ColumnRef c -> false;
            case Literal l -> true;
            case Cast c -> isConstant(c.input());
            case Call c -> c.args().stream().allMatch(ExprCompiler::isConstant);
        };
    }

    public static List<VectorExpr> compileAll(List<PhysicalExpr> es) {
        List<VectorExpr> out = new ArrayList<>(es.size());
        for (PhysicalExpr e : es) {
            out.add(compile(e));
        }
        return out;
    }

    private static Object normalizeLiteral(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        if (t instanceof DataType.DecimalType d && d.isLong() && v instanceof BigDecimal bd) {
            return bd.setScale(d.scale(), java.math.RoundingMode.HALF_UP).unscaledValue().longValueExact();
        }
        return v;
    }

    static VectorExpr cast(VectorExpr in, DataType to, boolean safe) {
        if (in.type().equals(to)) {
            return in;
        }
        if (in instanceof ConstantExpr c && c.isNull()) {
            return new ConstantExpr(null, to);
        }
        CastExpr cast = new CastExpr(in, to, safe);
        if (in instanceof ConstantExpr) {
            ConstantExpr folded = ConstantFolding.fold(cast);
            if (folded != null) {
                return folded;
            }
        }
        return cast;
    }

    private static VectorExpr call(Call c) {
        List<VectorExpr> args = compileAll(c.args());
        DataType t = c.type();
        return switch (c.fn()) {
            case PLUS, MINUS -> arithmetic(c.fn(), args.get(0), args.get(1), t);
            case TIMES, DIVIDE -> product(c.fn(), args.get(0), args.get(1), t);
            case MOD -> mod(args.get(0), args.get(1), t);
            case NEGATE -> arithmetic(ScalarFn.MINUS, zero(t), args.get(0), t);
            case EQ, NE, LT, LE, GT, GE, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> compare(c.fn(), args.get(0), args.get(1));
            case AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> new LogicExpr(c.fn(), args);
            case CASE -> caseExpr(args, t);
            case COALESCE -> new CaseExpr(true, args.stream().map(a -> cast(a, t, false)).toList(), t);
            case IN -> inList(c, args);
            case LIKE -> like(c, args.get(0));
            case SUBSTRING, UPPER, LOWER, TRIM, LTRIM, RTRIM, CHAR_LENGTH, CONCAT, CONCAT_WS, REPLACE, POSITION,
                 STARTS_WITH, ENDS_WITH, CONTAINS -> new StringFnExpr(c.fn(), stringArgs(c.fn(), args), t);
            case EXTRACT_YEAR, EXTRACT_QUARTER, EXTRACT_MONTH, EXTRACT_DAY, EXTRACT_DOW, EXTRACT_DOY, EXTRACT_HOUR,
                 EXTRACT_MINUTE, EXTRACT_SECOND, DATE_ADD_DAYS, DATE_ADD_MONTHS, TIMESTAMP_ADD_MICROS, DATE_DIFF_DAYS ->
                    new DateFnExpr(c.fn(), args, t);
            case ABS, ROUND, FLOOR, CEIL, SIGN -> new MathFnExpr(c.fn(), args, t);
            case SQRT, LN, LOG10, EXP, POWER ->
                    new MathFnExpr(c.fn(), args.stream().map(a -> cast(a, DataType.DOUBLE, false)).toList(), t);
        };
    }

    private static List<VectorExpr> stringArgs(ScalarFn fn, List<VectorExpr> args) {
        if (fn == ScalarFn.CONCAT || fn == ScalarFn.CONCAT_WS) {
            return args.stream().map(a -> cast(a, DataType.STRING, false)).toList();
        }
        return args;
    }

    private static VectorExpr zero(DataType t) {
        Object z = switch (t) {
            case DataType.IntType i -> 0;
            case DataType.DoubleType d -> 0.0;
            case DataType.DecimalType d -> d.isLong() ? (Object) 0L : BigDecimal.ZERO;
            default -> 0L;
        };
        return new ConstantExpr(z, t);
    }

    private static VectorExpr arithmetic(ScalarFn fn, VectorExpr l, VectorExpr r, DataType t) {
        return new ArithmeticExpr(fn, cast(l, t, false), cast(r, t, false), t);
    }

    private static VectorExpr product(ScalarFn fn, VectorExpr l, VectorExpr r, DataType t) {
        if (t instanceof DataType.DecimalType d) {
            return new DecimalProductExpr(fn == ScalarFn.DIVIDE, asDecimal(l), asDecimal(r), d);
        }
        return arithmetic(fn, l, r, t);
    }

    private static VectorExpr mod(VectorExpr l, VectorExpr r, DataType t) {
        if (t instanceof DataType.DecimalType) {
            DataType.DecimalType a = (DataType.DecimalType) asDecimal(l).type();
            DataType.DecimalType b = (DataType.DecimalType) asDecimal(r).type();
            int s = Math.max(a.scale(), b.scale());
            DataType.DecimalType work = DataType.decimal(38, s);
            return cast(new ArithmeticExpr(ScalarFn.MOD, cast(l, work, false), cast(r, work, false), work), t, false);
        }
        return arithmetic(ScalarFn.MOD, l, r, t);
    }

    /** Integers join decimal arithmetic as DECIMAL(10,0) / DECIMAL(19,0). */
    private static VectorExpr asDecimal(VectorExpr e) {
        return switch (e.type()) {
            case DataType.DecimalType d -> e;
            case DataType.IntType i -> cast(e, DataType.decimal(10, 0), false);
            case DataType.BigIntType b -> cast(e, DataType.decimal(19, 0), false);
            default -> throw new IllegalArgumentException("not an exact number: " + e.type());
        };
    }

    private static VectorExpr compare(ScalarFn fn, VectorExpr l, VectorExpr r) {
        DataType common = commonType(l.type(), r.type());
        return new CompareExpr(fn, cast(l, common, false), cast(r, common, false));
    }

    /** The type both sides of a comparison (or branches of a CASE) are brought to. */
    public static DataType commonType(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a instanceof DataType.NullType) {
            return b;
        }
        if (b instanceof DataType.NullType) {
            return a;
        }
        if (a instanceof DataType.DoubleType || b instanceof DataType.DoubleType) {
            return DataType.DOUBLE;
        }
        DataType.DecimalType da = decimalOf(a);
        DataType.DecimalType db = decimalOf(b);
        if (da != null && db != null && (a instanceof DataType.DecimalType || b instanceof DataType.DecimalType)) {
            int s = Math.max(da.scale(), db.scale());
            int intDigits = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
            return DataType.decimal(Math.min(38, intDigits + s), s);
        }
        if ((a instanceof DataType.IntType || a instanceof DataType.BigIntType)
                && (b instanceof DataType.IntType || b instanceof DataType.BigIntType)) {
            return DataType.BIGINT;
        }
        if ((a instanceof DataType.DateType && b instanceof DataType.TimestampType)
                || (b instanceof DataType.DateType && a instanceof DataType.TimestampType)) {
            return DataType.TIMESTAMP;
        }
        if (a instanceof DataType.StringType) {
            return b;
        }
        if (b instanceof DataType.StringType) {
            return a;
        }
        throw new IllegalArgumentException("no common type for " + a.sql() + " and " + b.sql());
    }

    private static DataType.DecimalType decimalOf(DataType t) {
        return switch (t) {
            case DataType.DecimalType d -> d;
            case DataType.IntType i -> DataType.decimal(10, 0);
            case DataType.BigIntType b -> DataType.decimal(19, 0);
            default -> null;
        };
    }

    private static VectorExpr caseExpr(List<VectorExpr> args, DataType t) {
        List<VectorExpr> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            boolean isValue = i % 2 == 1 || i == args.size() - 1;
            out.add(isValue ? cast(args.get(i), t, false) : args.get(i));
        }
        return new CaseExpr(false, out, t);
    }

    private static VectorExpr inList(Call c, List<VectorExpr> args) {
        VectorExpr input = args.get(0);
        List<Object> values = new ArrayList<>();
        boolean allLiterals = true;
        for (int i = 1; i < c.args().size(); i++) {
            if (c.args().get(i) instanceof Literal l) {
                values.add(convertLiteral(l, input.type()));
            } else {
                allLiterals = false;
            }
        }
        if (!allLiterals || (input.type() instanceof DataType.DecimalType d && !d.isLong())) {
            // General form: x = a OR x = b OR ...
            List<VectorExpr> ors = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                ors.add(compare(ScalarFn.EQ, input, args.get(i)));
            }
            return ors.size() == 1 ? ors.get(0) : new LogicExpr(ScalarFn.OR, ors);
        }
        return new InListExpr(input, values);
    }

    /** A literal's value in the representation of {@code target}. */
    private static Object convertLiteral(Literal l, DataType target) {
        Object v = l.value();
        if (v == null || l.type().equals(target)) {
            return normalizeLiteral(v, target);
        }
        if (target instanceof DataType.DecimalType d && d.isLong()) {
            BigDecimal bd = switch (l.type()) {
                case DataType.DecimalType ld when ld.isLong() -> BigDecimal.valueOf(((Number) v).longValue(), ld.scale());
                default -> dev.ember.columnar.Values.toBigDecimal(v);
            };
            return bd.setScale(d.scale(), java.math.RoundingMode.HALF_UP).unscaledValue().longValueExact();
        }
        if (target instanceof DataType.DoubleType && v instanceof Number n) {
            if (l.type() instanceof DataType.DecimalType ld && ld.isLong()) {
                return BigDecimal.valueOf(n.longValue(), ld.scale()).doubleValue();
            }
            return n.doubleValue();
        }
        return v;
    }

    private static VectorExpr like(Call c, VectorExpr input) {
        if (!(c.args().get(1) instanceof Literal pattern) || pattern.value() == null) {
            throw new IllegalArgumentException("LIKE needs a constant pattern, got " + c.args().get(1));
        }
        Character escape = null;
        if (c.args().size() > 2 && c.args().get(2) instanceof Literal e && e.value() != null) {
            String s = e.value().toString();
            if (s.length() != 1) {
                throw new IllegalArgumentException("LIKE escape must be one character, got '" + s + "'");
            }
            escape = s.charAt(0);
        }
        return new LikeExpr(input, pattern.value().toString(), escape);
    }
}
