package dev.ember.physical.exec;

import dev.ember.columnar.ColumnBatch;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.adaptive.AdaptiveSettings;
import dev.ember.physical.expr.ExprCompiler;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.expr.ScalarFn;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.ops.FilterOp;
import dev.ember.physical.ops.HashAggregateOp;
import dev.ember.physical.ops.LimitOp;
import dev.ember.physical.ops.ProjectOp;
import dev.ember.physical.ops.SortOp;
import dev.ember.physical.ops.TopNOp;
import dev.ember.physical.plan.Distribution;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ShuffleDependency;
import dev.ember.physical.rdd.ShuffledRdd;
import dev.ember.physical.rdd.UnionRdd;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import dev.ember.physical.shuffle.BatchShuffleWriter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a physical plan into an Rdd graph. Narrow operators are chained into one
 * {@link MapPartitionsRdd} per stage (the pipeline); each exchange becomes a shuffle
 * dependency; a broadcast join's build side is collected once, on the driver, while compiling.
 */
public final class PlanCompiler {
    private final LocalCluster cluster;
    private final JobContext job;
    private final int batchSize;
    private final Map<PhysicalPlan, String> ids = new IdentityHashMap<>();
    private int nextId = 1;

    public PlanCompiler(LocalCluster cluster, JobContext job) {
        this.cluster = cluster;
        this.job = job;
        this.batchSize = job.conf().get(EmberConf.BATCH_SIZE);
    }

    /** One operator of a pipeline, created per task. */
    @FunctionalInterface
    interface OpFactory {
        CloseableIterator<ColumnBatch> create(TaskContext ctx, CloseableIterator<ColumnBatch> in);
    }

    /** A base Rdd and the narrow operators still to apply on top of it, in order. */
    record Pipeline(Rdd<ColumnBatch> base, List<OpFactory> ops, String name) {
        Pipeline then(OpFactory op, String opName) {
            List<OpFactory> next = new ArrayList<>(ops);
            next.add(op);
            return new Pipeline(base, next, name + " -> " + opName);
        }

        Rdd<ColumnBatch> materialize() {
            if (ops.isEmpty()) {
                return base;
            }
            List<OpFactory> chain = List.copyOf(ops);
            MapPartitionsRdd<ColumnBatch, ColumnBatch> rdd = new MapPartitionsRdd<>(base, (ctx, p, in) -> {
                CloseableIterator<ColumnBatch> it = in;
                for (OpFactory f : chain) {
                    it = f.create(ctx, it);
                }
                return it;
            }, true);
            rdd.setName(name);
            return rdd;
        }
    }

    /** The ids operators were given (pre-order, 1-based), for EXPLAIN ANALYZE. */
    public Map<PhysicalPlan, String> operatorIds() {
        return ids;
    }

    public Rdd<ColumnBatch> compile(PhysicalPlan plan) {
        splittableJoins = SplittableJoins.of(plan);
        assignIds(plan);
        return pipeline(plan).materialize();
    }

    private void assignIds(PhysicalPlan plan) {
        if (ids.containsKey(plan)) {
            return;
        }
        ids.put(plan, String.valueOf(nextId++));
        for (PhysicalPlan c : plan.children()) {
            assignIds(c);
        }
    }

    OperatorMetrics metrics(PhysicalPlan node) {
        String id = ids.computeIfAbsent(node, k -> String.valueOf(nextId++));
        return job.operatorMetrics(id);
    }

    /** Joins whose output partitioning nothing above relies on (see {@link SplittableJoins}). */
    private java.util.Set<PhysicalPlan> splittableJoins = java.util.Set.of();

    /** True when a skewed partition of this shuffled join may run as several tasks. */
    boolean mayOutputBeSplit(PhysicalPlan.HashJoin j) {
        return splittableJoins.contains(j);
    }

    int batchSize() {
        return batchSize;
    }

    LocalCluster cluster() {
        return cluster;
    }

    JobContext job() {
        return job;
    }

