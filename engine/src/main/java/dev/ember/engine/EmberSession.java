package dev.ember.engine;

import dev.ember.catalog.Catalog;
import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.types.Schema;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ParseException;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.plan.AnalyzedQuery;
import dev.ember.plan.Analyzer;
import dev.ember.sql.EmberSqlParser;
import dev.ember.sql.ParsedStatement;
import dev.ember.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point to Ember, as SparkSession is to Spark: settings, a catalog, and a local
 * cluster of executors to run queries on.
 *
 * <pre>{@code
 * try (EmberSession session = EmberSession.builder().config("ember.sql.shuffle.partitions", "8").getOrCreate()) {
 *     session.sql("select count(*) from tpch.tiny.lineitem").show();
 * }
 * }</pre>
 */
public final class EmberSession implements AutoCloseable {
    static {
        ArrowRuntime.init();
        FileTableCommands.defineSettings();
        dev.ember.physical.scheduler.ResilienceSettings.init();
    }

    private final EmberConf conf;
    private final Catalog catalog = new Catalog();
    private final Analyzer analyzer = new Analyzer(catalog);
    private final BufferAllocator allocator;
    private final Set<JobContext> running = ConcurrentHashMap.newKeySet();
    private final CommandRunner commands;
    private final ApiResources apiResources = new ApiResources();
    private final CacheManager cacheManager = new CacheManager(this);
    private final CacheHook cacheHook = new SessionCacheHook(this);
    private volatile LocalCluster cluster;
    private String clusterShape;
    private volatile boolean closed;

