package dev.ember.optimizer;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the logical phases, each a {@link HepProgram} (or Calcite's decorrelator / field
 * trimmer) to fixpoint, and keeps the plan after every phase for EXPLAIN.
 */
public final class LogicalOptimizer {

    /** The plan after each phase, in order, with the time each took. */
    public record Trace(RelNode input, Map<Phase, RelNode> after, Map<Phase, Long> nanos) {
        public RelNode result() {
            RelNode last = input;
            for (RelNode r : after.values()) {
                last = r;
            }
            return last;
        }
    }

    /** Ember's rewrites that run before Calcite's subquery removal. */
    static final List<RelOptRule> SUBQUERY_PREPARE_RULES = List.of(
            dev.ember.optimizer.rules.SubqueryToSemiAntiJoinRule.INSTANCE,
            dev.ember.optimizer.rules.OneQuantifiedSubqueryPerProjectRule.INSTANCE);

    static final List<RelOptRule> SUBQUERY_RULES = List.of(
            CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
            CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
            CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);

    static final List<RelOptRule> WINDOW_RULES = List.of(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW);

    static final List<RelOptRule> SIMPLIFY_RULES = List.of(
            dev.ember.optimizer.rules.PullCommonFactorsRule.FILTER,
            dev.ember.optimizer.rules.PullCommonFactorsRule.JOIN,
            CoreRules.FILTER_REDUCE_EXPRESSIONS,
            CoreRules.PROJECT_REDUCE_EXPRESSIONS,
            CoreRules.JOIN_REDUCE_EXPRESSIONS,
            CoreRules.FILTER_MERGE,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE,
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.JOIN_CONDITION_PUSH,
            CoreRules.FILTER_AGGREGATE_TRANSPOSE,
            CoreRules.FILTER_SET_OP_TRANSPOSE,
            CoreRules.AGGREGATE_PROJECT_MERGE,
            CoreRules.AGGREGATE_REMOVE,
            CoreRules.UNION_TO_DISTINCT,
            CoreRules.INTERSECT_TO_DISTINCT,
            CoreRules.MINUS_TO_DISTINCT,
            CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES,
            dev.ember.optimizer.rules.MultiArgumentCountRule.INSTANCE,
            CoreRules.AGGREGATE_GROUPING_SETS_TO_UNION,
            CoreRules.SORT_REMOVE,
            CoreRules.JOIN_PUSH_EXPRESSIONS,
            AggregateReduceFunctionsRule.Config.DEFAULT
                    .withFunctionsToReduce(EnumSet.of(SqlKind.STDDEV_POP, SqlKind.STDDEV_SAMP, SqlKind.VAR_POP, SqlKind.VAR_SAMP))
                    .toRule());

    /**
     * Run once, before simplification: from an OR over several tables, derive a redundant OR per
     * table ({@code (n1 = 'FRANCE' AND n2 = 'GERMANY') OR (n1 = 'GERMANY' AND n2 = 'FRANCE')} gives
     * {@code n1 IN ('FRANCE', 'GERMANY')} and the same for n2) that simplification then pushes into
     * each scan, as Spark's predicate pushdown through CNF does (TPC-H Q7, Q19). Not part of the
     * simplify fixpoint: the original OR stays, and re-deriving after each push would never settle.
     */
    static final List<RelOptRule> DISJUNCTION_RULES = List.of(
            CoreRules.EXPAND_FILTER_DISJUNCTION_GLOBAL,
            CoreRules.EXPAND_JOIN_DISJUNCTION_GLOBAL);

    /** Semi joins (from IN / EXISTS) move down toward their keys' input where that pays; after simplification settled. */
    static final List<RelOptRule> SEMI_JOIN_RULES = List.of(
            dev.ember.optimizer.rules.SemiJoinPushDownRule.INSTANCE,
            CoreRules.SEMI_JOIN_PROJECT_TRANSPOSE);

    /** Projections pushed under filters so that each scan reads only the columns used above it. */
    static final List<RelOptRule> PRUNE_RULES = List.of(
            CoreRules.PROJECT_FILTER_TRANSPOSE,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE);

    static final List<RelOptRule> JOIN_ORDER_RULES = List.of(
            CoreRules.JOIN_TO_MULTI_JOIN,
            CoreRules.PROJECT_MULTI_JOIN_MERGE,
            CoreRules.FILTER_MULTI_JOIN_MERGE);

