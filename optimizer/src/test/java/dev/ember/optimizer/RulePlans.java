package dev.ember.optimizer;

import dev.ember.catalog.Catalog;
import dev.ember.optimizer.stats.EmberStatistics;
import dev.ember.plan.Analyzer;
import dev.ember.sql.EmberSqlParser;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;

import java.util.List;

/**
 * Plans for the rule tests: SQL analyzed over {@code tpch.tiny}, brought to the shape the rule
 * sees inside {@link LogicalOptimizer} by the phases that run before it, then one rule applied
 * alone. The stages reuse the optimizer's own rule lists, so a test sees what the rule sees.
 */
public final class RulePlans {
    private static final Analyzer ANALYZER = new Analyzer(new Catalog());

    private RulePlans() {
    }

    /** The plan as analyzed (subqueries still RexSubQuery), with Ember's statistics installed. */
    public static RelNode analyze(String sql) {
        Analyzer analyzer = ANALYZER;
        analyzer.catalog().use(List.of("tpch", "tiny"));
        RelNode rel = analyzer.analyze(EmberSqlParser.parseQuery(sql), sql).rel();
        EmberStatistics.install(rel.getCluster());
        rel.getCluster().getPlanner().setExecutor(EmberRexExecutor.INSTANCE);
        return rel;
    }

    /** Subqueries rewritten by Ember's semi/anti-join rule and Calcite's, then decorrelated. */
    public static RelNode decorrelated(String sql) {
        RelNode rel = analyze(sql);
        rel = LogicalOptimizer.hep(rel, LogicalOptimizer.SUBQUERY_PREPARE_RULES, HepMatchOrder.TOP_DOWN);
        rel = LogicalOptimizer.hep(rel, LogicalOptimizer.SUBQUERY_RULES, HepMatchOrder.TOP_DOWN);
        return org.apache.calcite.sql2rel.RelDecorrelator.decorrelateQuery(rel,
                org.apache.calcite.rel.core.RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null));
    }

    /** After the simplification phase, without its semi-join push-down step. */
    public static RelNode simplified(String sql) {
        RelNode rel = LogicalOptimizer.trim(decorrelated(sql));
        rel = LogicalOptimizer.hep(rel, LogicalOptimizer.WINDOW_RULES, HepMatchOrder.BOTTOM_UP);
        return LogicalOptimizer.hep(rel, LogicalOptimizer.SIMPLIFY_RULES, HepMatchOrder.BOTTOM_UP);
    }

    /** Inner joins collected into MultiJoins, as the join-order phase does before ordering. */
    public static RelNode multiJoined(String sql) {
        return LogicalOptimizer.hep(simplified(sql), LogicalOptimizer.JOIN_ORDER_RULES, HepMatchOrder.BOTTOM_UP);
    }

    /** Joins ordered (Ember's DP, then Calcite's for outer joins), before semi-join reduction. */
    public static RelNode joinsOrdered(String sql) {
        RelNode rel = LogicalOptimizer.hep(multiJoined(sql), List.of(dev.ember.optimizer.rules.JoinReorderRule.INSTANCE), HepMatchOrder.BOTTOM_UP);
        return LogicalOptimizer.hep(rel, List.of(CoreRules.MULTI_JOIN_OPTIMIZE), HepMatchOrder.BOTTOM_UP);
    }

    /** {@code rel} with only {@code rule} applied, to fixpoint. */
    public static RelNode apply(RelNode rel, RelOptRule rule, HepMatchOrder order) {
        return LogicalOptimizer.hep(rel, List.of(rule), order);
    }

    /** The plan as text, and printed, so that a test's output shows the rewrite. */
    public static String show(String label, RelNode rel) {
        String text = RelOptUtil.toString(rel);
        System.out.println("-- " + label + "\n" + text);
        return text;
    }

    /** How many times {@code needle} occurs in {@code text}. */
    public static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
