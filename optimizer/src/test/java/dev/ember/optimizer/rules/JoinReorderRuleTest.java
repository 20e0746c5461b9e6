package dev.ember.optimizer.rules;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

import static dev.ember.optimizer.RulePlans.count;
import static dev.ember.optimizer.RulePlans.show;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link JoinReorderRule}: an inner MultiJoin becomes the join tree with the smallest intermediate results. */
class JoinReorderRuleTest {

    @Test
    void joinsTheFilteredSmallInputsBeforeLineitem() {
        // Written lineitem first; TPC-H Q3's shape: customer (filtered) with orders (filtered), then lineitem.
        RelNode before = RulePlans.multiJoined("select l_orderkey from lineitem, orders, customer "
                + "where c_mktsegment = 'BUILDING' and c_custkey = o_custkey and l_orderkey = o_orderkey "
                + "and o_orderdate < date '1995-03-15' and l_shipdate > date '1995-03-15'");
        RelNode after = RulePlans.apply(before, JoinReorderRule.INSTANCE, HepMatchOrder.BOTTOM_UP);
        String b = show("before", before);
        String a = show("after JoinReorder", after);
        assertThat(b).contains("MultiJoin");
        assertThat(a).doesNotContain("MultiJoin");
        assertThat(count(a, "LogicalJoin")).isEqualTo(2);
        // The deepest join (the last one printed) has customer and orders below it, not lineitem.
        String deepest = a.substring(a.lastIndexOf("LogicalJoin"));
        assertThat(deepest).contains("[tpch, tiny, customer]").contains("[tpch, tiny, orders]").doesNotContain("lineitem");
    }

    @Test
    void leavesAMultiJoinWithAnOuterJoinToCalcite() {
        RelNode before = RulePlans.multiJoined("select c_name, o_orderkey from customer left join orders on c_custkey = o_custkey");
        RelNode after = RulePlans.apply(before, JoinReorderRule.INSTANCE, HepMatchOrder.BOTTOM_UP);
        String b = show("before", before);
        assertThat(b).contains("MultiJoin");
        assertThat(show("after", after)).isEqualTo(b);
    }
}
