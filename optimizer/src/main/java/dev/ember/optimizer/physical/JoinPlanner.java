package dev.ember.optimizer.physical;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.plan.BuildSide;
import dev.ember.physical.plan.Distribution;
import dev.ember.physical.plan.JoinStrategy;
import dev.ember.physical.plan.JoinType;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.plan.EmberTable;
import dev.ember.plan.TypeMapping;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

import java.util.List;
import java.util.Locale;

/**
 * Chooses how each join runs. With equi keys it is a hash join: BroadcastHashJoin when the side
 * to build is estimated under the broadcast threshold (or a BROADCAST hint names it), else
 * ShuffleHashJoin with both sides hash-partitioned on the keys (an input already partitioned
 * that way is not shuffled again). Either way the build side is the smaller hash table (its bytes
 * plus a per-row entry, {@link Estimate#hashTableBytes()}): a side under the threshold that would
 * be the bigger table (many narrow rows) is not broadcast. Broadcast builds only a side whose
 * rows need no "was it matched" bookkeeping across tasks. Without keys, the right side is
 * broadcast to a nested-loop join.
 */
final class JoinPlanner {
    private JoinPlanner() {
    }

    static JoinType type(Join j) {
        return switch (j.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case SEMI -> JoinType.SEMI;
            case ANTI -> JoinType.ANTI;
            default -> throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                    j.getJoinType().name().toLowerCase(Locale.ROOT) + " joins are not supported yet");
        };
    }

    static PhysicalPlanner.Planned plan(PhysicalPlanner pp, Join j) {
        JoinType type = type(j);
        JoinInfo info = j.analyzeCondition();
        int[] lk = info.leftKeys.toIntArray();
        int[] rk = info.rightKeys.toIntArray();
        RexNode residualRex = RexUtil.composeConjunction(j.getCluster().getRexBuilder(), info.nonEquiConditions);
        PhysicalExpr residual = residualRex.isAlwaysTrue() ? null : pp.rex().translate(residualRex);
        PhysicalPlanner.Planned left = pp.visit(j.getLeft());
        PhysicalPlanner.Planned right = pp.visit(j.getRight());
        dev.ember.columnar.types.Schema schema = TypeMapping.schema(j.getRowType());
        int leftCount = j.getLeft().getRowType().getFieldCount();
        long threshold = pp.conf().get(EmberConf.BROADCAST_THRESHOLD);
        if (threshold > 0) {
            // A broadcast relation cannot spill, and its hash table takes several times the size of
            // its rows: under a small memory limit, broadcast only what stays a small part of it.
            threshold = Math.min(threshold, pp.conf().get(EmberConf.MEMORY_LIMIT) / 64);
        }
        Estimate le = pp.estimate(j.getLeft());
        Estimate re = pp.estimate(j.getRight());
        String hinted = broadcastHint(j);

        if (lk.length == 0) {
            return nestedLoop(pp, j, type, left, right, residual, schema, leftCount);
        }
        checkKeyTypes(left.plan(), right.plan(), lk, rk);
        boolean leftHinted = hinted != null && mentions(j.getLeft(), hinted);
        boolean rightHinted = hinted != null && mentions(j.getRight(), hinted);
        // Sides that may be broadcast (built once for all tasks): the side whose unmatched rows are not needed.
        boolean canBroadcastRight = type != JoinType.FULL && type != JoinType.RIGHT;
        boolean canBroadcastLeft = type == JoinType.INNER || type == JoinType.RIGHT;
        BuildSide broadcastSide = null;
        if (rightHinted && canBroadcastRight) {
            broadcastSide = BuildSide.RIGHT;
        } else if (leftHinted && canBroadcastLeft) {
            broadcastSide = BuildSide.LEFT;
        } else if (threshold >= 0) {
            boolean r = canBroadcastRight && re.bytes() <= threshold;
            boolean l = canBroadcastLeft && le.bytes() <= threshold;
            if (r && l) {
                broadcastSide = re.hashTableBytes() <= le.hashTableBytes() ? BuildSide.RIGHT : BuildSide.LEFT;
            } else if (r && re.hashTableBytes() <= le.hashTableBytes()) {
                broadcastSide = BuildSide.RIGHT;
            } else if (l && le.hashTableBytes() <= re.hashTableBytes()) {
                broadcastSide = BuildSide.LEFT;
            }
            // Otherwise the side small enough to broadcast would be the bigger hash table (many
            // narrow rows): a shuffle join builds the other, smaller one instead (FULL joins,
            // which always build the right, never broadcast).
        }
        if (broadcastSide != null) {
            boolean buildRight = broadcastSide == BuildSide.RIGHT;
            PhysicalPlan build = pp.exchange(buildRight ? right.plan() : left.plan(), new Distribution.Broadcast(),
                    buildRight ? j.getRight() : j.getLeft());
            PhysicalPlan.HashJoin hj = new PhysicalPlan.HashJoin(buildRight ? left.plan() : build,
                    buildRight ? build : right.plan(), type, lk, rk, residual, broadcastSide, JoinStrategy.BROADCAST, schema);
            pp.note(hj, j);
            Estimate be = buildRight ? re : le;
            pp.explain(hj, (hinted != null ? "BROADCAST hint" : "build side estimated " + be
                    + " <= threshold " + dev.ember.common.config.ByteSize.format(threshold)));
            Partitioning out = buildRight ? left.partitioning()
                    : (type.leftOnly() ? new Partitioning.Unknown(right.partitioning().partitions())
                    : Partitioning.shift(right.partitioning(), leftCount));
            return new PhysicalPlanner.Planned(hj, out);
        }
        int n = pp.shufflePartitions();
        PhysicalPlan l = left.partitioning() instanceof Partitioning.Hash h && h.exactly(lk, n)
                ? left.plan() : pp.exchange(left.plan(), new Distribution.Hash(lk, n), j.getLeft());
        PhysicalPlan r = right.partitioning() instanceof Partitioning.Hash h && h.exactly(rk, n)
                ? right.plan() : pp.exchange(right.plan(), new Distribution.Hash(rk, n), j.getRight());
        // Build the smaller hash table; the probe operator handles either side for every join type here.
        BuildSide build = type == JoinType.FULL || re.hashTableBytes() <= le.hashTableBytes() ? BuildSide.RIGHT : BuildSide.LEFT;
        PhysicalPlan.HashJoin hj = new PhysicalPlan.HashJoin(l, r, type, lk, rk, residual, build, JoinStrategy.SHUFFLE, schema);
        pp.note(hj, j);
        pp.explain(hj, shuffleReason(type, threshold, le, re, canBroadcastLeft, canBroadcastRight));
        Partitioning out = type == JoinType.RIGHT || type == JoinType.FULL ? new Partitioning.Unknown(n) : new Partitioning.Hash(lk, n);
        return new PhysicalPlanner.Planned(hj, out);
    }

    /** Why a join with keys was not broadcast, for EXPLAIN. */
    private static String shuffleReason(JoinType type, long threshold, Estimate le, Estimate re,
                                        boolean canBroadcastLeft, boolean canBroadcastRight) {
        if (threshold < 0) {
            return "broadcast disabled";
        }
        String t = dev.ember.common.config.ByteSize.format(threshold);
        boolean r = canBroadcastRight && re.bytes() <= threshold;
        boolean l = canBroadcastLeft && le.bytes() <= threshold;
        if (r || l) {
            Estimate candidate = r ? re : le;
            return "broadcasting " + candidate + " would build the bigger hash table ("
                    + dev.ember.common.config.ByteSize.format((long) candidate.hashTableBytes()) + ")";
        }
        Estimate smaller = re.bytes() <= le.bytes() ? re : le;
        if (smaller.bytes() > threshold) {
            return "smallest side estimated " + smaller + " > threshold " + t;
        }
        String kind = type.name().toLowerCase(Locale.ROOT);
        return (kind.startsWith("a") ? "an " : "a ") + kind + " join cannot broadcast its "
                + (smaller == re ? "right" : "left") + " side (estimated " + smaller + ")";
    }

    private static PhysicalPlanner.Planned nestedLoop(PhysicalPlanner pp, Join j, JoinType type,
                                                      PhysicalPlanner.Planned left, PhysicalPlanner.Planned right,
                                                      PhysicalExpr condition, dev.ember.columnar.types.Schema schema,
                                                      int leftCount) {
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                    type.name().toLowerCase(Locale.ROOT) + " outer joins without an equality condition are not supported yet");
        }
        PhysicalPlan build = pp.exchange(right.plan(), new Distribution.Broadcast(), j.getRight());
        PhysicalPlan.NestedLoopJoin nl = pp.note(new PhysicalPlan.NestedLoopJoin(left.plan(), build, type, condition, schema), j);
        pp.explain(nl, "no equi-join keys");
        return new PhysicalPlanner.Planned(nl, left.partitioning());
    }

    private static void checkKeyTypes(PhysicalPlan left, PhysicalPlan right, int[] lk, int[] rk) {
        for (int i = 0; i < lk.length; i++) {
            var a = left.schema().type(lk[i]);
            var b = right.schema().type(rk[i]);
            boolean ints = (a instanceof dev.ember.columnar.types.DataType.IntType || a instanceof dev.ember.columnar.types.DataType.BigIntType)
                    && (b instanceof dev.ember.columnar.types.DataType.IntType || b instanceof dev.ember.columnar.types.DataType.BigIntType);
            if (!a.equals(b) && !ints) {
                throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "joining " + a.sql() + " with " + b.sql()
                        + " keys is not supported yet; cast one side");
            }
        }
    }

    /** The table named by a BROADCAST hint on this join, if any. */
    private static String broadcastHint(Join j) {
        for (RelHint h : j.getHints()) {
            String name = h.hintName.toUpperCase(Locale.ROOT);
            if ((name.equals("BROADCAST") || name.equals("BROADCASTJOIN") || name.equals("MAPJOIN")) && !h.listOptions.isEmpty()) {
                return h.listOptions.get(0).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** True when the side is that table (under projections and filters, not further joins). */
    private static boolean mentions(RelNode rel, String table) {
        if (rel instanceof Join) {
            return false;
        }
        if (rel instanceof TableScan s) {
            EmberTable t = s.getTable().unwrap(EmberTable.class);
            List<String> q = t == null ? s.getTable().getQualifiedName() : t.qualifiedName();
            return q.get(q.size() - 1).equalsIgnoreCase(table);
        }
        for (RelNode in : rel.getInputs()) {
            if (mentions(in, table)) {
                return true;
            }
        }
        return false;
    }
}
