package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.engine.rdd.JavaRdd;
import dev.ember.physical.exec.PlanCompiler;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;

/**
 * DataFrames as Rdds: the query is planned and compiled now, into a job context of its own that
 * keeps what the compiled graph needs (broadcast data collected while compiling, its shuffles)
 * for as long as the Rdd is reachable, and at most until the session closes.
 */
final class DataFrameRdds {
    private DataFrameRdds() {
    }

    static Rdd<ColumnBatch> batches(DataFrame df) {
        EmberSession session = df.sparkSession();
        QueryExecution qe = df.queryExecution();
        if (qe == null) {
            return batches(session.createDataFrame(df.collectAsList(), df.schema()));
        }
        LocalCluster cluster = session.cluster();
        JobContext job = new JobContext(session.confSnapshot(),
                session.allocator().newChildAllocator("dataframe-rdd", 0, Long.MAX_VALUE));
        try {
            Rdd<ColumnBatch> rdd = new PlanCompiler(cluster, job).compile(qe.physical().root());
            session.apiResources().register(rdd, job);
            return rdd;
        } catch (RuntimeException e) {
            job.close();
            throw QueryExecution.translate(e);
        }
    }

    static JavaRdd<Row> rows(DataFrame df) {
        Schema schema = df.schema();
        Rdd<ColumnBatch> b = batches(df);
        Rdd<Row> rows = new MapPartitionsRdd<>(b, (ctx, p, in) -> RowIterators.rows(in, schema), false).setName("ToRows");
        return JavaRdd.fromRdd(df.sparkSession(), rows);
    }
}
