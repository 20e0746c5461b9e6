package dev.ember.optimizer.rules;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

import static dev.ember.optimizer.RulePlans.show;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AggregateSemiJoinReductionRule}: an aggregate joined on its group keys with a much
 * smaller input aggregates only the rows that can join ({@code Agg(X ⋉ Y) ⋈ Y}).
 */
class AggregateSemiJoinReductionRuleTest {
    private static final String PER_PART = "select p_partkey, avg_qty from part join "
            + "(select l_partkey, avg(l_quantity) as avg_qty from lineitem group by l_partkey) a on p_partkey = a.l_partkey";

    @Test
    void aggregatesOnlyThePartsTheQueryLooksAt() {
        // TPC-H Q17's shape: a handful of parts joined with per-part averages over all of lineitem.
        RelNode before = RulePlans.joinsOrdered(PER_PART + " where p_brand = 'Brand#23' and p_container = 'MED BOX'");
        RelNode after = RulePlans.apply(before, AggregateSemiJoinReductionRule.INSTANCE, HepMatchOrder.TOP_DOWN);
        String b = show("before", before);
        String a = show("after AggregateSemiJoinReduction", after);
        assertThat(b).doesNotContain("joinType=[semi]");
        assertThat(a).contains("joinType=[semi]");
        // The semi join is the aggregate's input, and part (filtered) is read on both sides.
        assertThat(a).containsPattern("LogicalAggregate\\([^\\n]*\\n\\s*(LogicalProject[^\\n]*\\n\\s*)?LogicalJoin\\([^\\n]*joinType=\\[semi\\]");
        assertThat(a.split("\\[tpch, tiny, part\\]", -1).length - 1).isEqualTo(2);
    }

    @Test
    void leavesTheAggregateAloneWhenTheOtherSideIsNotMuchSmaller() {
        // Every part: as many rows as the aggregate has groups, nothing to gain.
        RelNode before = RulePlans.joinsOrdered(PER_PART);
        RelNode after = RulePlans.apply(before, AggregateSemiJoinReductionRule.INSTANCE, HepMatchOrder.TOP_DOWN);
        assertThat(show("after", after)).isEqualTo(show("before", before));
    }
}
