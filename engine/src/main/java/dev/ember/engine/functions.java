package dev.ember.engine;

import dev.ember.sql.EmberSqlParser;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The DataFrame API's functions, as Spark's {@code org.apache.spark.sql.functions}: import them
 * statically. Each builds a {@link Column} naming a SQL function, so it means exactly what the
 * function means in Ember SQL.
 *
 * <pre>{@code
 * import static dev.ember.engine.functions.*;
 * df.groupBy("l_returnflag").agg(sum("l_quantity").as("qty"), avg(col("l_discount")), count("*"));
 * }</pre>
 */
@SuppressWarnings("checkstyle:TypeName")
public final class functions {
    private functions() {
    }

    static Column[] cols(String... names) {
        return Arrays.stream(names).map(functions::col).toArray(Column[]::new);
    }

    private static Column call(String name, Object... args) {
        List<ColumnNode> a = new ArrayList<>();
        for (Object o : args) {
            a.add(Column.nodeOf(o));
        }
        return new Column(new ColumnNode.Call(name, a, false, false));
    }

    private static Column column(Object nameOrColumn) {
        return nameOrColumn instanceof String s ? col(s) : (Column) nameOrColumn;
    }

    // ---- columns and literals

    /**
     * A column by name, resolved where it is used: {@code "a"}, {@code "t.a"} (qualified by a
     * DataFrame alias or table name), {@code "`a.b`"} (a name with a dot), {@code "*"}, {@code "t.*"}.
     */
    public static Column col(String name) {
        return new Column(Names.parse(name));
    }

    public static Column column(String name) {
        return col(name);
    }

    /**
     * A literal: Boolean, Integer (INT), Long (BIGINT), Double/Float (DOUBLE), BigDecimal (exact
     * DECIMAL), String, LocalDate (DATE), LocalDateTime (TIMESTAMP), java.sql dates, or null.
     * A Column is returned as it is.
     */
    public static Column lit(Object value) {
        return value instanceof Column c ? c : new Column(new ColumnNode.Literal(Literals.normalize(value)));
    }

    /**
     * A SQL expression, parsed now and given meaning where it is used:
     * {@code expr("l_extendedprice * (1 - l_discount) AS revenue")}.
     */
    public static Column expr(String sql) {
        SqlNode node = EmberSqlParser.parseExpression(sql);
        if (node instanceof SqlIdentifier id && id.isStar()) {
            String q = id.names.size() > 1 ? id.names.get(0) : null;
            return new Column(new ColumnNode.Star(q));
        }
        if (node.getKind() == SqlKind.AS) {
            SqlBasicCall as = (SqlBasicCall) node;
            String alias = ((SqlIdentifier) as.operand(1)).getSimple();
            return new Column(new ColumnNode.Alias(new ColumnNode.Sql(as.operand(0), Names.textOf(sql, as.operand(0))), alias));
        }
        return new Column(new ColumnNode.Sql(node, sql));
    }

    /** {@code CASE WHEN condition THEN value}; chain {@link Column#when} and {@link Column#otherwise}. */
    public static Column when(Column condition, Object value) {
        return new Column(new ColumnNode.Case(List.of(condition.node()), List.of(Column.nodeOf(value)), null));
    }

    public static Column not(Column c) {
        return new Column(new ColumnNode.Op(SqlStdOperatorTable.NOT, List.of(c.node())));
    }

    public static Column negate(Column c) {
        return c.unary_minus();
    }

    /** The first argument that is not NULL. */
    public static Column coalesce(Column... columns) {
        return call("coalesce", (Object[]) columns);
    }

    public static Column isnull(Column c) {
        return c.isNull();
    }

    /** Marks a DataFrame small enough to send whole to every task of a join (a BROADCAST hint). */
    public static DataFrame broadcast(DataFrame df) {
        return df.hint("broadcast");
    }

    public static Column asc(String column) {
        return col(column).asc();
    }

    public static Column desc(String column) {
        return col(column).desc();
    }

    // ---- math

    public static Column abs(Column c) {
        return call("abs", c);
    }

    public static Column sqrt(Column c) {
        return call("sqrt", c);
    }

    public static Column sqrt(String column) {
        return sqrt(col(column));
    }

    public static Column exp(Column c) {
        return call("exp", c);
    }

    /** The natural logarithm. */
    public static Column log(Column c) {
        return call("ln", c);
    }

    public static Column log10(Column c) {
        return call("log10", c);
    }

    public static Column pow(Column base, Object exponent) {
        return call("power", base, exponent);
    }

    public static Column round(Column c) {
        return call("round", c);
    }

    /** Rounded to {@code scale} decimal places, half away from zero. */
    public static Column round(Column c, int scale) {
        return call("round", c, scale);
    }

    public static Column floor(Column c) {
        return call("floor", c);
    }

    public static Column ceil(Column c) {
        return call("ceil", c);
    }

    public static Column signum(Column c) {
        return call("sign", c);
    }

    // ---- strings

    public static Column upper(Column c) {
        return call("upper", c);
    }

    public static Column lower(Column c) {
        return call("lower", c);
    }

    /** Length in characters. */
    public static Column length(Column c) {
        return call("length", c);
    }

    public static Column trim(Column c) {
        return new Column(new ColumnNode.Op(SqlStdOperatorTable.TRIM, List.of(new ColumnNode.Literal(
                new TrimFlag("BOTH")), new ColumnNode.Literal(" "), c.node())));
    }

    public static Column ltrim(Column c) {
        return call("ltrim", c);
    }