    private EmberSession(EmberConf conf) {
        this.conf = conf;
        // When execution cannot allocate, cached blocks give way (spilled or dropped), then it retries.
        this.allocator = ArrowRuntime.root().newChildAllocator("session", new org.apache.arrow.memory.AllocationListener() {
            @Override
            public boolean onFailedAllocation(long size, org.apache.arrow.memory.AllocationOutcome outcome) {
                LocalCluster c = cluster;
                return c != null && c.blockManagerMaster().freeForExecution(size);
            }
        }, 0, conf.get(EmberConf.MEMORY_LIMIT));
        this.commands = new CommandRunner(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds sessions: {@code master("local[4]")} sets the executor count; {@code config} any ember.* key. */
    public static final class Builder {
        private final EmberConf conf = new EmberConf();

        public Builder master(String master) {
            String m = master.trim().toLowerCase(Locale.ROOT);
            if (m.equals("local")) {
                conf.set(EmberConf.EXECUTOR_INSTANCES.key(), "1");
            } else if (m.startsWith("local[") && m.endsWith("]")) {
                String n = m.substring(6, m.length() - 1);
                conf.set(EmberConf.EXECUTOR_INSTANCES.key(), n.equals("*")
                        ? String.valueOf(Runtime.getRuntime().availableProcessors()) : n);
            } else {
                throw new IllegalArgumentException("master must be local, local[N] or local[*], got " + master);
            }
            return this;
        }

        public Builder config(String key, String value) {
            conf.set(key, value);
            return this;
        }

        public Builder config(String key, long value) {
            return config(key, String.valueOf(value));
        }

        public Builder appName(String name) {
            return this;
        }

        public EmberSession getOrCreate() {
            return new EmberSession(conf.copy());
        }
    }

    public EmberConf conf() {
        return conf;
    }

    EmberConf confSnapshot() {
        return conf.copy();
    }

    public Catalog catalog() {
        return catalog;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    /**
     * The local cluster, (re)started when the executor settings changed since it was built. Rdds
     * (the typed API) are built on the cluster of their time: change ember.executor.* only between
     * uses of them.
     */
    public synchronized LocalCluster cluster() {
        checkOpen();
        int executors = conf.get(EmberConf.EXECUTOR_INSTANCES);
        int cores = conf.get(EmberConf.EXECUTOR_CORES);
        String shape = executors + "x" + cores;
        if (cluster == null || !shape.equals(clusterShape)) {
            if (cluster != null && running.isEmpty()) {
                cluster.close();
                cluster = null;
            }
            if (cluster == null) {
                cluster = new LocalCluster(executors, cores, allocator);
                cluster.setStorageFraction(conf.get(dev.ember.physical.scheduler.ResilienceSettings.STORAGE_FRACTION));
                clusterShape = shape;
            }
        }
        return cluster;
    }

    /** Applies settings that act on live objects (the memory limit). */
    void settingsChanged() {
        allocator.setLimit(conf.get(EmberConf.MEMORY_LIMIT));
        LocalCluster c = cluster;
        if (c != null) {
            c.setStorageFraction(conf.get(dev.ember.physical.scheduler.ResilienceSettings.STORAGE_FRACTION));
        }
    }

    /** The cached relations (CACHE TABLE, DataFrame.cache). */
    public CacheManager cacheManager() {
        return cacheManager;
    }

    void register(JobContext job) {
        running.add(job);
    }

    void unregister(JobContext job) {
        running.remove(job);
    }

    /** Cancels every running query of this session (Ctrl-C in the shell, Statement.cancel). */
    public void cancelAll() {
        for (JobContext j : running) {
            j.cancel();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
    }

    /**
     * Runs SQL: every statement of the script in order. Commands run now; the last statement's
     * result is returned as a DataFrame (a query is analyzed now and runs when an action asks).
     */
    public DataFrame sql(String sql) {
        checkOpen();
        List<ParsedStatement> statements = EmberSqlParser.parseScript(sql);
        if (statements.isEmpty()) {
            throw new ParseException(ErrorClass.PARSE_EMPTY_STATEMENT, "no statement to run", sql, 0, 0);
        }
        DataFrame last = null;
        for (ParsedStatement s : statements) {
            last = execute(s, sql);
        }
        return last;
    }

    /** Runs one parsed statement; {@code source} is the text its positions refer to. */
    public DataFrame execute(ParsedStatement statement, String source) {
        checkOpen();
        try {
            if (statement.statement() instanceof Statement.Query q) {
                return new DataFrame(this, analyze(q.query(), source));
            }
            return commands.run(statement.statement(), source);
        } catch (EmberException e) {
            throw e;
        } catch (RuntimeException e) {
            throw QueryExecution.translate(e);
        }
    }

    QueryExecution analyze(org.apache.calcite.sql.SqlNode query, String source) {
        AnalyzedQuery a = analyzer.analyze(cacheManager.rewriteNames(query), source);
        // Temporary views of DataFrames are read as their plans.
        return new QueryExecution(this, PlanViews.inline(a.rel()), a.schema());
    }

    /** A DataFrame over a table or view, by (possibly qualified) name; its columns are qualified by the simple name. */
    public DataFrame table(String name) {
        DataFrame df = sql("select * from " + name);
        List<String> parts = Names.split(name);
        return df.as(parts.get(parts.size() - 1));
    }

    ApiResources apiResources() {
        return apiResources;
    }

    // ---------------------------------------------------------------- DataFrames from data (issue 7)

    /** Task slots of the cluster: the partitions {@code range}, {@code parallelize} and friends default to. */
    public int defaultParallelism() {
        return Math.max(1, conf.get(EmberConf.EXECUTOR_INSTANCES) * conf.get(EmberConf.EXECUTOR_CORES));
    }

    /** Rows 0, 1, ..., end - 1 in one BIGINT column {@code id}. */
    public DataFrame range(long end) {
        return range(0, end);
    }

    public DataFrame range(long start, long end) {
        return range(start, end, 1);
    }

    public DataFrame range(long start, long end, long step) {
        return range(start, end, step, defaultParallelism());
    }

    /** {@code start}, {@code start + step}, ... up to {@code end} (exclusive), in {@code numPartitions} partitions. */
    public DataFrame range(long start, long end, long step, int numPartitions) {
        return DataFrames.range(this, start, end, step, numPartitions);
    }

    /** Rows of Java values (see {@link Row}) with a schema: {@code createDataFrame(List.of(Row.of(1, "a")), schema)}. */
    public DataFrame createDataFrame(List<Row> rows, Schema schema) {
        return DataFrames.fromRows(this, rows, schema);
    }

    /** As {@link #createDataFrame(List, Schema)}, the columns in DDL: {@code "id INT, name STRING"}. */
    public DataFrame createDataFrame(List<Row> rows, String ddl) {
        return createDataFrame(rows, Schemas.parse(ddl));
    }

    /** Java beans (a column per getter, sorted by name) or records (a column per component, in order). */
    public DataFrame createDataFrame(List<?> beans, Class<?> beanClass) {
        return DataFrames.fromBeans(this, beans, beanClass);
    }

    /** An Rdd of rows as a DataFrame; the Rdd is computed by the tasks of the queries that read it. */
    public DataFrame createDataFrame(dev.ember.engine.rdd.JavaRdd<Row> rows, Schema schema) {
        return DataFrames.fromRowRdd(this, rows, schema);
    }

    /** As {@link #createDataFrame(dev.ember.engine.rdd.JavaRdd, Schema)}, the columns in DDL: {@code "id INT, name STRING"}. */
    public DataFrame createDataFrame(dev.ember.engine.rdd.JavaRdd<Row> rows, String ddl) {
        return createDataFrame(rows, Schemas.parse(ddl));
    }

    /** An Rdd of Arrow batches (each valid until the next, and holding {@code schema}'s columns) as a DataFrame. */
    public DataFrame createDataFrame(dev.ember.physical.rdd.Rdd<dev.ember.columnar.ColumnBatch> batches, Schema schema) {
        return DataFrames.fromBatchRdd(this, batches, schema);
    }

    /**
     * Where {@code cache()}, {@code persist()}, {@code unpersist()} and {@code checkpoint()} of
     * DataFrames and Rdds go: the session's cache manager and block managers.
     */
    public CacheHook cacheHook() {
        return cacheHook;
    }

    /** Reads files: {@code session.read().option("header", "true").csv("/data/people.csv")}. */
    public DataFrameReader read() {
        return new DataFrameReader(this);
    }

    // ---------------------------------------------------------------- the typed Rdd API (issue 7)

    /** A driver-side list as an Rdd of {@link #defaultParallelism()} slices. */
    public <T> dev.ember.engine.rdd.JavaRdd<T> parallelize(List<T> data) {
        return parallelize(data, defaultParallelism());
    }

    public <T> dev.ember.engine.rdd.JavaRdd<T> parallelize(List<T> data, int numSlices) {
        return dev.ember.engine.rdd.JavaRdd.fromRdd(this,
                new dev.ember.physical.rdd.ParallelCollectionRdd<>(data, numSlices).setName("parallelize"));
    }

    public <K, V> dev.ember.engine.rdd.JavaPairRdd<K, V> parallelizePairs(List<dev.ember.engine.rdd.Tuple2<K, V>> data) {
        return parallelizePairs(data, defaultParallelism());
    }

    public <K, V> dev.ember.engine.rdd.JavaPairRdd<K, V> parallelizePairs(List<dev.ember.engine.rdd.Tuple2<K, V>> data,
                                                                         int numSlices) {
        return dev.ember.engine.rdd.JavaPairRdd.fromJavaRdd(parallelize(data, numSlices));
    }

    /** The lines of a text file, a folder of them or a glob (gzip too), split across tasks. */
    public dev.ember.engine.rdd.JavaRdd<String> textFile(String path) {
        return textFile(path, defaultParallelism());
    }

    /** As {@link #textFile(String)}, cut into about {@code minPartitions} pieces at least. */
    public dev.ember.engine.rdd.JavaRdd<String> textFile(String path, int minPartitions) {
        return TextFiles.lines(this, path, minPartitions);
    }

    /**
     * Runs a job: {@code fn} over every partition of {@code rdd} in the tasks, the results in
     * partition order. The typed Rdd API's actions are built on it.
     */
    public <T, U> List<U> runJob(dev.ember.physical.rdd.Rdd<T> rdd, dev.ember.physical.scheduler.DagScheduler.TaskFunction<T, U> fn) {
        return runJob(rdd, java.util.stream.IntStream.range(0, rdd.numPartitions()).toArray(), fn);
    }

    /** Runs {@code fn} over the given partitions only; results in the order of {@code partitions}. */
    public <T, U> List<U> runJob(dev.ember.physical.rdd.Rdd<T> rdd, int[] partitions,
                                 dev.ember.physical.scheduler.DagScheduler.TaskFunction<T, U> fn) {
        checkOpen();
        LocalCluster c = cluster();
        JobContext job = new JobContext(confSnapshot(), allocator.newChildAllocator("rdd-job", 0, Long.MAX_VALUE));
        register(job);
        try {
            java.util.Map<Integer, Integer> slot = new java.util.HashMap<>();
            for (int i = 0; i < partitions.length; i++) {
                slot.put(partitions[i], i);
            }
            Object[] results = new Object[partitions.length];
            c.scheduler().runJob(job, rdd, partitions, fn, (p, r) -> results[slot.get(p)] = r);
            List<U> out = new java.util.ArrayList<>(results.length);
            for (Object r : results) {
                @SuppressWarnings("unchecked") U u = (U) r;
                out.add(u);
            }
            return out;
        } catch (RuntimeException | Error e) {
            throw QueryExecution.translate(e);
        } finally {
            unregister(job);
            job.close();
        }
    }

    /** Result rows as a DataFrame that needs no execution (command output). */
    DataFrame local(Schema schema, List<Row> rows) {
        return new DataFrame(this, schema, rows);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        cancelAll();
        closed = true;
        cacheManager.close();
        apiResources.close();
        if (cluster != null) {
            cluster.close();
        }
        commands.close();
        allocator.close();
    }
}
