package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.RddSource;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;

/**
 * A DataFrame's rows coming from an Rdd of batches ({@code createDataFrame(rdd, schema)}). The
 * Rdd is computed inside the tasks of whatever query reads it, as part of its stage. Its size
 * is unknown, so it is estimated large: never broadcast unless hinted.
 */
final class RddBatchSource implements RddSource {
    /** What an Rdd of unknown size is assumed to hold: big enough never to be broadcast by estimate. */
    static final TableStatistics UNKNOWN = TableStatistics.of(1e7, 1L << 40, false);

    private final String name;
    private final Schema schema;
    private final Rdd<ColumnBatch> rdd;

    RddBatchSource(String name, Schema schema, Rdd<ColumnBatch> rdd) {
        this.name = name;
        this.schema = schema;
        this.rdd = rdd;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public int numPartitions() {
        return rdd.numPartitions();
    }

    @Override
    public TableStatistics statistics() {
        return UNKNOWN;
    }

    @Override
    public Rdd<ColumnBatch> rdd(LocalCluster cluster, JobContext job) {
        return rdd;
    }
}
