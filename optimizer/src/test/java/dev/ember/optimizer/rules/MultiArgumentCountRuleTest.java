package dev.ember.optimizer.rules;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

import static dev.ember.optimizer.RulePlans.show;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MultiArgumentCountRule}: {@code count(a, b)} becomes {@code count(*)} filtered on every
 * argument being non-NULL (and on the call's own filter); {@code count(DISTINCT a, b)} reaches it
 * after the distinct expansion.
 */
class MultiArgumentCountRuleTest {

    @Test
    void countOfTwoArgumentsCountsRowsWhereBothAreNonNull() {
        // TPC-H columns are NOT NULL (Calcite would drop the arguments), so NULLIF makes them nullable.
        RelNode before = RulePlans.analyze("select s, count(c, k), count(c, m) filter (where p > 10), count(c) from "
                + "(select o_orderstatus s, nullif(o_custkey, 0) c, nullif(o_clerk, '') k, nullif(o_comment, '') m, "
                + "o_totalprice p from orders) group by s");
        assertThat(show("before", before)).contains("COUNT($1, $2)").contains("COUNT($1, $3) FILTER $4");
        String a = show("after MultiArgumentCount", RulePlans.apply(before, MultiArgumentCountRule.INSTANCE, HepMatchOrder.BOTTOM_UP));
        assertThat(a).doesNotContain("COUNT($1, $2)").doesNotContain("COUNT($1, $3)")
                .contains("$count_filter0=[AND(IS NOT NULL($1), IS NOT NULL($2))]")
                .contains("$count_filter1=[AND(IS NOT NULL($1), IS NOT NULL($3), IS TRUE($4))]")
                .contains("COUNT() FILTER $5").contains("COUNT() FILTER $6")
                // A one-argument count is left alone.
                .contains("COUNT($1)");
    }

    @Test
    void countDistinctOfTwoArgumentsIsRewrittenAfterTheDistinctExpansion() {
        String s = show("simplified", RulePlans.simplified(
                "select count(distinct a, b) from (select nullif(l_orderkey, 1) a, nullif(l_partkey, 1) b from lineitem)"));
        assertThat(s).doesNotContain("COUNT(DISTINCT").doesNotContain("COUNT($0, $1)")
                .contains("=[AND(IS NOT NULL($0), IS NOT NULL($1))]").contains("COUNT() FILTER $2");
    }
}
