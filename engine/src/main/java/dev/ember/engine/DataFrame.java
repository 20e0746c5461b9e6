package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.engine.rdd.JavaRdd;
import dev.ember.engine.rdd.function.VoidFunction;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.sql.Statement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A distributed collection of rows with named columns, as Spark's {@code Dataset<Row>}:
 * transformations build a logical plan (the same Calcite plan SQL compiles to) and resolve
 * names at once, so a column that does not exist fails at the call that names it; actions
 * ({@link #collectAsList}, {@link #count}, {@link #show}) optimize and run it. Immutable and
 * safe to share between threads.
 *
 * <pre>{@code
 * DataFrame revenue = session.table("tpch.tiny.lineitem")
 *     .filter(col("l_shipdate").leq(lit(LocalDate.of(1998, 9, 2))))
 *     .groupBy("l_returnflag")
 *     .agg(sum(col("l_extendedprice").multiply(lit(1).minus(col("l_discount")))).as("revenue"))
 *     .orderBy("l_returnflag");
 * revenue.show();
 * }</pre>
 */
public final class DataFrame {
    private final EmberSession session;
    private final Schema localSchema;
    private final List<Row> localRows;
    private final boolean broadcast;
    private volatile Plan plan;
    private volatile QueryExecution execution;

    /** A query from SQL, already analyzed. */
    DataFrame(EmberSession session, QueryExecution execution) {
        this.session = session;
        this.execution = execution;
        List<Attribute> attrs = new ArrayList<>();
        for (Field f : execution.schema().fields()) {
            attrs.add(Attribute.of(f.name()));
        }
        this.plan = Plan.of(execution.analyzed(), attrs);
        this.localSchema = null;
        this.localRows = null;
        this.broadcast = false;
    }

    /** Rows already computed (command output). */
    DataFrame(EmberSession session, Schema schema, List<Row> rows) {
        this.session = session;
        this.localSchema = schema;
        this.localRows = List.copyOf(rows);
        this.broadcast = false;
    }

    DataFrame(EmberSession session, Plan plan) {
        this(session, plan, false);
    }

    private DataFrame(EmberSession session, Plan plan, boolean broadcast) {
        this.session = session;
        this.plan = plan;
        this.localSchema = null;
        this.localRows = null;
        this.broadcast = broadcast;
    }

    /** The logical plan and its columns (for command output, a scan of the rows, made on first use). */
    Plan plan() {
        Plan p = plan;
        if (p == null) {
            synchronized (this) {
                if (plan == null) {
                    List<Object[]> rows = new ArrayList<>();
                    for (Row r : localRows) {
                        rows.add(r.toList().toArray());
                    }
                    plan = SourcePlans.scan(session, new LocalRowsSource(SourcePlans.name("local_rows"), localSchema, rows, 1,
                            session.conf().get(dev.ember.common.config.EmberConf.BATCH_SIZE)), SourcePlans.name("local"), "rows", null);
                }
                p = plan;
            }
        }
        return p;
    }

    private DataFramePlanner planner() {
        return new DataFramePlanner(session);
    }

    private DataFrame with(Plan p) {
        return new DataFrame(session, p);
    }

    private static List<ColumnNode> nodes(Column... columns) {
        List<ColumnNode> out = new ArrayList<>(columns.length);
        for (Column c : columns) {
            out.add(c.node());
        }
        return out;
    }

    private static Column[] named(String first, String... more) {
        Column[] out = new Column[more.length + 1];
        out[0] = functions.col(first);
        for (int i = 0; i < more.length; i++) {
            out[i + 1] = functions.col(more[i]);
        }
        return out;
    }

    // ------------------------------------------------------------------ information

    public EmberSession sparkSession() {
        return session;
    }

    public Schema schema() {
        return localRows != null ? localSchema : plan.schema();
    }

    public String[] columns() {
        return schema().names().toArray(new String[0]);
    }

    /** (name, type) of each column, types in SQL ({@code BIGINT}, {@code DECIMAL(15,2)}). */
    public List<Map.Entry<String, String>> dtypes() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Field f : schema().fields()) {
            out.add(Map.entry(f.name(), f.type().sql()));
        }
        return out;
    }

    /** The query behind this DataFrame, planned when first asked for (null for command output). */
    public QueryExecution queryExecution() {
        if (localRows != null) {
            return null;
        }
        QueryExecution qe = execution;
        if (qe == null) {
            synchronized (this) {
                if (execution == null) {
                    // A cluster of its own: optimizing installs metadata providers and caches in it.
                    execution = new QueryExecution(session, PlanCopier.copy(plan.rel(), session.analyzer().newCluster()),
                            plan.schema());
                }
                qe = execution;
            }
        }
        return qe;
    }

    public boolean isLocal() {
        return localRows != null;
    }

    /**
     * The column {@code name} of this DataFrame, resolved now: it keeps pointing at this column
     * in joins and later operations, where a name alone could be ambiguous.
     */
    public Column col(String name) {
        ColumnNode n = Names.parse(name);
        if (n instanceof ColumnNode.Star) {
            return new Column(n);
        }
        Scope.Resolved r = Scope.of(plan()).resolve(((ColumnNode.Ref) n).parts());
        return new Column(new ColumnNode.Bound(r.attr().id(), r.attr().name(), r.attr().qualifier()));
    }

    public Column apply(String name) {
        return col(name);
    }

    // ------------------------------------------------------------------ projections

    /** Columns or expressions, each named by its alias, its column, or its text ({@code (a + 1)}). */
    public DataFrame select(Column... columns) {
        return with(planner().select(plan(), nodes(columns)));
    }

    public DataFrame select(String column, String... more) {
        return select(named(column, more));
    }

    /** SQL expressions: {@code selectExpr("l_orderkey", "l_quantity * 2 AS double_qty")}. */
    public DataFrame selectExpr(String... expressions) {
        return select(Arrays.stream(expressions).map(functions::expr).toArray(Column[]::new));
    }

    /** Rows for which {@code condition} is true. */
    public DataFrame filter(Column condition) {
        return with(planner().filter(plan(), condition.node()));
    }

    /** Rows for which the SQL condition is true: {@code filter("l_quantity > 45 AND l_discount < 0.05")}. */
    public DataFrame filter(String condition) {
        return filter(functions.expr(condition));
    }

    public DataFrame where(Column condition) {
        return filter(condition);
    }

    public DataFrame where(String condition) {
        return filter(condition);
    }

    /** Adds a column, or replaces the column of that name where it is. */
    public DataFrame withColumn(String name, Column value) {
        return withColumns(Map.of(name, value));
    }

    /** Adds or replaces several columns at once (in the map's order for new ones). */
    public DataFrame withColumns(Map<String, Column> columns) {
        Plan p = plan();
        List<ColumnNode> items = new ArrayList<>();
        java.util.Set<String> replaced = new java.util.HashSet<>();
        for (int i = 0; i < p.size(); i++) {
            Attribute a = p.output().get(i);
            Column replacement = null;
            for (Map.Entry<String, Column> e : columns.entrySet()) {
                if (e.getKey().equalsIgnoreCase(a.name())) {
                    replacement = e.getValue();
                    replaced.add(e.getKey());
                }
            }
            items.add(replacement == null ? new ColumnNode.Bound(a.id(), a.name(), a.qualifier())
                    : new ColumnNode.Alias(replacement.node(), a.name()));
        }
        for (Map.Entry<String, Column> e : columns.entrySet()) {
            if (!replaced.contains(e.getKey())) {
                items.add(new ColumnNode.Alias(e.getValue().node(), e.getKey()));
            }
        }
        return with(planner().select(p, items));
    }

    /** Renames a column (no change when there is none of that name). */
    public DataFrame withColumnRenamed(String existing, String newName) {
        Plan p = plan();
        List<Attribute> out = new ArrayList<>();
        boolean changed = false;
        for (Attribute a : p.output()) {
            if (a.name().equalsIgnoreCase(existing)) {
                out.add(Attribute.of(newName));
                changed = true;
            } else {
                out.add(a);
            }
        }
        return changed ? with(p.withOutput(out)) : this;
    }

    /** New names for all columns, in order. */
    public DataFrame toDF(String... names) {
        Plan p = plan();
        if (names.length != p.size()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "toDF takes " + p.size() + " names (one per column "
                    + p.names() + "), not " + names.length);
        }
        List<Attribute> out = new ArrayList<>();
        for (String n : names) {
            out.add(Attribute.of(n));
        }
        return with(p.withOutput(out));
    }

    /** Leaves out the columns of these names (names that are not columns are ignored). */
    public DataFrame drop(String... names) {
        Plan p = plan();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            String n = p.output().get(i).name();
            if (Arrays.stream(names).noneMatch(n::equalsIgnoreCase)) {
                keep.add(i);
            }
        }
        if (keep.size() == p.size()) {
            return this;
        }
        return with(planner().project(p, keep.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Leaves out one column, resolved as usual ({@code df.col("x")} after a join). */
    public DataFrame drop(Column column) {
        Plan p = plan();
        Scope.Resolved r = new SqlGen(Scope.of(p)).reference(column.node());
        if (r == null) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "drop takes a column, not the expression " + column);
        }
        int[] keep = java.util.stream.IntStream.range(0, p.size()).filter(i -> i != r.field()).toArray();
        return with(planner().project(p, keep));
    }

    /** The same rows with every column qualified by {@code alias}: {@code col("alias.x")}. */
    public DataFrame as(String alias) {
        Plan p = plan();
        return with(p.withOutput(p.output().stream().map(a -> a.qualified(alias)).toList()));
    }

    public DataFrame alias(String alias) {
        return as(alias);
    }

    // ------------------------------------------------------------------ aggregation

    /** Groups rows by these columns; aggregate with {@link GroupedData#agg} and friends. */
    public GroupedData groupBy(Column... columns) {
        return new GroupedData(this, nodes(columns), DataFramePlanner.Grouping.GROUP_BY);
    }

    public GroupedData groupBy(String column, String... more) {
        return groupBy(named(column, more));
    }

    /** Grouping sets for every prefix of the columns, and the grand total (NULL in the rolled-up columns). */
    public GroupedData rollup(Column... columns) {
        return new GroupedData(this, nodes(columns), DataFramePlanner.Grouping.ROLLUP);
    }

    public GroupedData rollup(String column, String... more) {
        return rollup(named(column, more));
    }

    /** Grouping sets for every subset of the columns. */
    public GroupedData cube(Column... columns) {
        return new GroupedData(this, nodes(columns), DataFramePlanner.Grouping.CUBE);
    }

    public GroupedData cube(String column, String... more) {
        return cube(named(column, more));
    }

    /** Aggregates over all rows: {@code df.agg(max("x"), count("*"))}. */
    public DataFrame agg(Column aggregate, Column... more) {
        return groupBy().agg(aggregate, more);
    }

    public DataFrame agg(Map<String, String> columnToFunction) {
        return groupBy().agg(columnToFunction);
    }

    DataFrame aggregate(List<ColumnNode> keys, DataFramePlanner.Grouping grouping, List<ColumnNode> aggregates) {
        return with(planner().aggregate(plan(), keys, grouping, aggregates));
    }

    // ------------------------------------------------------------------ joins

    /** The cartesian product (an inner join without condition). */
    public DataFrame join(DataFrame right) {
        return crossJoin(right);
    }

    /** Inner join on equal values of a column both have; it appears once in the result. */
    public DataFrame join(DataFrame right, String usingColumn) {
        return join(right, List.of(usingColumn), "inner");
    }

    public DataFrame join(DataFrame right, List<String> usingColumns) {
        return join(right, usingColumns, "inner");
    }

    /** Join on equal values of columns both have (appearing once, first); any join type. */
    public DataFrame join(DataFrame right, List<String> usingColumns, String joinType) {
        return with(planner().join(plan(), right.plan(), null, usingColumns, DataFramePlanner.JoinKind.parse(joinType),
                broadcast, right.broadcast));
    }

    public DataFrame join(DataFrame right, Column condition) {
        return join(right, condition, "inner");
    }

    /**
     * Joins on a condition. {@code joinType}: inner, cross, outer, full, fullouter, left,
     * leftouter, right, rightouter, semi, leftsemi, anti, leftanti (with or without {@code _}).
     */
    public DataFrame join(DataFrame right, Column condition, String joinType) {
        return with(planner().join(plan(), right.plan(), condition.node(), null, DataFramePlanner.JoinKind.parse(joinType),
                broadcast, right.broadcast));
    }

    public DataFrame crossJoin(DataFrame right) {
        return with(planner().join(plan(), right.plan(), null, null, DataFramePlanner.JoinKind.CROSS, broadcast,
                right.broadcast));
    }

    /** The same rows with a hint: {@code "broadcast"} sends them whole to every task of a join. */
    public DataFrame hint(String name, Object... parameters) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("broadcast") || n.equals("broadcastjoin") || n.equals("mapjoin")) {
            return new DataFrame(session, plan(), true);
        }
        throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "unknown hint '" + name + "' (hints: broadcast)");
    }

    // ------------------------------------------------------------------ order, limits, sets

    /** Sorts all rows: ascending, NULLs first, unless a column says ({@code desc()}, {@code asc_nulls_last()}). */
    public DataFrame orderBy(Column... columns) {
        return with(planner().sort(plan(), nodes(columns)));
    }

    public DataFrame orderBy(String column, String... more) {
        return orderBy(named(column, more));
    }

    public DataFrame sort(Column... columns) {
        return orderBy(columns);
    }

    public DataFrame sort(String column, String... more) {
        return orderBy(column, more);
    }

    /** The first {@code n} rows (in order, after an orderBy). */
    public DataFrame limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + n);
        }
        return with(planner().limit(plan(), 0, n));
    }

    /** All rows but the first {@code n}. */
    public DataFrame offset(int n) {
        return with(planner().limit(plan(), n, -1));
    }

    public DataFrame distinct() {
        return with(planner().distinct(plan()));
    }

    public DataFrame dropDuplicates() {
        return distinct();
    }

    /** One row per distinct combination of these columns; other columns come from one row of each group. */
    public DataFrame dropDuplicates(String... columns) {
        return columns.length == 0 ? distinct() : with(planner().dropDuplicates(plan(), List.of(columns)));
    }

    public DataFrame dropDuplicates(List<String> columns) {
        return dropDuplicates(columns.toArray(new String[0]));
    }

    /** All rows of both, matched by position (UNION ALL, as Spark's union). */
    public DataFrame union(DataFrame other) {
        return with(planner().setOp(plan(), other.plan(), DataFramePlanner.SetOp.UNION, true));
    }

    public DataFrame unionAll(DataFrame other) {
        return union(other);
    }

    /** All rows of both, matched by column name. */
    public DataFrame unionByName(DataFrame other) {
        return unionByName(other, false);
    }

    /** As {@link #unionByName(DataFrame)}; with {@code allowMissingColumns}, a column one side lacks is NULL there. */
    public DataFrame unionByName(DataFrame other, boolean allowMissingColumns) {
        return with(planner().unionByName(plan(), other.plan(), allowMissingColumns));
    }

    /** Distinct rows found in both. */
    public DataFrame intersect(DataFrame other) {
        return with(planner().setOp(plan(), other.plan(), DataFramePlanner.SetOp.INTERSECT, false));
    }

    public DataFrame intersectAll(DataFrame other) {
        return with(planner().setOp(plan(), other.plan(), DataFramePlanner.SetOp.INTERSECT, true));
    }

    /** Distinct rows of this one not found in {@code other}. */
    public DataFrame except(DataFrame other) {
        return with(planner().setOp(plan(), other.plan(), DataFramePlanner.SetOp.EXCEPT, false));
    }

    public DataFrame exceptAll(DataFrame other) {
        return with(planner().setOp(plan(), other.plan(), DataFramePlanner.SetOp.EXCEPT, true));
    }

    // ------------------------------------------------------------------ sampling and partitioning

    /** About {@code fraction} of the rows, each kept with that probability (seeded randomly). */
    public DataFrame sample(double fraction) {
        return sample(false, fraction, new java.util.Random().nextLong());
    }

    public DataFrame sample(double fraction, long seed) {
        return sample(false, fraction, seed);
    }

    /**
     * A random sample: without replacement each row is kept with probability {@code fraction};
     * with replacement each row appears a Poisson({@code fraction}) number of times. The same seed
     * over the same data gives the same sample.
     */
    public DataFrame sample(boolean withReplacement, double fraction, long seed) {
        if (fraction < 0 || (!withReplacement && fraction > 1)) {
            throw new IllegalArgumentException("sample fraction must be in [0, 1] without replacement, >= 0 with: " + fraction);
        }
        Plan p = plan();
        int parts = session.defaultParallelism();
        PlanStepSource.Step sample = PlanSteps.sample(withReplacement, fraction, seed, p.schema(), batchSize());
        PlanStepSource.Step step = (in, cluster, job) -> sample.apply(
                in.numPartitions() == parts ? in : new dev.ember.physical.rdd.CoalescedRdd<>(in, parts), cluster, job);
        return stepped(p, "sample(" + fraction + (withReplacement ? ", with replacement" : "") + ", seed " + seed + ")",
                parts, step, fraction);
    }

    /** Rows dealt round robin into {@code n} partitions (a shuffle). */
    public DataFrame repartition(int n) {
        return repartition(n, new Column[0]);
    }

    /** Rows hash-partitioned on these columns into {@code n} partitions (a shuffle). */
    public DataFrame repartition(int n, Column... columns) {
        if (n < 1) {
            throw new IllegalArgumentException("repartition needs at least one partition: " + n);
        }
        Plan p = plan();
        SqlGen g = new SqlGen(Scope.of(p));
        int[] keys = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Scope.Resolved r = g.reference(columns[i].node());
            if (r == null) {
                throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "repartition takes columns, not the expression "
                        + columns[i] + ": add it with withColumn first");
            }
            keys[i] = r.field();
        }
        String desc = keys.length == 0 ? "round robin" : "hash" + Arrays.stream(columns).map(Column::toString).toList();
        return stepped(p, "repartition(" + n + ", " + desc + ")", n, PlanSteps.repartition(n, keys, p.schema(), batchSize()), 1);
    }

    /** Hash-partitioned on these columns into {@code ember.sql.shuffle.partitions} partitions. */
    public DataFrame repartition(Column... columns) {
        return repartition(session.conf().get(dev.ember.common.config.EmberConf.SHUFFLE_PARTITIONS), columns);
    }

    /** {@code n} partitions without a shuffle, each reading a run of the current ones. */
    public DataFrame coalesce(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("coalesce needs at least one partition: " + n);
        }
        return stepped(plan(), "coalesce(" + n + ")", n, PlanSteps.coalesce(n), 1);
    }

    private DataFrame stepped(Plan p, String name, int partitions, PlanStepSource.Step step, double fraction) {
        PlanStepSource source = new PlanStepSource(session, p, name, partitions, step, fraction);
        Plan scan = SourcePlans.scan(session, source, SourcePlans.name("step"), "rdd", null);
        List<Attribute> out = new ArrayList<>(p.output());
        return with(scan.withOutput(out));
    }

    private int batchSize() {
        return session.conf().get(dev.ember.common.config.EmberConf.BATCH_SIZE);
    }

    /** Functions for missing values: {@code df.na().fill(0)}, {@code df.na().drop()}. */
    public DataFrameNaFunctions na() {
        return new DataFrameNaFunctions(this);
    }

    // ------------------------------------------------------------------ caching (issue 6)

    /** Points this DataFrame at another plan with the same output (its cache, or back from it). */
    synchronized void usePlan(Plan p) {
        this.plan = p;
        this.execution = null;
    }

    /** Keeps this DataFrame's rows at MEMORY_AND_DISK once the next action computes them (Spark's default). */
    public DataFrame cache() {
        return persist(StorageLevel.MEMORY_AND_DISK);
    }

    public DataFrame persist() {
        return persist(StorageLevel.MEMORY_AND_DISK);
    }

    public DataFrame persist(StorageLevel level) {
        return session.cacheHook().persist(this, level);
    }

    public DataFrame unpersist() {
        return unpersist(false);
    }

    public DataFrame unpersist(boolean blocking) {
        return session.cacheHook().unpersist(this, blocking);
    }

    public DataFrame checkpoint() {
        return checkpoint(true);
    }

    public DataFrame checkpoint(boolean eager) {
        return session.cacheHook().checkpoint(this, eager);
    }

    // ------------------------------------------------------------------ views, writes, Rdds

    /** Registers this DataFrame as a temporary view, failing if the name is taken. */
    public void createTempView(String name) {
        PlanViews.create(session, name, this, false);
    }

    /** Registers this DataFrame as a temporary view that SQL can query, replacing one of that name. */
    public void createOrReplaceTempView(String name) {
        PlanViews.create(session, name, this, true);
    }

    public DataFrameWriter write() {
        return new DataFrameWriter(this);
    }

    /** The rows as a typed Rdd (the query is planned now; it runs when an action on the Rdd does). */
    public JavaRdd<Row> javaRDD() {
        return DataFrameRdds.rows(this);
    }

    /** The rows as Arrow batches, as the engine computes them (batches are borrowed, as everywhere). */
    public Rdd<ColumnBatch> toColumnarRdd() {
        return DataFrameRdds.batches(this);
    }

    // ------------------------------------------------------------------ actions

    /** Runs the query; the caller closes the result (it holds the rows in Arrow memory). */
    public QueryResult execute(ProgressListener progress) {
        if (localRows != null) {
            throw new IllegalStateException("command output has no query to run");
        }
        return queryExecution().execute(progress);
    }

    public List<Row> collectAsList() {
        if (localRows != null) {
            return localRows;
        }
        try (QueryResult r = execute(ProgressListener.NONE)) {
            return r.toList();
        }
    }

    public Row[] collect() {
        return collectAsList().toArray(new Row[0]);
    }

    /** The rows one by one (today they are collected first; streaming arrives with the JDBC work). */
    public Iterator<Row> toLocalIterator() {
        return collectAsList().iterator();
    }

    /** Rows, counted by the engine ({@code SELECT count(*)}), not brought to the driver. */
    public long count() {
        if (localRows != null) {
            return localRows.size();
        }
        DataFrame c = aggregate(List.of(), DataFramePlanner.Grouping.GROUP_BY, List.of(functions.count("*").node()));
        return ((Number) c.collectAsList().get(0).get(0)).longValue();
    }

    public boolean isEmpty() {
        return take(1).isEmpty();
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

    public List<Row> head(int n) {
        return take(n);
    }

    /** The first {@code n} rows; only they are computed and collected ({@code LIMIT n}). */
    public List<Row> take(int n) {
        if (localRows != null) {
            return new ArrayList<>(localRows.subList(0, Math.min(n, localRows.size())));
        }
        return limit(n).collectAsList();
    }

    public List<Row> takeAsList(int n) {
        return take(n);
    }

    /** Runs {@code f} on every row, in the tasks. */
    public void foreach(VoidFunction<Row> f) {
        javaRDD().foreach(f);
    }

    /** Runs {@code f} on each partition's rows, in the tasks. */
    public void foreachPartition(VoidFunction<Iterator<Row>> f) {
        javaRDD().foreachPartition(f);
    }

    /** Prints the first 20 rows in Spark's layout. */
    public void show() {
        show(20, true);
    }

    public void show(int n) {
        show(n, true);
    }

    public void show(boolean truncate) {
        show(20, truncate);
    }

    public void show(int n, boolean truncate) {
        System.out.print(showString(n, truncate));
    }

    public String showString(int n, boolean truncate) {
        List<Row> rows = take(n + 1);
        return SparkTable.render(schema(), rows.subList(0, Math.min(n, rows.size())), rows.size() > n, truncate ? 20 : 0);
    }

    /**
     * The plan, as EXPLAIN prints it. Modes: "simple" (physical), "extended" (logical, optimized
     * and physical), "logical", "optimized" (or "cost"), "formatted", "analyze" (runs it).
     */
    public String explainString(String mode) {
        if (localRows != null) {
            return "LocalRelation " + localSchema + "\n";
        }
        QueryExecution qe = queryExecution();
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "extended" -> qe.explain(Statement.ExplainMode.LOGICAL) + "\n"
                    + qe.explain(Statement.ExplainMode.OPTIMIZED) + "\n" + qe.explain(Statement.ExplainMode.PHYSICAL);
            case "logical" -> qe.explain(Statement.ExplainMode.LOGICAL);
            case "optimized", "cost" -> qe.explain(Statement.ExplainMode.OPTIMIZED);
            case "analyze" -> qe.explain(Statement.ExplainMode.ANALYZE);
            case "simple", "physical" -> qe.explain(Statement.ExplainMode.PHYSICAL);
            case "formatted" -> qe.explain(Statement.ExplainMode.FORMATTED);
            default -> throw new IllegalArgumentException("explain mode must be simple, extended, logical, optimized, "
                    + "cost, formatted or analyze, not " + mode);
        };
    }

    public void explain() {
        System.out.print(explainString("simple"));
    }

    public void explain(boolean extended) {
        System.out.print(explainString(extended ? "extended" : "simple"));
    }

    public void explain(String mode) {
        System.out.print(explainString(mode));
    }

    public void printSchema() {
        System.out.print(schemaString());
    }

    /** The tree {@link #printSchema} prints. */
    public String schemaString() {
        StringBuilder sb = new StringBuilder("root\n");
        for (var f : schema().fields()) {
            sb.append(" |-- ").append(f.name()).append(": ").append(f.type().sql().toLowerCase(Locale.ROOT))
                    .append(" (nullable = ").append(f.nullable()).append(")\n");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        List<Field> fs = schema().fields();
        for (int i = 0; i < fs.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(fs.get(i).name()).append(": ").append(fs.get(i).type().sql().toLowerCase(Locale.ROOT));
        }
        return sb.append("]").toString();
    }
}
