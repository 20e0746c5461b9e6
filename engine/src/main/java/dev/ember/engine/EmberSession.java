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
    private final CacheManager cacheManager = new CacheManager(this);
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

    /** The local cluster, (re)started when the executor settings changed since it was built. */
    synchronized LocalCluster cluster() {
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

    /** The cached relations (CACHE TABLE, and DataFrame.cache once wired). */
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
        return new QueryExecution(this, a.rel(), a.schema());
    }

    /** A DataFrame over a table or view, by (possibly qualified) name. */
    public DataFrame table(String name) {
        return sql("select * from " + name);
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
        if (cluster != null) {
            cluster.close();
        }
        commands.close();
        allocator.close();
    }
}