    public static Column rtrim(Column c) {
        return call("rtrim", c);
    }

    /** The substring of {@code str} from 1-based {@code pos}, {@code len} characters long. */
    public static Column substring(Column str, int pos, int len) {
        return new Column(new ColumnNode.Op(SqlStdOperatorTable.SUBSTRING, List.of(str.node(),
                new ColumnNode.Literal(pos), new ColumnNode.Literal(len))));
    }

    public static Column concat(Column... columns) {
        if (columns.length == 0) {
            return lit("");
        }
        // SQL's ||, left to right: NULL when any input is, as Spark's concat.
        ColumnNode out = columns[0].node();
        for (int i = 1; i < columns.length; i++) {
            out = new ColumnNode.Op(SqlStdOperatorTable.CONCAT, List.of(out, columns[i].node()));
        }
        return new Column(out);
    }

    /** 1-based position of {@code substring} in {@code str}, 0 when absent. */
    public static Column instr(Column str, String substring) {
        return new Column(new ColumnNode.Op(SqlStdOperatorTable.POSITION, List.of(new ColumnNode.Literal(substring), str.node())));
    }

    /** Every occurrence of {@code search} in {@code str} replaced by {@code replacement}. */
    public static Column replace(Column str, Object search, Object replacement) {
        return call("replace", str, search, replacement);
    }

    // ---- dates

    public static Column year(Column c) {
        return call("year", c);
    }

    public static Column quarter(Column c) {
        return call("quarter", c);
    }

    public static Column month(Column c) {
        return call("month", c);
    }

    public static Column dayofmonth(Column c) {
        return call("dayofmonth", c);
    }

    public static Column dayofweek(Column c) {
        return call("dayofweek", c);
    }

    public static Column dayofyear(Column c) {
        return call("dayofyear", c);
    }

    public static Column hour(Column c) {
        return call("hour", c);
    }

    public static Column minute(Column c) {
        return call("minute", c);
    }

    public static Column second(Column c) {
        return call("second", c);
    }

    public static Column current_date() {
        return new Column(new ColumnNode.Op(SqlStdOperatorTable.CURRENT_DATE, List.of()));
    }

    // ---- aggregates

    /** Rows where {@code c} is not NULL. */
    public static Column count(Column c) {
        return call("count", c);
    }

    /** {@code count("*")} counts rows; {@code count("x")} counts non-NULL values of x. */
    public static Column count(String column) {
        if (column.equals("*")) {
            return new Column(new ColumnNode.Call("count", List.of(), false, true));
        }
        return count(col(column));
    }

    public static Column countDistinct(Column first, Column... more) {
        List<ColumnNode> a = new ArrayList<>();
        a.add(first.node());
        for (Column c : more) {
            a.add(c.node());
        }
        return new Column(new ColumnNode.Call("count", a, true, false));
    }

    public static Column countDistinct(String first, String... more) {
        return countDistinct(col(first), cols(more));
    }

    public static Column sum(Column c) {
        return call("sum", c);
    }

    public static Column sum(String column) {
        return sum(col(column));
    }

    public static Column avg(Column c) {
        return call("avg", c);
    }

    public static Column avg(String column) {
        return avg(col(column));
    }

    public static Column mean(Column c) {
        return avg(c);
    }

    public static Column mean(String column) {
        return avg(column);
    }

    public static Column min(Column c) {
        return call("min", c);
    }

    public static Column min(String column) {
        return min(col(column));
    }

    public static Column max(Column c) {
        return call("max", c);
    }

    public static Column max(String column) {
        return max(col(column));
    }

    /** Some value of the group. */
    public static Column any_value(Column c) {
        return call("any_value", c);
    }

    /** Sample standard deviation. */
    public static Column stddev(Column c) {
        return call("stddev_samp", c);
    }

    public static Column stddev_samp(Column c) {
        return call("stddev_samp", c);
    }

    public static Column stddev_pop(Column c) {
        return call("stddev_pop", c);
    }

    /** Sample variance. */
    public static Column variance(Column c) {
        return call("var_samp", c);
    }

    public static Column var_samp(Column c) {
        return call("var_samp", c);
    }

    public static Column var_pop(Column c) {
        return call("var_pop", c);
    }

    // ---- window functions (use with Column.over)

    public static Column row_number() {
        return call("row_number");
    }

    public static Column rank() {
        return call("rank");
    }

    public static Column dense_rank() {
        return call("dense_rank");
    }

    public static Column percent_rank() {
        return call("percent_rank");
    }

    public static Column cume_dist() {
        return call("cume_dist");
    }

    public static Column ntile(int n) {
        return call("ntile", n);
    }

    /** The value {@code offset} rows before the current one in the window, or {@code defaultValue}. */
    public static Column lag(Column c, int offset, Object defaultValue) {
        return defaultValue == null ? call("lag", c, offset) : call("lag", c, offset, defaultValue);
    }

    public static Column lag(Column c, int offset) {
        return lag(c, offset, null);
    }

    public static Column lead(Column c, int offset, Object defaultValue) {
        return defaultValue == null ? call("lead", c, offset) : call("lead", c, offset, defaultValue);
    }

    public static Column lead(Column c, int offset) {
        return lead(c, offset, null);
    }

    /** A TRIM flag operand (BOTH, LEADING, TRAILING); only SqlGen reads it. */
    record TrimFlag(String flag) {
    }

    static Column[] columns(Object... namesOrColumns) {
        return Arrays.stream(namesOrColumns).map(functions::column).toArray(Column[]::new);
    }
}
