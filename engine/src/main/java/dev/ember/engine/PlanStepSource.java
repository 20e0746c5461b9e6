package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.exec.PlanCompiler;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.RddSource;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;

/**
 * A step the SQL planner has no operator for (sample, repartition, coalesce), run on the Rdd of
 * the plan below it. The plan below is optimized and planned on its own, and compiled into the
 * job that reads this source (its shuffles and broadcast data live and die with that job); the
 * step wraps the compiled Rdd. A boundary for the optimizer: nothing moves across it.
 */
final class PlanStepSource implements RddSource {
    /** Wraps the compiled Rdd of the plan below. */
    @FunctionalInterface
    interface Step {
        Rdd<ColumnBatch> apply(Rdd<ColumnBatch> input, LocalCluster cluster, JobContext job);
    }

    private final EmberSession session;
    private final Plan input;
    private final String name;
    private final int partitions;
    private final Step step;
    private final TableStatistics statistics;

    PlanStepSource(EmberSession session, Plan input, String name, int partitions, Step step, double rowFraction) {
        this.session = session;
        this.input = input;
        this.name = name;
        this.partitions = partitions;
        this.step = step;
        this.statistics = estimate(input, rowFraction);
    }

    private TableStatistics estimate(Plan plan, double fraction) {
        try {
            var rel = PlanCopier.copy(plan.rel(), session.analyzer().newCluster());
            var mq = rel.getCluster().getMetadataQuery();
            Double rows = mq.getRowCount(rel);
            Double width = mq.getAverageRowSize(rel);
            double r = (rows == null ? 1e6 : rows) * fraction;
            double w = width == null ? 8.0 * plan.size() : width;
            return TableStatistics.of(r, (long) Math.min(Long.MAX_VALUE / 2, r * w), false);
        } catch (RuntimeException e) {
            return RddBatchSource.UNKNOWN;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public TableStatistics statistics() {
        return statistics;
    }

    @Override
    public Rdd<ColumnBatch> rdd(LocalCluster cluster, JobContext job) {
        QueryExecution below = new QueryExecution(session, PlanCopier.copy(input.rel(), session.analyzer().newCluster()),
                input.schema());
        Rdd<ColumnBatch> compiled = new PlanCompiler(cluster, job).compile(below.physical().root());
        return step.apply(compiled, cluster, job);
    }
}
