package dev.ember.optimizer.rules;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.junit.jupiter.api.Test;

import static dev.ember.optimizer.RulePlans.show;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calcite's ExpandDisjunctionForTable rules, which Ember runs once before simplification
 * (LogicalOptimizer.DISJUNCTION_RULES): an OR over columns of several tables gains a redundant
 * OR per table, which pushdown then takes to each scan (TPC-H Q7's nation pair, Q19's part).
 */
class ExpandDisjunctionRuleTest {

    @Test
    void derivesAPredicatePerTableFromAnOrOverTwoTables() {
        RelNode before = RulePlans.analyze("select n1.n_name, n2.n_name from nation n1, nation n2 "
                + "where (n1.n_name = 'FRANCE' and n2.n_name = 'GERMANY') or (n1.n_name = 'GERMANY' and n2.n_name = 'FRANCE')");
        RelNode after = RulePlans.apply(before, CoreRules.EXPAND_FILTER_DISJUNCTION_GLOBAL, HepMatchOrder.BOTTOM_UP);
        String b = show("before", before);
        String a = show("after ExpandDisjunctionForTable(Filter)", after);
        // n1.n_name is $1, n2.n_name is $5 (nation has four columns).
        assertThat(b).doesNotContain("OR(=($1, 'FRANCE'), =($1, 'GERMANY'))");
        assertThat(a).contains("OR(=($1, 'FRANCE'), =($1, 'GERMANY'))");
        assertThat(a).contains("OR(=($5, 'GERMANY'), =($5, 'FRANCE'))");
        // The original OR stays: the derived predicates are implied by it, not a replacement.
        assertThat(a).contains("OR(AND(=($1, 'FRANCE'), =($5, 'GERMANY')), AND(=($1, 'GERMANY'), =($5, 'FRANCE')))");
    }

    @Test
    void derivesFromAJoinCondition() {
        RelNode before = RulePlans.analyze("select p_name from part join lineitem on p_partkey = l_partkey "
                + "and ((p_size = 1 and l_quantity < 5) or (p_size = 5 and l_quantity > 40))");
        RelNode after = RulePlans.apply(before, CoreRules.EXPAND_JOIN_DISJUNCTION_GLOBAL, HepMatchOrder.BOTTOM_UP);
        String a = show("after ExpandDisjunctionForTable(Join)", after);
        assertThat(show("before", before)).doesNotContain("OR(=($5, 1), =($5, 5))");
        assertThat(a).contains("OR(=($5, 1), =($5, 5))");
    }

    @Test
    void leavesAnOrOverOneTableAlone() {
        RelNode before = RulePlans.analyze("select p_name from part where p_size = 1 or p_brand = 'Brand#12'");
        RelNode after = RulePlans.apply(before, CoreRules.EXPAND_FILTER_DISJUNCTION_GLOBAL, HepMatchOrder.BOTTOM_UP);
        assertThat(show("after", after)).isEqualTo(show("before", before));
    }
}
