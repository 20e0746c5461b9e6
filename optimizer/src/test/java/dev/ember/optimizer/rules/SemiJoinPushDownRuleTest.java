package dev.ember.optimizer.rules;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

import static dev.ember.optimizer.RulePlans.show;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SemiJoinPushDownRule}: {@code (X ⋈ Y) ⋉ Z} becomes {@code (X ⋉ Z) ⋈ Y} when the semi
 * join is the more selective of the two, and stays put when it is not.
 */
class SemiJoinPushDownRuleTest {

    /** The first line of the plan that mentions {@code needle}, indentation included. */
    private static int depth(String plan, String needle) {
        for (String line : plan.split("\n")) {
            if (line.contains(needle)) {
                return line.indexOf(line.strip());
            }
        }
        throw new AssertionError(needle + " not in\n" + plan);
    }

    @Test
    void aSelectiveInMovesBelowTheJoinOntoOrders() {
        // TPC-H Q18's shape: few orders have more than 300 units.
        RelNode before = RulePlans.simplified("select c_name, o_orderkey from customer, orders where c_custkey = o_custkey "
                + "and o_orderkey in (select l_orderkey from lineitem group by l_orderkey having sum(l_quantity) > 300)");
        RelNode after = RulePlans.apply(before, SemiJoinPushDownRule.INSTANCE, HepMatchOrder.TOP_DOWN);
        String b = show("before", before);
        String a = show("after SemiJoinPushDown", after);
        // Before, the semi join sits above the inner join; after, below it.
        assertThat(depth(b, "joinType=[semi]")).isLessThan(depth(b, "joinType=[inner]"));
        assertThat(depth(a, "joinType=[semi]")).isGreaterThan(depth(a, "joinType=[inner]"));
    }

    @Test
    void anUnselectiveInStaysAboveAMoreSelectiveJoin() {
        // Almost every order has a line item; the join with BUILDING customers keeps a fifth.
        RelNode before = RulePlans.simplified("select c_name, o_orderkey from customer, orders where c_custkey = o_custkey "
                + "and c_mktsegment = 'BUILDING' and o_orderkey in (select l_orderkey from lineitem)");
        RelNode after = RulePlans.apply(before, SemiJoinPushDownRule.INSTANCE, HepMatchOrder.TOP_DOWN);
        String b = show("before", before);
        assertThat(b).contains("joinType=[semi]");
        assertThat(show("after", after)).isEqualTo(b);
    }
}
