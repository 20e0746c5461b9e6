package dev.ember.optimizer.rules;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a projection holding several quantified subqueries ({@code x > ALL (...)},
 * {@code x = ANY (...)}, which Calcite keeps as {@code SOME}) so that each projection holds one.
 *
 * <p>Why: Calcite's SubQueryRemoveRule (1.42) rewrites a SOME subquery into a cross join with
 * an aggregate it names {@code q} and reads that aggregate's fields by that name. With a second
 * SOME over the same projection's input, the name finds the first aggregate, so the second
 * comparison reads the first subquery's counts (measured: {@code dept <> SOME (...)} came out
 * NULL instead of true). One subquery per projection gives each rewrite a fresh name scope.
 * The inner projection passes its input through and adds the first subquery's value; the
 * outer one reads it by position. The simplification phase merges the projections again.
 */
public final class OneQuantifiedSubqueryPerProjectRule extends RelOptRule {
    public static final OneQuantifiedSubqueryPerProjectRule INSTANCE = new OneQuantifiedSubqueryPerProjectRule();

    private OneQuantifiedSubqueryPerProjectRule() {
        super(operand(Project.class, any()), "OneQuantifiedSubqueryPerProject");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Project project = call.rel(0);
        List<RexSubQuery> quantified = quantified(project.getProjects());
        if (quantified.size() < 2) {
            return;
        }
        RexSubQuery first = quantified.get(0);
        RexBuilder rb = project.getCluster().getRexBuilder();
        int width = project.getInput().getRowType().getFieldCount();
        List<RexNode> innerExprs = new ArrayList<>(width + 1);
        List<String> innerNames = new ArrayList<>(width + 1);
        for (int i = 0; i < width; i++) {
            innerExprs.add(rb.makeInputRef(project.getInput(), i));
            innerNames.add(project.getInput().getRowType().getFieldNames().get(i));
        }
        innerExprs.add(first);
        innerNames.add("$quantified");
        LogicalProject inner = LogicalProject.create(project.getInput(), List.of(), innerExprs, innerNames,
                project.getVariablesSet());
        RexInputRef value = new RexInputRef(width, first.getType());
        RexShuttle replace = new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                return subQuery.equals(first) ? value : subQuery;
            }
        };
        List<RexNode> outerExprs = new ArrayList<>();
        for (RexNode e : project.getProjects()) {
            outerExprs.add(e.accept(replace));
        }
        call.transformTo(LogicalProject.create(inner, project.getHints(), outerExprs,
                project.getRowType().getFieldNames(), project.getVariablesSet()));
    }

    /** The distinct SOME subqueries in the expressions, in order of appearance. */
    private static List<RexSubQuery> quantified(List<RexNode> exprs) {
        Set<RexSubQuery> found = new LinkedHashSet<>();
        RexVisitorImpl<Void> v = new RexVisitorImpl<>(true) {
            @Override
            public Void visitSubQuery(RexSubQuery subQuery) {
                if (subQuery.getKind() == SqlKind.SOME) {
                    found.add(subQuery);
                }
                return null;
            }
        };
        for (RexNode e : exprs) {
            e.accept(v);
        }
        return new ArrayList<>(found);
    }
}
