package dev.ember.engine;

import dev.ember.columnar.types.Schema;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.sql.Statement;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A distributed collection of rows with a schema, as in Spark: transformations are lazy and
 * actions ({@link #collectAsList}, {@link #count}, {@link #show}) run the query. Built from SQL
 * ({@link EmberSession#sql}) or, for command output, from rows already computed.
 */
public final class DataFrame {
    private final EmberSession session;
    private final QueryExecution execution;
    private final Schema schema;
    private final List<Row> localRows;

    DataFrame(EmberSession session, QueryExecution execution) {
        this.session = session;
        this.execution = execution;
        this.schema = execution.schema();
        this.localRows = null;
    }

    DataFrame(EmberSession session, Schema schema, List<Row> rows) {
        this.session = session;
        this.execution = null;
        this.schema = schema;
        this.localRows = List.copyOf(rows);
    }

    public EmberSession sparkSession() {
        return session;
    }

    public Schema schema() {
        return schema;
    }

    public String[] columns() {
        return schema.names().toArray(new String[0]);
    }

    /** The query behind this DataFrame (null for command output). */
    public QueryExecution queryExecution() {
        return execution;
    }

    public boolean isLocal() {
        return execution == null;
    }

    /** Runs the query; the caller closes the result (it holds the rows in Arrow memory). */
    public QueryResult execute(ProgressListener progress) {
        if (execution == null) {
            throw new IllegalStateException("command output has no query to run");
        }
        return execution.execute(progress);
    }

    public List<Row> collectAsList() {
        if (localRows != null) {
            return localRows;
        }
        try (QueryResult r = execution.execute(ProgressListener.NONE)) {
            return r.toList();
        }
    }

    public Row[] collect() {
        return collectAsList().toArray(new Row[0]);
    }

    public Iterator<Row> toLocalIterator() {
        return collectAsList().iterator();
    }

    public long count() {
        if (localRows != null) {
            return localRows.size();
        }
        try (QueryResult r = execution.execute(ProgressListener.NONE)) {
            return r.rowCount();
        }
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    public Row first() {
        List<Row> rows = take(1);
        if (rows.isEmpty()) {
            throw new java.util.NoSuchElementException("empty DataFrame");
        }
        return rows.get(0);
    }

    public Row head() {
        return first();
    }

    public List<Row> take(int n) {
        List<Row> all = collectAsList();
        return new ArrayList<>(all.subList(0, Math.min(n, all.size())));
    }

    /** Prints the first 20 rows in Spark's layout. */
    public void show() {
        show(20, true);
    }

    public void show(int n) {
        show(n, true);
    }

    public void show(int n, boolean truncate) {
        System.out.print(showString(n, truncate));
    }

    public String showString(int n, boolean truncate) {
        List<Row> rows = take(n + 1);
        return SparkTable.render(schema, rows.subList(0, Math.min(n, rows.size())), rows.size() > n, truncate ? 20 : 0);
    }

    /** The plan, as EXPLAIN prints it: "simple" (physical), "extended" (all), "formatted", "cost". */
    public String explainString(String mode) {
        if (execution == null) {
            return "LocalRelation " + schema;
        }
        return switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "extended" -> execution.explain(Statement.ExplainMode.LOGICAL) + "\n"
                    + execution.explain(Statement.ExplainMode.OPTIMIZED) + "\n" + execution.explain(Statement.ExplainMode.PHYSICAL);
            case "logical" -> execution.explain(Statement.ExplainMode.LOGICAL);
            case "optimized", "cost" -> execution.explain(Statement.ExplainMode.OPTIMIZED);
            case "analyze" -> execution.explain(Statement.ExplainMode.ANALYZE);
            default -> execution.explain(Statement.ExplainMode.PHYSICAL);
        };
    }

    public void explain() {
        System.out.print(explainString("simple"));
    }

    public void explain(String mode) {
        System.out.print(explainString(mode));
    }

    public void printSchema() {
        StringBuilder sb = new StringBuilder("root\n");
        for (var f : schema.fields()) {
            sb.append(" |-- ").append(f.name()).append(": ").append(f.type().sql().toLowerCase(java.util.Locale.ROOT))
                    .append(" (nullable = ").append(f.nullable()).append(")\n");
        }
        System.out.print(sb);
    }
}
