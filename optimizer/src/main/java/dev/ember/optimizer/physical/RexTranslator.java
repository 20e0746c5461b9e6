package dev.ember.optimizer.physical;

import dev.ember.columnar.types.DataType;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.expr.ScalarFn;
import dev.ember.plan.TypeMapping;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates Calcite row expressions into Ember's physical expressions over the input columns.
 * SEARCH/Sarg is expanded first; date +/- interval becomes date_add / add_months; anything the
 * engine cannot evaluate is an error that names the function.
 */
public final class RexTranslator {
    private final RexBuilder rexBuilder;

    public RexTranslator(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    public PhysicalExpr translate(RexNode rex) {
        RexNode expanded = RexUtil.expandSearch(rexBuilder, null, rex);
        return tr(expanded);
    }

    public List<PhysicalExpr> translateAll(List<? extends RexNode> rexes) {
        List<PhysicalExpr> out = new ArrayList<>(rexes.size());
        for (RexNode r : rexes) {
            out.add(translate(r));
        }
        return out;
    }

    private static DataType type(RexNode r) {
        return TypeMapping.toEmber(r.getType());
    }

    private PhysicalExpr tr(RexNode rex) {
        return switch (rex) {
            case RexInputRef ref -> PhysicalExpr.col(ref.getIndex(), type(ref));
            case RexLiteral lit -> literal(lit);
            case RexCall call -> call(call);
            default -> throw unsupported("expression " + rex);
        };
    }

    static PhysicalExpr.Literal literal(RexLiteral lit) {
        DataType t = lit.getType().getSqlTypeName() == SqlTypeName.SYMBOL ? DataType.STRING : TypeMapping.toEmber(lit.getType());
        return PhysicalExpr.lit(literalValue(lit, t), t);
    }

    /** A literal's value in the engine's internal representation of type {@code t}. */
    static Object literalValue(RexLiteral lit, DataType t) {
        if (lit.isNull()) {
            return null;
        }
        return switch (t) {
            case DataType.BooleanType b -> lit.getValueAs(Boolean.class);
            case DataType.IntType i -> lit.getValueAs(BigDecimal.class).intValueExact();
            case DataType.BigIntType b -> lit.getValueAs(BigDecimal.class).longValueExact();
            case DataType.DoubleType d -> lit.getValueAs(Double.class);
            case DataType.DecimalType d -> lit.getValueAs(BigDecimal.class);
            case DataType.DateType d -> lit.getValueAs(DateString.class).getDaysSinceEpoch();
            case DataType.TimestampType ts -> lit.getValueAs(TimestampString.class).getMillisSinceEpoch() * 1000
                    + (micros(lit.getValueAs(TimestampString.class)));
            case DataType.StringType s -> {
                Object v = lit.getValue();
                if (v instanceof NlsString n) {
                    yield n.getValue();
                }
                yield lit.getValueAs(String.class);
            }
            case DataType.NullType n -> null;
        };
    }

    private static long micros(TimestampString ts) {
        String s = ts.toString();
        int dot = s.indexOf('.');
        if (dot < 0) {
            return 0;
        }
        String frac = (s.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(frac) % 1000;
    }

    private PhysicalExpr call(RexCall call) {
        DataType t = type(call);
        List<RexNode> ops = call.getOperands();
        SqlKind kind = unchecked(call.getKind());
        switch (kind) {
            case PLUS, MINUS -> {
                if (SqlTypeUtilHelper.isDatetime(ops.get(0)) && SqlTypeUtilHelper.isInterval(ops.get(1))) {
                    return datePlusInterval(tr(ops.get(0)), ops.get(1), kind == SqlKind.MINUS, t);
                }
                if (SqlTypeUtilHelper.isInterval(ops.get(0)) && SqlTypeUtilHelper.isDatetime(ops.get(1)) && kind == SqlKind.PLUS) {
                    return datePlusInterval(tr(ops.get(1)), ops.get(0), false, t);
                }
                return binary(kind == SqlKind.PLUS ? ScalarFn.PLUS : ScalarFn.MINUS, call, t);
            }
            case MINUS_PREFIX -> {
                return PhysicalExpr.call(ScalarFn.NEGATE, t, tr(ops.get(0)));
            }
            case PLUS_PREFIX -> {
                return tr(ops.get(0));
            }
            case TIMES -> {
                return binary(ScalarFn.TIMES, call, t);
            }
            case DIVIDE -> {
                return binary(ScalarFn.DIVIDE, call, t);
            }
            case MOD -> {
                return binary(ScalarFn.MOD, call, t);
            }
            case EQUALS -> {
                return binary(ScalarFn.EQ, call, t);
            }
            case NOT_EQUALS -> {
                return binary(ScalarFn.NE, call, t);
            }
            case LESS_THAN -> {
                return binary(ScalarFn.LT, call, t);
            }
            case LESS_THAN_OR_EQUAL -> {
                return binary(ScalarFn.LE, call, t);
            }
            case GREATER_THAN -> {
                return binary(ScalarFn.GT, call, t);
            }
            case GREATER_THAN_OR_EQUAL -> {
                return binary(ScalarFn.GE, call, t);
            }
            case IS_DISTINCT_FROM -> {
                return binary(ScalarFn.IS_DISTINCT_FROM, call, t);
            }
            case IS_NOT_DISTINCT_FROM -> {
                return binary(ScalarFn.IS_NOT_DISTINCT_FROM, call, t);
            }
            case AND -> {
                return new PhysicalExpr.Call(ScalarFn.AND, trAll(ops), t);
            }
            case OR -> {
                return new PhysicalExpr.Call(ScalarFn.OR, trAll(ops), t);
            }
            case NOT -> {
                return PhysicalExpr.call(ScalarFn.NOT, t, tr(ops.get(0)));
            }
            case IS_NULL -> {
                return PhysicalExpr.call(ScalarFn.IS_NULL, t, tr(ops.get(0)));
            }
            case IS_NOT_NULL -> {
                return PhysicalExpr.call(ScalarFn.IS_NOT_NULL, t, tr(ops.get(0)));
            }
            case IS_TRUE -> {
                return PhysicalExpr.call(ScalarFn.IS_TRUE, t, tr(ops.get(0)));
            }
            case IS_NOT_TRUE -> {
                return PhysicalExpr.call(ScalarFn.IS_NOT_TRUE, t, tr(ops.get(0)));
            }
            case IS_FALSE -> {
                return PhysicalExpr.call(ScalarFn.IS_FALSE, t, tr(ops.get(0)));
            }
            case IS_NOT_FALSE -> {
                return PhysicalExpr.call(ScalarFn.IS_NOT_FALSE, t, tr(ops.get(0)));
            }
            case CASE -> {
                return new PhysicalExpr.Call(ScalarFn.CASE, trAll(ops), t);
            }
            case COALESCE -> {
                return new PhysicalExpr.Call(ScalarFn.COALESCE, trAll(ops), t);
            }
            case CAST, SAFE_CAST -> {
                PhysicalExpr in = tr(ops.get(0));
                if (in.type().equals(t)) {
                    return in;
                }
                boolean safe = kind == SqlKind.SAFE_CAST || call.getOperator().getName().equalsIgnoreCase("TRY_CAST");
                return new PhysicalExpr.Cast(in, t, safe);
            }
            case LIKE -> {
                if (call.getOperator().getName().equalsIgnoreCase("ILIKE")) {
                    throw unsupported("ILIKE");
                }
                PhysicalExpr like = new PhysicalExpr.Call(ScalarFn.LIKE, trAll(ops), DataType.BOOLEAN);
                return call.getOperator().getName().toUpperCase(Locale.ROOT).startsWith("NOT") ? PhysicalExpr.call(ScalarFn.NOT, t, like) : like;
            }
            case IN -> {
                return new PhysicalExpr.Call(ScalarFn.IN, trAll(ops), t);
            }
            case EXTRACT -> {
                return extract(call, t);
            }
            case TRIM -> {
                return trim(call, t);
            }
            case POSITION -> {
                return PhysicalExpr.call(ScalarFn.POSITION, t, tr(ops.get(0)), tr(ops.get(1)));
            }
            case FLOOR, CEIL -> {
                if (ops.size() > 1) {
                    throw unsupported(kind.name() + " to a time unit");
                }
                return PhysicalExpr.call(kind == SqlKind.FLOOR ? ScalarFn.FLOOR : ScalarFn.CEIL, t, tr(ops.get(0)));
            }
            default -> {
                return function(call, t);
            }
        }
    }

    /** Calcite's checked arithmetic is plain arithmetic here: every Ember kernel checks overflow. */
    private static SqlKind unchecked(SqlKind kind) {
        return switch (kind) {
            case CHECKED_PLUS -> SqlKind.PLUS;
            case CHECKED_MINUS -> SqlKind.MINUS;
            case CHECKED_TIMES -> SqlKind.TIMES;
            case CHECKED_DIVIDE -> SqlKind.DIVIDE;
            case CHECKED_MINUS_PREFIX -> SqlKind.MINUS_PREFIX;
            default -> kind;
        };
    }

    private List<PhysicalExpr> trAll(List<RexNode> ops) {
        List<PhysicalExpr> out = new ArrayList<>(ops.size());
        for (RexNode o : ops) {
            out.add(tr(o));
        }
        return out;
    }

    private PhysicalExpr binary(ScalarFn fn, RexCall call, DataType t) {
        return PhysicalExpr.call(fn, t, tr(call.getOperands().get(0)), tr(call.getOperands().get(1)));
    }

    /** date +/- interval: whole days or months on DATE, microseconds on TIMESTAMP. */
    private PhysicalExpr datePlusInterval(PhysicalExpr date, RexNode interval, boolean minus, DataType t) {
        SqlTypeFamily fam = interval.getType().getSqlTypeName().getFamily();
        boolean yearMonth = fam == SqlTypeFamily.INTERVAL_YEAR_MONTH;
        DataType at = DataType.BIGINT;
        // Interval literals hold months (year-month) or milliseconds (day-time).
        if (interval instanceof RexLiteral lit && !lit.isNull()) {
            long v = lit.getValueAs(BigDecimal.class).longValueExact();
            if (minus) {
                v = -v;
            }
            if (yearMonth) {
                return PhysicalExpr.call(ScalarFn.DATE_ADD_MONTHS, t, date, PhysicalExpr.lit(v, at));
            }
            if (date.type() instanceof DataType.DateType && v % 86_400_000L == 0 && t instanceof DataType.DateType) {
                return PhysicalExpr.call(ScalarFn.DATE_ADD_DAYS, t, date, PhysicalExpr.lit(v / 86_400_000L, at));
            }
            PhysicalExpr ts = date.type() instanceof DataType.DateType ? new PhysicalExpr.Cast(date, DataType.TIMESTAMP, false) : date;
            return PhysicalExpr.call(ScalarFn.TIMESTAMP_ADD_MICROS, t, ts, PhysicalExpr.lit(v * 1000, at));
        }
        throw unsupported("date arithmetic with a non-constant interval");
    }

    private PhysicalExpr extract(RexCall call, DataType t) {
        TimeUnitRange unit = (TimeUnitRange) ((RexLiteral) call.getOperands().get(0)).getValue();
        ScalarFn fn = switch (unit) {
            case YEAR -> ScalarFn.EXTRACT_YEAR;
            case QUARTER -> ScalarFn.EXTRACT_QUARTER;
            case MONTH -> ScalarFn.EXTRACT_MONTH;
            case DAY -> ScalarFn.EXTRACT_DAY;
            case DOW -> ScalarFn.EXTRACT_DOW;
            case DOY -> ScalarFn.EXTRACT_DOY;
            case HOUR -> ScalarFn.EXTRACT_HOUR;
            case MINUTE -> ScalarFn.EXTRACT_MINUTE;
            case SECOND -> ScalarFn.EXTRACT_SECOND;
            default -> throw unsupported("EXTRACT(" + unit + ")");
        };
        return PhysicalExpr.call(fn, t, tr(call.getOperands().get(1)));
    }

    private PhysicalExpr trim(RexCall call, DataType t) {
        SqlTrimFunction.Flag flag = (SqlTrimFunction.Flag) ((RexLiteral) call.getOperands().get(0)).getValue();
        ScalarFn fn = switch (flag) {
            case BOTH -> ScalarFn.TRIM;
            case LEADING -> ScalarFn.LTRIM;
            case TRAILING -> ScalarFn.RTRIM;
        };
        return PhysicalExpr.call(fn, t, tr(call.getOperands().get(2)), tr(call.getOperands().get(1)));
    }

    private PhysicalExpr function(RexCall call, DataType t) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<PhysicalExpr> args = trAll(call.getOperands());
        ScalarFn fn = switch (name) {
            case "SUBSTRING", "SUBSTR" -> ScalarFn.SUBSTRING;
            case "UPPER", "UCASE" -> ScalarFn.UPPER;
            case "LOWER", "LCASE" -> ScalarFn.LOWER;
            case "CHAR_LENGTH", "CHARACTER_LENGTH", "LENGTH", "LEN" -> ScalarFn.CHAR_LENGTH;
            case "||", "CONCAT" -> ScalarFn.CONCAT;
            case "CONCAT_WS" -> ScalarFn.CONCAT_WS;
            case "REPLACE" -> ScalarFn.REPLACE;
            case "LTRIM" -> ScalarFn.LTRIM;
            case "RTRIM" -> ScalarFn.RTRIM;
            case "STARTS_WITH", "STARTSWITH" -> ScalarFn.STARTS_WITH;
            case "ENDS_WITH", "ENDSWITH" -> ScalarFn.ENDS_WITH;
            case "CONTAINS_SUBSTR" -> ScalarFn.CONTAINS;
            case "ABS" -> ScalarFn.ABS;
            case "ROUND" -> ScalarFn.ROUND;
            case "SQRT" -> ScalarFn.SQRT;
            case "POWER", "POW" -> ScalarFn.POWER;
            case "LN" -> ScalarFn.LN;
            case "LOG10" -> ScalarFn.LOG10;
            case "EXP" -> ScalarFn.EXP;
            case "SIGN" -> ScalarFn.SIGN;
            case "YEAR" -> ScalarFn.EXTRACT_YEAR;
            case "QUARTER" -> ScalarFn.EXTRACT_QUARTER;
            case "MONTH" -> ScalarFn.EXTRACT_MONTH;
            case "DAYOFMONTH", "DAY" -> ScalarFn.EXTRACT_DAY;
            case "DAYOFWEEK" -> ScalarFn.EXTRACT_DOW;
            case "DAYOFYEAR" -> ScalarFn.EXTRACT_DOY;
            case "HOUR" -> ScalarFn.EXTRACT_HOUR;
            case "MINUTE" -> ScalarFn.EXTRACT_MINUTE;
            case "SECOND" -> ScalarFn.EXTRACT_SECOND;
            default -> throw unsupported("function " + name.toLowerCase(Locale.ROOT));
        };
        if (fn == ScalarFn.ROUND && args.size() == 1) {
            args = List.of(args.get(0), PhysicalExpr.lit(0, DataType.INT));
        }
        if (fn == ScalarFn.ROUND && (t instanceof DataType.IntType || t instanceof DataType.BigIntType)
                && call.getOperands().get(1) instanceof org.apache.calcite.rex.RexLiteral d
                && d.getValueAs(Integer.class) != null && d.getValueAs(Integer.class) < 0) {
            // round(125, -1) is 130: the integer kernel rounds to digits >= 0 only, so a negative
            // digit count rounds the value as an exact DECIMAL and casts back (overflow is an error).
            DataType exact = DataType.decimal(20, 0);
            PhysicalExpr rounded = new PhysicalExpr.Call(fn,
                    List.of(new PhysicalExpr.Cast(args.get(0), exact, false), args.get(1)), exact);
            return new PhysicalExpr.Cast(rounded, t, false);
        }
        return new PhysicalExpr.Call(fn, args, t);
    }

    static AnalysisException unsupported(String what) {
        return new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, what + " is not supported yet");
    }

    /** Small type tests on Rex operands. */
    static final class SqlTypeUtilHelper {
        private SqlTypeUtilHelper() {
        }

        static boolean isDatetime(RexNode r) {
            SqlTypeName n = r.getType().getSqlTypeName();
            return n == SqlTypeName.DATE || n == SqlTypeName.TIMESTAMP;
        }

        static boolean isInterval(RexNode r) {
            return r.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH
                    || r.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME;
        }
    }
}