    Pipeline pipeline(PhysicalPlan plan) {
        return switch (plan) {
            case PhysicalPlan.Scan s when s.source() instanceof dev.ember.physical.rdd.RddSource r ->
                    new Pipeline(dev.ember.physical.rdd.RddSource.scan(r, s.columns(), cluster, job), List.of(), "Scan " + s.table());
            case PhysicalPlan.Scan s when s.source() instanceof CachedSource c -> new Pipeline(
                    CachedScan.of(c.rdd(cluster), s, metrics(s)), List.of(), "InMemoryScan " + s.table());
            case PhysicalPlan.Scan s -> new Pipeline(new SourceRdd(s.source(), s.columns(), metrics(s)), List.of(),
                    "Scan " + s.table());
            case PhysicalPlan.Values v -> new Pipeline(new ValuesRdd(v.schema(), v.rows()), List.of(), "Values");
            case PhysicalPlan.Filter f -> filter(f);
            case PhysicalPlan.Project p -> project(p);
            case PhysicalPlan.HashAggregate a -> aggregate(a);
            case PhysicalPlan.Sort s -> {
                OperatorMetrics m = metrics(s);
                yield pipeline(s.child()).then((ctx, in) -> new SortOp(in, s.schema(), s.keys(), ctx, m, batchSize), "Sort");
            }
            case PhysicalPlan.TopN t -> {
                OperatorMetrics m = metrics(t);
                yield pipeline(t.child()).then((ctx, in) -> new TopNOp(in, t.schema(), t.keys(), t.limit(), t.offset(),
                        ctx, m, batchSize), "TopN");
            }
            case PhysicalPlan.Limit l -> {
                OperatorMetrics m = metrics(l);
                yield pipeline(l.child()).then((ctx, in) -> counted(new LimitOp(in, l.limit(), l.offset(), ctx.allocator()), m), "Limit");
            }
            case PhysicalPlan.Exchange e -> exchange(e);
            case PhysicalPlan.Union u -> {
                List<Rdd<ColumnBatch>> parts = new ArrayList<>();
                for (PhysicalPlan c : u.inputs()) {
                    parts.add(pipeline(c).materialize());
                }
                metrics(u);
                yield new Pipeline(new UnionRdd<>(parts).setName("Union"), List.of(), "Union");
            }
            case PhysicalPlan.HashJoin j -> JoinCompiler.hashJoin(this, j);
            case PhysicalPlan.NestedLoopJoin j -> JoinCompiler.nestedLoopJoin(this, j);
            case PhysicalPlan.Expand x -> MiscCompiler.expand(this, x);
            case PhysicalPlan.Window w -> MiscCompiler.window(this, w);
        };
    }

