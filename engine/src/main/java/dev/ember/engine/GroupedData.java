package dev.ember.engine;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rows grouped by {@link DataFrame#groupBy} (or {@code rollup}, {@code cube}), waiting for
 * their aggregates, as Spark's {@code RelationalGroupedDataset}. The result has the grouping
 * columns first, then one column per aggregate.
 *
 * <pre>{@code
 * lineitem.groupBy("l_returnflag").agg(sum("l_quantity").as("qty"), count("*"));
 * orders.groupBy("o_orderpriority").pivot("o_orderstatus", List.of("F", "O")).count();
 * }</pre>
 */
public final class GroupedData {
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "any_value",
            "stddev_samp", "stddev_pop", "var_samp", "var_pop");
    /** Spark's limit on the distinct values a pivot column may have when they are not listed. */
    static final int PIVOT_MAX_VALUES = 10_000;

    private final DataFrame df;
    private final List<ColumnNode> keys;
    private final DataFramePlanner.Grouping grouping;
    private final ColumnNode pivotColumn;
    private final List<Object> pivotValues;

    GroupedData(DataFrame df, List<ColumnNode> keys, DataFramePlanner.Grouping grouping) {
        this(df, keys, grouping, null, null);
        // Names resolve when the DataFrame is built: a missing key fails at groupBy, not at agg.
        if (!keys.isEmpty()) {
            df.select(keys.stream().map(Column::new).toArray(Column[]::new));
        }
    }

    private GroupedData(DataFrame df, List<ColumnNode> keys, DataFramePlanner.Grouping grouping, ColumnNode pivotColumn,
                        List<Object> pivotValues) {
        this.df = df;
        this.keys = List.copyOf(keys);
        this.grouping = grouping;
        this.pivotColumn = pivotColumn;
        this.pivotValues = pivotValues;
    }

    /** One column per aggregate expression ({@code sum("x")}, {@code max(col("y")).as("top")}, {@code expr("avg(z)")}). */
    public DataFrame agg(Column aggregate, Column... more) {
        List<Column> all = new ArrayList<>();
        all.add(aggregate);
        all.addAll(List.of(more));
        return agg(all);
    }

    public DataFrame agg(List<Column> aggregates) {
        List<ColumnNode> nodes = new ArrayList<>();
        for (Column c : aggregates) {
            nodes.add(c.node());
        }
        if (pivotColumn != null) {
            nodes = pivoted(nodes);
        }
        return df.aggregate(keys, grouping, nodes);
    }

    /** Aggregates by name: {@code agg(Map.of("l_quantity", "sum", "l_discount", "avg"))} ({@code "*" -> "count"} counts rows). */
    public DataFrame agg(Map<String, String> columnToFunction) {
        List<Column> out = new ArrayList<>();
        for (Map.Entry<String, String> e : columnToFunction.entrySet()) {
            String fn = e.getValue().toLowerCase(Locale.ROOT);
            fn = switch (fn) {
                case "mean" -> "avg";
                case "stddev", "std" -> "stddev_samp";
                case "variance" -> "var_samp";
                default -> fn;
            };
            if (!AGGREGATES.contains(fn)) {
                throw new AnalysisException(ErrorClass.UNRESOLVED_ROUTINE, "`" + e.getValue() + "` is not an aggregate function"
                        + " (aggregates: " + String.join(", ", new java.util.TreeSet<>(AGGREGATES)) + ")");
            }
            out.add(fn.equals("count") && e.getKey().equals("*") ? functions.count("*")
                    : new Column(new ColumnNode.Call(fn, List.of(functions.col(e.getKey()).node()), false, false)));
        }
        return agg(out);
    }

    /** Rows per group, in a column named {@code count}. */
    public DataFrame count() {
        return agg(functions.count("*").as("count"));
    }

    public DataFrame sum(String... columns) {
        return numeric("sum", columns);
    }

    public DataFrame avg(String... columns) {
        return numeric("avg", columns);
    }

    public DataFrame mean(String... columns) {
        return avg(columns);
    }

    public DataFrame min(String... columns) {
        return numeric("min", columns);
    }

    public DataFrame max(String... columns) {
        return numeric("max", columns);
    }

    /** {@code fn} of each named column, or of every numeric column when none is named. */
    private DataFrame numeric(String fn, String... columns) {
        List<String> names = new ArrayList<>(List.of(columns));
        if (names.isEmpty()) {
            Schema s = df.schema();
            for (int i = 0; i < s.size(); i++) {
                DataType t = s.type(i);
                if (t instanceof DataType.IntType || t instanceof DataType.BigIntType || t instanceof DataType.DoubleType
                        || t instanceof DataType.DecimalType) {
                    names.add(s.field(i).name());
                }
            }
        }
        List<Column> out = new ArrayList<>();
        for (String n : names) {
            out.add(new Column(new ColumnNode.Call(fn, List.of(functions.col(n).node()), false, false)));
        }
        if (out.isEmpty()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, fn + "() found no numeric column to aggregate");
        }
        return agg(out);
    }

    /** A pivot on {@code column}, whose distinct values (at most 10,000) become columns; they are computed now. */
    public GroupedData pivot(String column) {
        return pivot(functions.col(column));
    }

    public GroupedData pivot(Column column) {
        List<Object> values = new ArrayList<>();
        for (Row r : df.select(column).distinct().orderBy(functions.col(df.select(column).columns()[0]))
                .limit(PIVOT_MAX_VALUES + 1).collectAsList()) {
            values.add(r.get(0));
        }
        if (values.size() > PIVOT_MAX_VALUES) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "the pivot column " + column + " has more than "
                    + PIVOT_MAX_VALUES + " distinct values: list the values to pivot on");
        }
        return pivot(column, values);
    }

    /** A pivot on {@code column}: for each value, each aggregate becomes a column (named by the value). */
    public GroupedData pivot(String column, List<?> values) {
        return pivot(functions.col(column), values);
    }

    public GroupedData pivot(Column column, List<?> values) {
        if (grouping != DataFramePlanner.Grouping.GROUP_BY) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "pivot follows groupBy, not rollup or cube");
        }
        if (pivotColumn != null) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "pivot is already set");
        }
        return new GroupedData(df, keys, grouping, column.node(), new ArrayList<>(values));
    }

    /** Each aggregate, once per pivot value, counting only the rows with that value. */
    private List<ColumnNode> pivoted(List<ColumnNode> aggregates) {
        List<ColumnNode> out = new ArrayList<>();
        for (Object v : pivotValues) {
            ColumnNode matches = v == null ? new ColumnNode.Op(org.apache.calcite.sql.fun.SqlStdOperatorTable.IS_NULL, List.of(pivotColumn))
                    : new ColumnNode.Op(org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS, List.of(pivotColumn, Column.nodeOf(v)));
            String valueName = v == null ? "null" : new ColumnNode.Literal(Literals.normalize(v)).display();
            for (ColumnNode a : aggregates) {
                String name = aggregates.size() == 1 ? valueName : valueName + "_" + a.display();
                ColumnNode inner = a instanceof ColumnNode.Alias al ? al.child() : a;
                out.add(new ColumnNode.Alias(filtered(inner, matches), name));
            }
        }
        return out;
    }

    /** The expression with {@code FILTER (WHERE condition)} on each aggregate call in it. */
    private static ColumnNode filtered(ColumnNode n, ColumnNode condition) {
        return switch (n) {
            case ColumnNode.Call c when AGGREGATES.contains(c.name().toLowerCase(Locale.ROOT)) -> new ColumnNode.AggFilter(c, condition);
            case ColumnNode.Call c -> new ColumnNode.Call(c.name(), c.args().stream().map(a -> filtered(a, condition)).toList(),
                    c.distinct(), c.star());
            case ColumnNode.Op o -> new ColumnNode.Op(o.op(), o.args().stream().map(a -> filtered(a, condition)).toList());
            case ColumnNode.Cast c -> new ColumnNode.Cast(filtered(c.child(), condition), c.type(), c.tryCast());
            case ColumnNode.Alias a -> new ColumnNode.Alias(filtered(a.child(), condition), a.name());
            default -> n;
        };
    }
}
