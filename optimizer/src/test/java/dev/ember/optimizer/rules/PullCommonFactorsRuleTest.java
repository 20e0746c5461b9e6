package dev.ember.optimizer.rules;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

import static dev.ember.optimizer.RulePlans.count;
import static dev.ember.optimizer.RulePlans.show;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link PullCommonFactorsRule}: a conjunct repeated in every OR branch is pulled out once. */
class PullCommonFactorsRuleTest {

    @Test
    void pullsTheJoinKeyOutOfEveryBranchOfAFilter() {
        RelNode before = RulePlans.analyze("select p_name from part, lineitem "
                + "where (p_partkey = l_partkey and p_size = 1) or (p_partkey = l_partkey and p_size = 5)");
        RelNode after = RulePlans.apply(before, PullCommonFactorsRule.FILTER, HepMatchOrder.BOTTOM_UP);
        String b = show("before", before);
        String a = show("after PullCommonFactors(Filter)", after);
        // The key p_partkey = l_partkey ($0 = $10 after part's nine columns and l_orderkey) appears in each branch before, once after.
        assertThat(count(b, "=($0, $10)")).isEqualTo(2);
        assertThat(count(a, "=($0, $10)")).isEqualTo(1);
        assertThat(a).contains("AND(=($0, $10), OR(");
    }

    @Test
    void pullsFromAJoinCondition() {
        RelNode before = RulePlans.analyze("select p_name from part join lineitem "
                + "on (p_partkey = l_partkey and p_size = 1) or (p_partkey = l_partkey and l_quantity > 5)");
        RelNode after = RulePlans.apply(before, PullCommonFactorsRule.JOIN, HepMatchOrder.BOTTOM_UP);
        String b = show("before", before);
        String a = show("after PullCommonFactors(Join)", after);
        assertThat(count(b, "=($0, $10)")).isEqualTo(2);
        assertThat(a).contains("LogicalJoin(condition=[AND(=($0, $10), OR(");
    }

    @Test
    void leavesAnOrWithoutCommonFactorsAlone() {
        RelNode before = RulePlans.analyze("select p_name from part where (p_size = 1 and p_brand = 'Brand#12') or p_size = 5");
        RelNode after = RulePlans.apply(before, PullCommonFactorsRule.FILTER, HepMatchOrder.BOTTOM_UP);
        assertThat(show("after", after)).isEqualTo(show("before", before));
    }
}
