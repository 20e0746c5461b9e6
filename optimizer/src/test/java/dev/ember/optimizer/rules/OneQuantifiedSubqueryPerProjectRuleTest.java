package dev.ember.optimizer.rules;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

import static dev.ember.optimizer.RulePlans.count;
import static dev.ember.optimizer.RulePlans.show;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OneQuantifiedSubqueryPerProjectRule}: a projection with two quantified subqueries
 * becomes two projections with one each, so that Calcite's removal of each reads its own
 * aggregate; after decorrelation no subquery and no Correlate is left.
 */
class OneQuantifiedSubqueryPerProjectRuleTest {
    private static final String TWO = "select n_nationkey, "
            + "n_regionkey = all (select r_regionkey from region where r_name = 'ASIA'), "
            + "n_regionkey <> some (select r_regionkey from region where r_name like 'A%') from nation";

    @Test
    void splitsTwoQuantifiedSubqueriesIntoTwoProjections() {
        RelNode before = RulePlans.analyze(TWO);
        String b = show("before", before);
        assertThat(count(b, "SOME(")).isEqualTo(2);
        assertThat(count(b, "LogicalProject(n_nationkey")).isEqualTo(1);
        String a = show("after OneQuantifiedSubqueryPerProject",
                RulePlans.apply(before, OneQuantifiedSubqueryPerProjectRule.INSTANCE, HepMatchOrder.TOP_DOWN));
        // The inner projection passes nation through and adds the first subquery's value ($4);
        // the outer one reads it by position and keeps the second subquery.
        assertThat(a).contains("LogicalProject(n_nationkey=[$0], n_name=[$1], n_regionkey=[$2], n_comment=[$3], $quantified=[<> SOME($2");
        assertThat(a).contains("=[NOT($4)]");
        assertThat(count(a, "SOME(")).isEqualTo(2);
    }

    @Test
    void eachComparisonReadsItsOwnAggregateAndNoCorrelateSurvives() {
        String d = show("decorrelated", RulePlans.decorrelated(TWO));
        assertThat(d).doesNotContain("SOME(").doesNotContain("Correlate");
        // Two aggregates (c, d, m), one per subquery, each read by its own comparison: nation's
        // four fields, the inner projection's $4, then the first aggregate at $4..$6 below and
        // the second at $5..$7 above.
        assertThat(count(d, "c=[COUNT()]")).isEqualTo(2);
        assertThat(d).contains("$quantified=[CAST(OR(AND(<>($5, $4), <=($5, 1), OR(<>($2, $6), null)");
        assertThat(d).contains("=[CAST(OR(AND(<>($6, $5), <=($6, 1), OR(<>($2, $7), null)");
    }

    @Test
    void leavesASingleQuantifiedSubqueryAlone() {
        RelNode before = RulePlans.analyze("select n_nationkey, n_regionkey > all (select r_regionkey from region) from nation");
        RelNode after = RulePlans.apply(before, OneQuantifiedSubqueryPerProjectRule.INSTANCE, HepMatchOrder.TOP_DOWN);
        assertThat(show("after", after)).isEqualTo(show("before", before));
    }
}