    static CloseableIterator<ColumnBatch> counted(CloseableIterator<ColumnBatch> it, OperatorMetrics m) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public ColumnBatch next() {
                ColumnBatch b = it.next();
                m.outputRows.add(b.rowCount());
                m.outputBatches.increment();
                return b;
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    /** Splits a condition into its AND-ed parts, so the filter can test the cheapest-first and compact early. */
    static List<PhysicalExpr> conjuncts(PhysicalExpr e) {
        List<PhysicalExpr> out = new ArrayList<>();
        if (e instanceof PhysicalExpr.Call c && c.fn() == ScalarFn.AND) {
            for (PhysicalExpr a : c.args()) {
                out.addAll(conjuncts(a));
            }
        } else {
            out.add(e);
        }
        return out;
    }

    private Pipeline filter(PhysicalPlan.Filter f) {
        return filter(f, null);
    }

    /** A filter emitting only {@code outputColumns} of its input (all when null). */
    private Pipeline filter(PhysicalPlan.Filter f, int[] outputColumns) {
        OperatorMetrics m = metrics(f);
        List<PhysicalExpr> parts = conjuncts(f.condition());
        boolean[] expensive = new boolean[parts.size()];
        for (int i = 0; i < expensive.length; i++) {
            expensive[i] = dev.ember.physical.expr.ExprUtil.isExpensive(parts.get(i));
        }
        return pipeline(f.child()).then((ctx, in) -> {
            VectorExpr[] cs = parts.stream().map(ExprCompiler::compile).toArray(VectorExpr[]::new);
            return new FilterOp(in, cs, expensive, f.schema(), outputColumns, ctx, m);
        }, "Filter");
    }

    private Pipeline project(PhysicalPlan.Project p) {
        OperatorMetrics m = metrics(p);
        List<PhysicalExpr> exprs = p.exprs();
        Pipeline below;
        if (p.child() instanceof PhysicalPlan.Filter f) {
            // Fuse: the filter gathers only the columns this projection reads.
            java.util.SortedSet<Integer> used = new java.util.TreeSet<>();
            for (PhysicalExpr e : exprs) {
                used.addAll(dev.ember.physical.expr.ExprUtil.columns(e));
            }
            int[] cols = used.stream().mapToInt(Integer::intValue).toArray();
            int[] map = new int[f.schema().size()];
            for (int i = 0; i < cols.length; i++) {
                map[cols[i]] = i;
            }
            below = filter(f, cols);
            exprs = exprs.stream().map(e -> dev.ember.physical.expr.ExprUtil.remap(e, map)).toList();
        } else {
            below = pipeline(p.child());
        }
        List<PhysicalExpr> finalExprs = exprs;
        return below.then((ctx, in) -> {
            VectorExpr[] es = finalExprs.stream().map(ExprCompiler::compile).toArray(VectorExpr[]::new);
            return new ProjectOp(in, es, p.schema(), ctx, m);
        }, "Project");
    }

    private Pipeline aggregate(PhysicalPlan.HashAggregate a) {
        OperatorMetrics m = metrics(a);
        return pipeline(a.child()).then((ctx, in) -> new dev.ember.physical.ops.SpillingHashAggregate(in, a.mode(), a.groupKeys(), a.aggregates(),
                a.child().schema(), a.schema(), ctx, m, batchSize), "HashAggregate(" + a.mode().name().toLowerCase() + ")");
    }

    /**
     * Shuffles already compiled in this query, by the digest of their exchange: a second exchange
     * equal to one of them reads the same map outputs instead of computing them again (Spark's
     * ReusedExchange). TPC-H Q15 aggregates its revenue view twice, for the join and for the max.
     */
    private final Map<String, ShuffleDependency<ColumnBatch>> exchanges = new HashMap<>();

    private Pipeline exchange(PhysicalPlan.Exchange e) {
        metrics(e);
        String digest = dev.ember.physical.plan.PlanDigest.of(e);
        ShuffleDependency<ColumnBatch> reused = job.conf().get(EmberConf.EXCHANGE_REUSE) ? exchanges.get(digest) : null;
        if (reused != null) {
            return read(reused, " (reused)");
        }
        Rdd<ColumnBatch> child = pipeline(e.child()).materialize();
        ShuffleDependency<ColumnBatch> dep = shuffleDependency(child, e.distribution(), e.child().schema());
        exchanges.put(digest, dep);
        return read(dep, "");
    }

    private ShuffleDependency<ColumnBatch> shuffleDependency(Rdd<ColumnBatch> child, Distribution distribution,
                                                            dev.ember.columnar.types.Schema schema) {
        BatchShuffleWriter.Partitioning partitioning;
        int partitions;
        switch (distribution) {
            case Distribution.Hash h -> {
                partitioning = new BatchShuffleWriter.Partitioning.Hash(h.keys());
                partitions = h.partitions();
            }
            case Distribution.Single s -> {
                partitioning = new BatchShuffleWriter.Partitioning.Single();
                partitions = 1;
            }
            case Distribution.RoundRobin r -> {
                partitioning = new BatchShuffleWriter.Partitioning.RoundRobin();
                partitions = r.partitions();
            }
            case Distribution.Range r -> {
                partitioning = RangePartitioning.sample(this, child, r.keys(), r.partitions(), schema);
                partitions = r.partitions();
            }
            case Distribution.Broadcast b -> throw new IllegalStateException("broadcast exchanges belong to joins");
        }
        ShuffleDependency<ColumnBatch> dep = new ShuffleDependency<>(child, partitions,
                BatchShuffleWriter.factory(schema, partitioning, batchSize), distribution.describe(schema));
        job.onClose(() -> cluster.removeShuffle(dep.shuffleId()));
        return dep;
    }

    private Pipeline read(ShuffleDependency<ColumnBatch> dep, String note) {
        // Reads of a single partition have nothing to coalesce or split.
        boolean adaptive = job.conf().get(AdaptiveSettings.ENABLED) && dep.numReducePartitions() > 1;
        return new Pipeline(new ShuffledRdd<>(dep, cluster, adaptive), List.of(), "ShuffleRead#" + dep.shuffleId() + note);
    }
}
