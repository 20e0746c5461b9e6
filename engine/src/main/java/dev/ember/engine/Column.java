package dev.ember.engine;

import dev.ember.columnar.types.DataType;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A column expression of the DataFrame API, as Spark's {@code Column}: built from
 * {@link functions#col}, {@link functions#lit}, {@link functions#expr} or {@link DataFrame#col},
 * combined with operators and functions, and given meaning by the DataFrame call that uses it
 * (where a name that does not exist fails at once, with the closest names). Immutable.
 *
 * <pre>{@code
 * df.filter(col("l_shipdate").leq(lit(LocalDate.of(1998, 9, 2))))
 *   .select(col("l_extendedprice").multiply(lit(1).minus(col("l_discount"))).as("revenue"));
 * }</pre>
 *
 * <p>Arguments typed {@code Object} take a Column or a literal value (see {@link functions#lit}).
 */
public final class Column {
    private final ColumnNode node;

    Column(ColumnNode node) {
        this.node = node;
    }

    ColumnNode node() {
        return node;
    }

    static ColumnNode nodeOf(Object value) {
        return value instanceof Column c ? c.node : new ColumnNode.Literal(Literals.normalize(value));
    }

    private Column op(SqlOperator op, Object... others) {
        List<ColumnNode> args = new ArrayList<>();
        args.add(node);
        for (Object o : others) {
            args.add(nodeOf(o));
        }
        return new Column(new ColumnNode.Op(op, args));
    }

    // ---- arithmetic

    public Column plus(Object other) {
        return op(SqlStdOperatorTable.PLUS, other);
    }

    public Column minus(Object other) {
        return op(SqlStdOperatorTable.MINUS, other);
    }

    public Column multiply(Object other) {
        return op(SqlStdOperatorTable.MULTIPLY, other);
    }

    /** Division; by zero it is NULL (see docs/decisions.md), and INT / INT is integer division. */
    public Column divide(Object other) {
        return op(dev.ember.sql.ArithmeticOperators.DIVIDE, other);
    }

    public Column mod(Object other) {
        return op(dev.ember.sql.ArithmeticOperators.REMAINDER, other);
    }

    public Column unary_minus() {
        return op(SqlStdOperatorTable.UNARY_MINUS);
    }

    // ---- comparison

    public Column equalTo(Object other) {
        return op(SqlStdOperatorTable.EQUALS, other);
    }

    public Column notEqual(Object other) {
        return op(SqlStdOperatorTable.NOT_EQUALS, other);
    }

    public Column gt(Object other) {
        return op(SqlStdOperatorTable.GREATER_THAN, other);
    }

    public Column geq(Object other) {
        return op(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, other);
    }

    public Column lt(Object other) {
        return op(SqlStdOperatorTable.LESS_THAN, other);
    }

    public Column leq(Object other) {
        return op(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, other);
    }

    /** Equality where NULL equals NULL ({@code <=>}). */
    public Column eqNullSafe(Object other) {
        return op(SqlStdOperatorTable.IS_NOT_DISTINCT_FROM, other);
    }

    public Column between(Object lower, Object upper) {
        return op(SqlStdOperatorTable.BETWEEN, lower, upper);
    }

    // ---- logic

    public Column and(Column other) {
        return op(SqlStdOperatorTable.AND, other);
    }

    public Column or(Column other) {
        return op(SqlStdOperatorTable.OR, other);
    }

    public Column isNull() {
        return op(SqlStdOperatorTable.IS_NULL);
    }

    public Column isNotNull() {
        return op(SqlStdOperatorTable.IS_NOT_NULL);
    }

    /** True when the value is one of {@code values} (Columns or literals). */
    public Column isin(Object... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("isin needs at least one value");
        }
        return new Column(new ColumnNode.In(node, Arrays.stream(values).map(Column::nodeOf).toList()));
    }

    // ---- strings

    /** SQL LIKE: {@code %} matches any text, {@code _} one character. */
    public Column like(String pattern) {
        return op(SqlStdOperatorTable.LIKE, pattern);
    }

    /** LIKE ignoring case. */
    public Column ilike(String pattern) {
        return op(SqlLibraryOperators.ILIKE, pattern);
    }

    public Column startsWith(Object prefix) {
        return new Column(new ColumnNode.Call("starts_with", List.of(node, nodeOf(prefix)), false, false));
    }

    public Column endsWith(Object suffix) {
        return new Column(new ColumnNode.Call("ends_with", List.of(node, nodeOf(suffix)), false, false));
    }

    /** True when the string contains {@code other} ({@code LIKE '%other%'} for a literal). */
    public Column contains(Object other) {
        if (!(other instanceof Column)) {
            String s = String.valueOf(other).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            return new Column(new ColumnNode.Op(SqlStdOperatorTable.LIKE, List.of(node,
                    new ColumnNode.Literal("%" + s + "%"), new ColumnNode.Literal("\\"))));
        }
        return new Column(new ColumnNode.Op(SqlStdOperatorTable.GREATER_THAN, List.of(
                new ColumnNode.Op(SqlStdOperatorTable.POSITION, List.of(nodeOf(other), node)), new ColumnNode.Literal(0))));
    }

    /** The substring starting at 1-based {@code pos}, {@code len} characters long. */
    public Column substr(int pos, int len) {
        return functions.substring(this, pos, len);
    }

    public Column substr(Column pos, Column len) {
        return new Column(new ColumnNode.Op(SqlStdOperatorTable.SUBSTRING, List.of(node, pos.node, len.node)));
    }

    // ---- types and names

    /** CAST to a SQL type: {@code "bigint"}, {@code "decimal(10,2)"}, {@code "date"}, {@code "string"}. */
    public Column cast(String type) {
        return new Column(new ColumnNode.Cast(node, type, false));
    }

    public Column cast(DataType type) {
        return cast(type.sql());
    }

    /** TRY_CAST: NULL where the value does not convert. */
    public Column try_cast(String type) {
        return new Column(new ColumnNode.Cast(node, type, true));
    }

    /** The same expression named {@code name}. */
    public Column as(String name) {
        ColumnNode inner = node instanceof ColumnNode.Alias a ? a.child() : node;
        return new Column(new ColumnNode.Alias(inner, name));
    }

    public Column alias(String name) {
        return as(name);
    }

    public Column name(String name) {
        return as(name);
    }

    // ---- ordering

    public Column asc() {
        return new Column(new ColumnNode.SortOrder(unsorted(), true, null));
    }

    public Column asc_nulls_first() {
        return new Column(new ColumnNode.SortOrder(unsorted(), true, true));
    }

    public Column asc_nulls_last() {
        return new Column(new ColumnNode.SortOrder(unsorted(), true, false));
    }

    public Column desc() {
        return new Column(new ColumnNode.SortOrder(unsorted(), false, null));
    }

    public Column desc_nulls_first() {
        return new Column(new ColumnNode.SortOrder(unsorted(), false, true));
    }

    public Column desc_nulls_last() {
        return new Column(new ColumnNode.SortOrder(unsorted(), false, false));
    }

    private ColumnNode unsorted() {
        return node instanceof ColumnNode.SortOrder s ? s.child() : node;
    }

    // ---- CASE

    /** Adds a branch to a {@link functions#when} expression. */
    public Column when(Column condition, Object value) {
        if (!(node instanceof ColumnNode.Case c) || c.otherwise() != null) {
            throw new IllegalArgumentException("when() follows functions.when(...) or another when(), before otherwise()");
        }
        List<ColumnNode> conds = new ArrayList<>(c.conditions());
        List<ColumnNode> values = new ArrayList<>(c.values());
        conds.add(condition.node);
        values.add(nodeOf(value));
        return new Column(new ColumnNode.Case(conds, values, null));
    }

    /** The value of a {@link functions#when} expression where no branch applies (NULL without it). */
    public Column otherwise(Object value) {
        if (!(node instanceof ColumnNode.Case c) || c.otherwise() != null) {
            throw new IllegalArgumentException("otherwise() follows functions.when(...), once");
        }
        return new Column(new ColumnNode.Case(c.conditions(), c.values(), nodeOf(value)));
    }

    // ---- windows

    /** This aggregate or window function computed over a window: {@code rank().over(Window.partitionBy("k").orderBy("v"))}. */
    public Column over(WindowSpec window) {
        return new Column(new ColumnNode.Over(node, window));
    }

    /** Over the whole input (one window). */
    public Column over() {
        return over(new WindowSpec());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column c && c.node.equals(node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    /** The name Spark would give this column, e.g. {@code (a + 1)}. */
    @Override
    public String toString() {
        return node.display();
    }
}
