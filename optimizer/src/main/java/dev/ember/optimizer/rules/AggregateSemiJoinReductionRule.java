package dev.ember.optimizer.rules;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Semi-join reduction of an aggregate that is inner-joined on its group keys with a much smaller
 * input: {@code Agg_k(X) ⋈_k Y} becomes {@code Agg_k(X ⋉_k Y) ⋈_k Y}. Groups whose key is not
 * in Y would be dropped by the join anyway, so the answer is the same, but only the rows of X
 * that can join are aggregated. This is what decorrelated scalar subqueries need: TPC-H Q17
 * averages quantities for the 200 parts it looks at instead of all 200,000, Q20 and Q2 likewise.
 */
public final class AggregateSemiJoinReductionRule extends RelOptRule {
    public static final AggregateSemiJoinReductionRule INSTANCE = new AggregateSemiJoinReductionRule();

    /** Reduce when the other side has fewer rows than this share of the aggregate's groups. */
    static final double MAX_RATIO = 0.25;

    private AggregateSemiJoinReductionRule() {
        super(operand(Join.class, operand(RelNode.class, any()), operand(RelNode.class, any())), "AggregateSemiJoinReduction");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Join join = call.rel(0);
        if (join.getJoinType() != JoinRelType.INNER) {
            return;
        }
        JoinInfo info = join.analyzeCondition();
        if (info.leftKeys.isEmpty()) {
            return;
        }
        RelMetadataQuery mq = call.getMetadataQuery();
        for (boolean aggOnLeft : new boolean[] {true, false}) {
            // The matched inputs (inside the Hep planner, join.getLeft() is only a vertex).
            RelNode aggSide = aggOnLeft ? call.rel(1) : call.rel(2);
            RelNode other = aggOnLeft ? call.rel(2) : call.rel(1);
            if (!(aggSide instanceof Aggregate agg) || agg.getGroupType() != Aggregate.Group.SIMPLE
                    || isReduced(agg)) {
                continue;
            }
            List<Integer> aggKeys = aggOnLeft ? info.leftKeys : info.rightKeys;
            List<Integer> otherKeys = aggOnLeft ? info.rightKeys : info.leftKeys;
            int groupCount = agg.getGroupCount();
            if (aggKeys.stream().anyMatch(k -> k >= groupCount)) {
                continue;
            }
            Double groups = mq.getRowCount(agg);
            Double otherRows = mq.getRowCount(other);
            if (groups == null || otherRows == null || otherRows > MAX_RATIO * groups) {
                continue;
            }
            RelNode input = agg.getInput();
            RexBuilder rb = join.getCluster().getRexBuilder();
            int inputCount = input.getRowType().getFieldCount();
            List<RexNode> conds = new ArrayList<>();
            List<Integer> groupSet = agg.getGroupSet().asList();
            for (int i = 0; i < aggKeys.size(); i++) {
                int inCol = groupSet.get(aggKeys.get(i));
                conds.add(rb.makeCall(SqlStdOperatorTable.EQUALS, rb.makeInputRef(input, inCol),
                        rb.makeInputRef(other.getRowType().getFieldList().get(otherKeys.get(i)).getType(),
                                inputCount + otherKeys.get(i))));
            }
            RelNode semi = LogicalJoin.create(input, other, List.of(), RexUtil.composeConjunction(rb, conds), Set.of(),
                    JoinRelType.SEMI);
            Aggregate reduced = agg.copy(agg.getTraitSet(), semi, agg.getGroupSet(), agg.getGroupSets(), agg.getAggCallList());
            call.transformTo(join.copy(join.getTraitSet(), join.getCondition(), aggOnLeft ? reduced : join.getLeft(),
                    aggOnLeft ? join.getRight() : reduced, join.getJoinType(), join.isSemiJoinDone()));
            return;
        }
    }

    private static RelNode unwrap(RelNode r) {
        return r instanceof org.apache.calcite.plan.hep.HepRelVertex v ? v.getCurrentRel() : r;
    }

    /** True when the aggregate's input is already a semi join (applied once, never again). */
    private static boolean isReduced(Aggregate agg) {
        RelNode in = unwrap(agg.getInput());
        while (in instanceof org.apache.calcite.rel.core.Project || in instanceof org.apache.calcite.rel.core.Filter) {
            in = unwrap(in.getInput(0));
        }
        return in instanceof Join j && j.getJoinType() == JoinRelType.SEMI;
    }
}
