package dev.ember.physical.exec;

import dev.ember.columnar.ColumnBatch;
import dev.ember.physical.adaptive.SkewJoinSides;
import dev.ember.physical.expr.ExprCompiler;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.ops.join.HashJoinProbeOp;
import dev.ember.physical.ops.join.GraceHashJoin;
import dev.ember.physical.ops.join.HashedRelation;
import dev.ember.physical.ops.join.NestedLoopJoinOp;
import dev.ember.physical.plan.BuildSide;
import dev.ember.physical.plan.Distribution;
import dev.ember.physical.plan.JoinStrategy;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ZippedPartitionsRdd;
import dev.ember.physical.scheduler.OperatorMetrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Compiles joins: broadcast (build side collected once on the driver) or shuffled (built per partition). */
final class JoinCompiler {
    private JoinCompiler() {
    }

    private static PhysicalPlan unwrapBroadcast(PhysicalPlan p) {
        if (p instanceof PhysicalPlan.Exchange e && e.distribution() instanceof Distribution.Broadcast) {
            return e.child();
        }
        return p;
    }

    /** Runs the plan and copies every batch into the query's memory (a broadcast's data). */
    static List<ColumnBatch> collect(PlanCompiler pc, PhysicalPlan plan) {
        Rdd<ColumnBatch> rdd = pc.pipeline(plan).materialize();
        pc.cluster().scheduler().prepare(pc.job(), rdd);
        List<List<ColumnBatch>> parts = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < rdd.numPartitions(); i++) {
            parts.add(null);
        }
        try {
            pc.cluster().scheduler().runJob(pc.job(), rdd, (ctx, it) -> {
                List<ColumnBatch> out = new ArrayList<>();
                try {
                    while (it.hasNext()) {
                        ColumnBatch b = it.next();
                        if (b.rowCount() > 0) {
                            out.add(b.copy(pc.job().allocator()));
                        }
                    }
                } catch (RuntimeException e) {
                    out.forEach(ColumnBatch::close);
                    throw e;
                }
                return out;
            }, parts::set);
        } catch (RuntimeException | Error e) {
            // Partitions that finished before the failure (or the cancel) hold copies: free them.
            synchronized (parts) {
                for (List<ColumnBatch> p : parts) {
                    if (p != null) {
                        p.forEach(ColumnBatch::close);
                    }
                }
            }
            throw e;
        }
        List<ColumnBatch> all = new ArrayList<>();
        for (List<ColumnBatch> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    static PlanCompiler.Pipeline hashJoin(PlanCompiler pc, PhysicalPlan.HashJoin j) {
        OperatorMetrics m = pc.metrics(j);
        boolean buildRight = j.buildSide() == BuildSide.RIGHT;
        PhysicalPlan buildPlan = unwrapBroadcast(buildRight ? j.right() : j.left());
        PhysicalPlan probePlan = buildRight ? j.left() : j.right();
        int[] buildKeys = buildRight ? j.rightKeys() : j.leftKeys();
        int[] probeKeys = buildRight ? j.leftKeys() : j.rightKeys();
        int batchSize = pc.batchSize();
        if (j.strategy() == JoinStrategy.BROADCAST) {
            List<ColumnBatch> data = collect(pc, buildPlan);
            HashedRelation relation;
            try {
                relation = HashedRelation.build(data.iterator(), buildPlan.schema(), buildKeys, pc.job().allocator(), batchSize);
            } finally {
                data.forEach(ColumnBatch::close);
            }
            pc.job().onClose(relation::close);
            m.recordMemory(relation.memoryBytes());
            return pc.pipeline(probePlan).then((ctx, in) -> new HashJoinProbeOp(in, relation, j.joinType(),
                    j.buildSide(), probeKeys, compile(j), j.schema(), j.left().schema(), j.right().schema(), ctx, m,
                    batchSize), "BroadcastHashJoin");
        }
        Rdd<ColumnBatch> probe = pc.pipeline(probePlan).materialize();
        Rdd<ColumnBatch> build = pc.pipeline(buildPlan).materialize();
        ZippedPartitionsRdd<ColumnBatch, ColumnBatch, ColumnBatch> zipped = new ZippedPartitionsRdd<>(probe, build,
                (ctx, p, probeIt, buildIt) -> GraceHashJoin.join(probeIt, buildIt, new GraceHashJoin.Spec(
                        j.joinType(), j.buildSide(), buildKeys, probeKeys, buildPlan.schema(), probePlan.schema(),
                        () -> compile(j), j.schema(), j.left().schema(), j.right().schema(), m, batchSize), ctx));
        zipped.setName("ShuffleHashJoin");
        if (pc.mayOutputBeSplit(j)) {
            // The zip's left parent is the probe side.
            SkewJoinSides sides = splittableSides(j.joinType());
            zipped.setSkewJoin(buildRight ? sides : new SkewJoinSides(sides.right(), sides.left()));
        }
        return new PlanCompiler.Pipeline(zipped, List.of(), "ShuffleHashJoin");
    }

    /**
     * The join inputs (left, right) whose skewed partitions may be cut into pieces, each joined
     * with the whole partition of the other input: a side may be cut when every one of its rows
     * still meets every row it could match, and the other side's rows are not emitted on their
     * own when unmatched (they would be, once per piece).
     */
    static SkewJoinSides splittableSides(dev.ember.physical.plan.JoinType type) {
        return switch (type) {
            case INNER -> new SkewJoinSides(true, true);
            case LEFT, SEMI, ANTI, NULL_AWARE_ANTI -> new SkewJoinSides(true, false);
            case RIGHT -> new SkewJoinSides(false, true);
            case FULL -> SkewJoinSides.NONE;
        };
    }

    private static VectorExpr compile(PhysicalPlan.HashJoin j) {
        return j.residual() == null ? null : ExprCompiler.compile(j.residual());
    }

    static PlanCompiler.Pipeline nestedLoopJoin(PlanCompiler pc, PhysicalPlan.NestedLoopJoin j) {
        OperatorMetrics m = pc.metrics(j);
        List<ColumnBatch> right = collect(pc, unwrapBroadcast(j.right()));
        pc.job().onClose(() -> right.forEach(ColumnBatch::close));
        int batchSize = pc.batchSize();
        return pc.pipeline(j.left()).then((ctx, in) -> new NestedLoopJoinOp(in, right, j.joinType(),
                j.condition() == null ? null : ExprCompiler.compile(j.condition()), j.left().schema(),
                j.right().schema(), j.schema(), ctx, m, batchSize), "BroadcastNestedLoopJoin");
    }
}