    public Trace optimize(RelNode rel) {
        dev.ember.optimizer.stats.EmberStatistics.install(rel.getCluster());
        // Reduce rules fold constants with the engine's kernels, so folding never changes a result.
        rel.getCluster().getPlanner().setExecutor(EmberRexExecutor.INSTANCE);
        Map<Phase, RelNode> after = new LinkedHashMap<>();
        Map<Phase, Long> nanos = new LinkedHashMap<>();
        RelNode cur = rel;
        cur = timed(Phase.SUBQUERY, after, nanos, cur, r -> hep(hep(r, SUBQUERY_PREPARE_RULES, HepMatchOrder.TOP_DOWN),
                SUBQUERY_RULES, HepMatchOrder.TOP_DOWN));
        cur = timed(Phase.DECORRELATE, after, nanos, cur, this::decorrelate);
        // Window functions (RexOver in a projection) get their own Window node first, so that
        // projection rules never move or merge them.
        cur = timed(Phase.SIMPLIFY, after, nanos, cur, r -> hep(hep(hep(hep(trim(r), WINDOW_RULES, HepMatchOrder.BOTTOM_UP),
                DISJUNCTION_RULES, HepMatchOrder.BOTTOM_UP),
                SIMPLIFY_RULES, HepMatchOrder.BOTTOM_UP),
                SEMI_JOIN_RULES, HepMatchOrder.TOP_DOWN));
        cur = timed(Phase.JOIN_ORDER, after, nanos, cur, this::joinOrder);
        cur = timed(Phase.PRUNE, after, nanos, cur, r -> hep(trim(r), PRUNE_RULES, HepMatchOrder.BOTTOM_UP));
        return new Trace(rel, after, nanos);
    }

    private static RelNode timed(Phase phase, Map<Phase, RelNode> after, Map<Phase, Long> nanos, RelNode in,
                                 java.util.function.UnaryOperator<RelNode> step) {
        long start = System.nanoTime();
        RelNode out = step.apply(in);
        nanos.put(phase, System.nanoTime() - start);
        after.put(phase, out);
        return out;
    }

    static RelNode hep(RelNode rel, List<RelOptRule> rules, HepMatchOrder order) {
        HepProgramBuilder b = HepProgram.builder().addMatchOrder(order).addMatchLimit(20_000);
        b.addRuleCollection(new ArrayList<>(rules));
        HepPlanner planner = new HepPlanner(b.build());
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    private static RelBuilder builder(RelOptCluster cluster) {
        return RelFactories.LOGICAL_BUILDER.create(cluster, null);
    }

    private RelNode decorrelate(RelNode rel) {
        RelNode out = RelDecorrelator.decorrelateQuery(rel, builder(rel.getCluster()));
        if (containsCorrelate(out)) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                    "a correlated subquery in this query could not be turned into a join");
        }
        return out;
    }

    static boolean containsCorrelate(RelNode rel) {
        if (rel instanceof org.apache.calcite.rel.core.Correlate) {
            return true;
        }
        for (RelNode in : rel.getInputs()) {
            if (containsCorrelate(in)) {
                return true;
            }
        }
        return false;
    }

    static RelNode trim(RelNode rel) {
        return new RelFieldTrimmer(null, builder(rel.getCluster())).trim(rel);
    }

    private RelNode joinOrder(RelNode rel) {
        RelNode multi = hep(rel, JOIN_ORDER_RULES, HepMatchOrder.BOTTOM_UP);
        // Ember's DP ordering for inner multi-joins; Calcite's heuristic for the rest (outer joins).
        RelNode ordered = hep(multi, List.of(dev.ember.optimizer.rules.JoinReorderRule.INSTANCE), HepMatchOrder.BOTTOM_UP);
        RelNode joins = hep(ordered, List.of(CoreRules.MULTI_JOIN_OPTIMIZE), HepMatchOrder.BOTTOM_UP);
        // With the joins in place, aggregates joined with small inputs are reduced by semi joins first.
        return hep(joins, List.of(dev.ember.optimizer.rules.AggregateSemiJoinReductionRule.INSTANCE), HepMatchOrder.TOP_DOWN);
    }
}
