package dev.ember.optimizer.rules;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

import static dev.ember.optimizer.RulePlans.count;
import static dev.ember.optimizer.RulePlans.show;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SubqueryToSemiAntiJoinRule}: EXISTS / IN become semi joins, NOT EXISTS an anti join,
 * with the correlated conjuncts (equality or not) as the join condition, no correlation left.
 */
class SubqueryToSemiAntiJoinRuleTest {

    private static String rewrite(String sql) {
        RelNode before = RulePlans.analyze(sql);
        String b = show("before", before);
        assertThat(b).containsAnyOf("EXISTS", "IN");
        return show("after SubqueryToSemiAntiJoin", RulePlans.apply(before, SubqueryToSemiAntiJoinRule.INSTANCE, HepMatchOrder.TOP_DOWN));
    }

    @Test
    void correlatedExistsWithANonEquiConjunctBecomesASemiJoinWithAResidualCondition() {
        String a = rewrite("select o_orderkey from orders where o_orderstatus = 'F' and exists "
                + "(select * from lineitem where l_orderkey = o_orderkey and l_suppkey <> o_custkey)");
        // No correlated field ($cor0.x) is read any more; the filter left below keeps only its
        // (now unused) variable set.
        assertThat(a).contains("joinType=[semi]").doesNotContain("$cor0.").doesNotContain("EXISTS");
        // Both the key (l_orderkey = o_orderkey) and the residual inequality (l_suppkey <> o_custkey) are the join condition.
        assertThat(a).contains("LogicalJoin(condition=[AND(=($9, $0), <>($11, $1))], joinType=[semi])");
        // The plain conjunct stays a filter under the join.
        assertThat(a).contains("LogicalFilter(condition=[=($2, 'F')");
    }

    @Test
    void notExistsBecomesAnAntiJoin() {
        String a = rewrite("select o_orderkey from orders where not exists (select * from lineitem where l_orderkey = o_orderkey)");
        assertThat(a).contains("LogicalJoin(condition=[=($9, $0)], joinType=[anti])").doesNotContain("$cor");
    }

    @Test
    void inBecomesASemiJoinOnTheValue() {
        String a = rewrite("select o_orderkey from orders where o_custkey in (select c_custkey from customer where c_acctbal > 0)");
        assertThat(a).contains("joinType=[semi]").doesNotContain(" IN(");
        assertThat(count(a, "LogicalJoin")).isEqualTo(1);
    }

    @Test
    void leavesAScalarSubqueryToCalcite() {
        RelNode before = RulePlans.analyze("select o_orderkey from orders where o_totalprice > (select avg(o_totalprice) from orders)");
        RelNode after = RulePlans.apply(before, SubqueryToSemiAntiJoinRule.INSTANCE, HepMatchOrder.TOP_DOWN);
        assertThat(show("after", after)).isEqualTo(show("before", before));
    }
}
