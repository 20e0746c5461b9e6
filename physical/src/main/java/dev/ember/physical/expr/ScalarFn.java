package dev.ember.physical.expr;

import java.util.List;
import java.util.stream.Collectors;

/** The scalar functions the engine evaluates. Operand and result types are fixed by the optimizer. */
public enum ScalarFn {
    // Arithmetic: operands share one type (the optimizer inserts casts), except DECIMAL, whose
    // scales may differ and are reconciled by the kernel.
    PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/"), MOD("%"), NEGATE("-"),
    // Comparison: operands share one type.
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
    IS_DISTINCT_FROM("IS DISTINCT FROM"), IS_NOT_DISTINCT_FROM("IS NOT DISTINCT FROM"),
    // Logic, three-valued.
    AND("AND"), OR("OR"), NOT("NOT"),
    IS_NULL("IS NULL"), IS_NOT_NULL("IS NOT NULL"), IS_TRUE("IS TRUE"), IS_NOT_TRUE("IS NOT TRUE"),
    IS_FALSE("IS FALSE"), IS_NOT_FALSE("IS NOT FALSE"),
    /** {@code CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] [ELSE e] END}: args c1, v1, c2, v2, ..., e. */
    CASE("CASE"),
    COALESCE("coalesce"),
    /** {@code x IN (l1, l2, ...)}: args x, then literals of x's type. */
    IN("IN"),
    /** {@code x LIKE pattern [ESCAPE e]}: args x, pattern (literal), optional escape (literal). */
    LIKE("LIKE"),
    // Strings.
    SUBSTRING("substring"), UPPER("upper"), LOWER("lower"), TRIM("trim"), LTRIM("ltrim"), RTRIM("rtrim"),
    CHAR_LENGTH("length"), CONCAT("concat"), REPLACE("replace"), POSITION("position"),
    /** {@code concat_ws(sep, s1, s2, ...)}: NULL arguments are skipped; a NULL separator gives NULL. */
    CONCAT_WS("concat_ws"),
    STARTS_WITH("starts_with"), ENDS_WITH("ends_with"), CONTAINS("contains"),
    // Dates: EXTRACT(unit FROM d); arguments of DATE_ADD_* are (date, amount).
    EXTRACT_YEAR("year"), EXTRACT_QUARTER("quarter"), EXTRACT_MONTH("month"), EXTRACT_DAY("day"),
    EXTRACT_DOW("dayofweek"), EXTRACT_DOY("dayofyear"),
    EXTRACT_HOUR("hour"), EXTRACT_MINUTE("minute"), EXTRACT_SECOND("second"),
    DATE_ADD_DAYS("date_add"), DATE_ADD_MONTHS("add_months"), TIMESTAMP_ADD_MICROS("timestamp_add"),
    DATE_DIFF_DAYS("datediff"),
    // Math.
    ABS("abs"), ROUND("round"), FLOOR("floor"), CEIL("ceil"), SQRT("sqrt"), POWER("power"), LN("ln"),
    LOG10("log10"), EXP("exp"), SIGN("sign");

    private final String symbol;

    ScalarFn(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    String display(List<PhysicalExpr> args) {
        String joined = args.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return switch (this) {
            case PLUS, MINUS, TIMES, DIVIDE, MOD, EQ, NE, LT, LE, GT, GE, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM ->
                    "(" + args.get(0) + " " + symbol + " " + args.get(1) + ")";
            case AND, OR -> "(" + args.stream().map(String::valueOf).collect(Collectors.joining(" " + symbol + " ")) + ")";
            case NOT -> "NOT " + args.get(0);
            case NEGATE -> "-" + args.get(0);
            case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> args.get(0) + " " + symbol;
            case IN -> args.get(0) + " IN (" + args.subList(1, args.size()).stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ")";
            case LIKE -> args.get(0) + " LIKE " + args.get(1);
            case CASE -> caseDisplay(args);
            default -> symbol + "(" + joined + ")";
        };
    }

    private static String caseDisplay(List<PhysicalExpr> args) {
        StringBuilder sb = new StringBuilder("CASE");
        int i = 0;
        for (; i + 1 < args.size(); i += 2) {
            sb.append(" WHEN ").append(args.get(i)).append(" THEN ").append(args.get(i + 1));
        }
        if (i < args.size()) {
            sb.append(" ELSE ").append(args.get(i));
        }
        return sb.append(" END").toString();
    }
}
