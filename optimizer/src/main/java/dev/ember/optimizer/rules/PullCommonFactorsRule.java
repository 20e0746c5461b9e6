package dev.ember.optimizer.rules;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Pulls conjuncts common to every branch of an OR out of it:
 * {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)}. TPC-H Q19 repeats its join
 * key {@code p_partkey = l_partkey} in each of three branches; once pulled out it is a
 * hash-join key instead of a nested-loop condition (Spark's "extract common predicates").
 */
public final class PullCommonFactorsRule extends RelOptRule {
    public static final PullCommonFactorsRule FILTER = new PullCommonFactorsRule(Filter.class, "PullCommonFactors(Filter)");
    public static final PullCommonFactorsRule JOIN = new PullCommonFactorsRule(Join.class, "PullCommonFactors(Join)");

    private PullCommonFactorsRule(Class<? extends RelNode> clazz, String description) {
        super(operand(clazz, any()), description);
    }

    /** The condition with common factors pulled out, or null when nothing changes. */
    public static RexNode pull(RexBuilder rexBuilder, RexNode condition) {
        if (!containsOr(condition)) {
            return null;
        }
        RexNode pulled = RexUtil.pullFactors(rexBuilder, condition);
        return pulled.equals(condition) ? null : pulled;
    }

    private static boolean containsOr(RexNode node) {
        if (node.getKind() == SqlKind.OR) {
            return true;
        }
        if (node instanceof RexCall c && node.getKind() == SqlKind.AND) {
            for (RexNode o : c.getOperands()) {
                if (containsOr(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        RelNode rel = call.rel(0);
        RexBuilder rb = rel.getCluster().getRexBuilder();
        if (rel instanceof Filter f) {
            RexNode c = pull(rb, f.getCondition());
            if (c != null) {
                call.transformTo(f.copy(f.getTraitSet(), f.getInput(), c));
            }
        } else if (rel instanceof Join j) {
            RexNode c = pull(rb, j.getCondition());
            if (c != null) {
                call.transformTo(j.copy(j.getTraitSet(), c, j.getLeft(), j.getRight(), j.getJoinType(), j.isSemiJoinDone()));
            }
        }
    }
}
