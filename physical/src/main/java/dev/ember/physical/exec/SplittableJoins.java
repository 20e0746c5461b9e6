package dev.ember.physical.exec;

import dev.ember.physical.plan.AggMode;
import dev.ember.physical.plan.BuildSide;
import dev.ember.physical.plan.JoinStrategy;
import dev.ember.physical.plan.PhysicalPlan;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The shuffled joins whose output may be cut differently from its hash partitioning, as a skew
 * split does (one key's rows then leave in several tasks). That is safe only when nothing above
 * the join, before the next exchange, relies on each key being in one partition: the planner
 * reuses an existing partitioning for a final aggregation, a window or another shuffled join
 * instead of shuffling again. Spark's OptimizeSkewedJoin makes the same check (a split that
 * would need an extra shuffle is not made).
 */
final class SplittableJoins {
    private SplittableJoins() {
    }

    static Set<PhysicalPlan> of(PhysicalPlan root) {
        Set<PhysicalPlan> out = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(root, true, out);
        return out;
    }

    /** {@code free}: nothing above {@code node} (up to an exchange or the result) relies on its partitioning. */
    private static void walk(PhysicalPlan node, boolean free, Set<PhysicalPlan> out) {
        switch (node) {
            case PhysicalPlan.Exchange e -> walk(e.child(), true, out);
            case PhysicalPlan.Filter f -> walk(f.child(), free, out);
            case PhysicalPlan.Project p -> walk(p.child(), free, out);
            case PhysicalPlan.Expand x -> walk(x.child(), free, out);
            case PhysicalPlan.Union u -> u.inputs().forEach(c -> walk(c, free, out));
            case PhysicalPlan.HashAggregate a -> walk(a.child(), free && a.mode() == AggMode.PARTIAL, out);
            case PhysicalPlan.HashJoin j when j.strategy() == JoinStrategy.BROADCAST -> {
                // The probe side streams through partition by partition; the build side is collected whole.
                boolean buildRight = j.buildSide() == BuildSide.RIGHT;
                walk(buildRight ? j.left() : j.right(), free, out);
                walk(buildRight ? j.right() : j.left(), true, out);
            }
            case PhysicalPlan.HashJoin j -> {
                if (free) {
                    out.add(j);
                }
                // A side that is not an exchange is used for its existing partitioning.
                walk(j.left(), false, out);
                walk(j.right(), false, out);
            }
            default -> node.children().forEach(c -> walk(c, false, out));
        }
    }
}
