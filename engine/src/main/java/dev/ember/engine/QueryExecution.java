package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.common.ResourceException;
import dev.ember.common.config.EmberConf;
import dev.ember.optimizer.LogicalOptimizer;
import dev.ember.optimizer.PlanPrinter;
import dev.ember.optimizer.physical.PhysicalPlanner;
import dev.ember.optimizer.physical.PhysicalQuery;
import dev.ember.optimizer.physical.RexTranslator;
import dev.ember.physical.exec.PlanCompiler;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.ProgressListener;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.sql.SqlExplainLevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One query's way through the engine: the analyzed logical plan, the optimizer's phases, the
 * physical plan, and running it on the session's cluster. Planning happens once, on demand;
 * each {@link #execute} runs the same physical plan as a new job.
 */
public final class QueryExecution {
    private final EmberSession session;
    private final RelNode analyzed;
    private final Schema schema;
    private final EmberConf conf;
    private LogicalOptimizer.Trace trace;
    private PhysicalQuery physical;
    private long planningNanos;

    QueryExecution(EmberSession session, RelNode analyzed, Schema schema) {
        this.session = session;
        this.analyzed = analyzed;
        this.schema = schema;
        this.conf = session.confSnapshot();
    }

    public RelNode analyzed() {
        return analyzed;
    }

    public Schema schema() {
        return schema;
    }

    public synchronized LogicalOptimizer.Trace trace() {
        if (trace == null) {
            long start = System.nanoTime();
            try {
                // Fragments equal to a cached plan become scans of the cache before optimizing.
                trace = new LogicalOptimizer().optimize(session.cacheManager().useCachedData(analyzed));
            } catch (EmberException e) {
                throw e;
            } catch (RuntimeException | AssertionError e) {
                throw new dev.ember.common.AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                        "the optimizer could not plan this query: " + e, 0, 0, e);
            }
            planningNanos += System.nanoTime() - start;
        }
        return trace;
    }

    public RelNode optimized() {
        return trace().result();
    }

    public synchronized PhysicalQuery physical() {
        if (physical == null) {
            RelNode opt = optimized();
            long start = System.nanoTime();
            RelMetadataQuery mq = opt.getCluster().getMetadataQuery();
            physical = new PhysicalPlanner(conf, mq, new RexTranslator(opt.getCluster().getRexBuilder())).plan(opt);
            planningNanos += System.nanoTime() - start;
        }
        return physical;
    }

    /** Optimizer and physical planning time so far. */
    public long planningNanos() {
        return planningNanos;
    }

    /** Runs the plan; the caller closes the result. */
    public QueryResult execute(ProgressListener progress) {
        PhysicalQuery pq = physical();
        LocalCluster cluster = session.cluster();
        JobContext job = new JobContext(conf, session.allocator().newChildAllocator("query", 0, Long.MAX_VALUE));
        job.setProgress(progress);
        session.register(job);
        try {
            PlanCompiler compiler = new PlanCompiler(cluster, job);
            Rdd<ColumnBatch> rdd = compiler.compile(pq.root());
            lastCompiler = compiler;
            // Runs the map stages first: the result's partition count is adaptive.
            cluster.scheduler().prepare(job, rdd);
            int n = rdd.numPartitions();
            List<List<ColumnBatch>> parts = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(n, null)));
            collecting = parts;
            cluster.scheduler().runJob(job, rdd, (ctx, it) -> {
                List<ColumnBatch> out = new ArrayList<>();
                try {
                    while (it.hasNext()) {
                        ColumnBatch b = it.next();
                        if (b.rowCount() > 0) {
                            out.add(b.copy(job.allocator()));
                        }
                    }
                } catch (RuntimeException e) {
                    out.forEach(ColumnBatch::close);
                    throw e;
                }
                return out;
            }, parts::set);
            List<ColumnBatch> all = new ArrayList<>();
            for (List<ColumnBatch> p : parts) {
                if (p != null) {
                    all.addAll(p);
                }
            }
            return new QueryResult(schema, all, job);
        } catch (RuntimeException | Error e) {
            session.unregister(job);
            freeCollected(e);
            try {
                job.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw translate(e);
        } finally {
            session.unregister(job);
        }
    }

    private volatile PlanCompiler lastCompiler;
    private volatile List<List<ColumnBatch>> collecting;

    /** Frees the result partitions collected before a failure (they live in the query's memory). */
    private void freeCollected(Throwable failure) {
        List<List<ColumnBatch>> parts = collecting;
        if (parts == null) {
            return;
        }
        synchronized (parts) {
            for (List<ColumnBatch> p : parts) {
                if (p != null) {
                    p.forEach(ColumnBatch::close);
                }
            }
        }
        collecting = null;
    }

    static RuntimeException translate(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof EmberException ee) {
                return ee;
            }
            if (t instanceof OutOfMemoryException || t instanceof OutOfMemoryError) {
                return new ResourceException(ErrorClass.MEMORY_LIMIT_EXCEEDED,
                        "the query needs more memory than ember.memory.limit allows: " + t.getMessage(), e);
            }
            t = t.getCause();
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new ExecutionException(ErrorClass.INTERNAL_ERROR, "query failed: " + e, e);
    }

    /** Retries, recomputation and cache use of a stage, when there were any. */
    private static String recovery(dev.ember.physical.scheduler.StageInfo s) {
        StringBuilder sb = new StringBuilder();
        if (s.tasksFailed.get() > 0) {
            sb.append(", ").append(s.tasksFailed.get()).append(" failed");
        }
        if (s.tasksRetried.get() > 0) {
            sb.append(", ").append(s.tasksRetried.get()).append(" retried");
        }
        if (s.tasksSpeculated.get() > 0) {
            sb.append(", ").append(s.tasksSpeculated.get()).append(" speculated");
        }
        if (s.tasksRecomputed.get() > 0) {
            sb.append(", ").append(s.tasksRecomputed.get()).append(" recomputed");
        }
        if (s.cachedPartitionsRead.get() > 0 || s.cachedPartitionsComputed.get() > 0) {
            sb.append(", cached partitions read=").append(s.cachedPartitionsRead.get())
                    .append(" computed=").append(s.cachedPartitionsComputed.get());
        }
        return sb.toString();
    }

    /** The EXPLAIN text of a mode. */
    public String explain(dev.ember.sql.Statement.ExplainMode mode) {
        return switch (mode) {
            case LOGICAL -> "== Logical Plan ==\n" + RelOptUtil.toString(analyzed, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
            case OPTIMIZED -> optimizedText();
            case PHYSICAL -> "== Physical Plan ==\n" + new PlanPrinter(physical(), null).print();
            case FORMATTED -> "== Physical Plan ==\n" + new dev.ember.optimizer.FormattedPlanPrinter(physical()).print();
            case ANALYZE -> analyze();
            case LINEAGE -> lineage();
        };
    }

    /** The Rdd graph the plan compiles to, with stage boundaries, cached and checkpointed Rdds marked. */
    private String lineage() {
        PhysicalQuery pq = physical();
        try (JobContext job = new JobContext(conf, session.allocator().newChildAllocator("explain", 0, Long.MAX_VALUE))) {
            Rdd<ColumnBatch> rdd = new PlanCompiler(session.cluster(), job).compile(pq.root());
            return "== Lineage ==\n" + rdd.toDebugString();
        }
    }

    private String optimizedText() {
        StringBuilder sb = new StringBuilder("== Optimized Logical Plan ==\n");
        sb.append(RelOptUtil.toString(optimized(), SqlExplainLevel.EXPPLAN_ATTRIBUTES));
        sb.append("\n== Phases ==\n");
        for (Map.Entry<dev.ember.optimizer.Phase, Long> e : trace().nanos().entrySet()) {
            sb.append(String.format(java.util.Locale.ROOT, "%-12s %7.2f ms%n", e.getKey(), e.getValue() / 1e6));
        }
        return sb.toString();
    }

    private String analyze() {
        long start = System.nanoTime();
        try (QueryResult r = execute(ProgressListener.NONE)) {
            long elapsed = System.nanoTime() - start;
            PlanCompiler c = lastCompiler;
            Map<PhysicalPlan, String> ids = c.operatorIds();
            String plan = new PlanPrinter(physical(), p -> {
                String id = ids.get(p);
                return id == null ? null : r.job().allOperatorMetrics().get(id);
            }).print();
            StringBuilder sb = new StringBuilder("== Physical Plan (analyzed) ==\n").append(plan);
            sb.append("\n== Stages ==\n");
            for (var s : r.job().stages()) {
                long spilled = s.bytesSpilled.get();
                sb.append(String.format(java.util.Locale.ROOT, "stage %d: %s: %d/%d tasks%s%s, %.1f ms%s%s%n", s.stageId, s.name,
                        s.tasksSucceeded.get(), s.numPartitions, s.skipped ? " (skipped)" : "", recovery(s), s.wallNanos / 1e6,
                        spilled > 0 ? ", spilled " + dev.ember.common.config.ByteSize.format(spilled) : "",
                        s.adaptive.isEmpty() ? "" : " [adaptive: " + s.adaptive + "]"));
            }
            sb.append(String.format(java.util.Locale.ROOT, "%nrows=%d planning=%.1f ms execution=%.1f ms%n", r.rowCount(),
                    planningNanos / 1e6, elapsed / 1e6));
            return sb.toString();
        }
    }
}
