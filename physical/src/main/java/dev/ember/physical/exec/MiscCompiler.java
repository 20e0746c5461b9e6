package dev.ember.physical.exec;

import dev.ember.physical.expr.ExprCompiler;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.ops.ExpandOp;
import dev.ember.physical.ops.WindowOp;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.physical.scheduler.OperatorMetrics;

import java.util.List;

/** Compiles the less common operators: Expand (grouping sets) and Window. */
final class MiscCompiler {
    private MiscCompiler() {
    }

    static PlanCompiler.Pipeline expand(PlanCompiler pc, PhysicalPlan.Expand x) {
        OperatorMetrics m = pc.metrics(x);
        return pc.pipeline(x.child()).then((ctx, in) -> {
            List<VectorExpr[]> ps = x.projections().stream()
                    .map(p -> p.stream().map(ExprCompiler::compile).toArray(VectorExpr[]::new)).toList();
            return new ExpandOp(in, ps, x.schema(), ctx, m);
        }, "Expand");
    }

    static PlanCompiler.Pipeline window(PlanCompiler pc, PhysicalPlan.Window w) {
        OperatorMetrics m = pc.metrics(w);
        int batchSize = pc.batchSize();
        return pc.pipeline(w.child()).then((ctx, in) -> new WindowOp(in, w.child().schema(), w.partitionKeys(), w.orderKeys(),
                w.functions(), w.schema(), ctx, m, batchSize), "Window");
    }
}
