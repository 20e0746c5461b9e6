package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.exec.CachedSource;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.LocalCluster;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A query result written out by a checkpoint: an Rdd whose lineage ends at its Arrow IPC files,
 * read as a table. It does not depend on the cluster that wrote it (any executor reads the
 * files), and recovering one of its partitions reads one file.
 */
final class CheckpointedRelation implements CachedSource {
    private final String name;
    private final Schema schema;
    private final Rdd<ColumnBatch> rdd;
    private final long rows;

    CheckpointedRelation(String name, Schema schema, Rdd<ColumnBatch> rdd, long rows) {
        if (!rdd.isCheckpointed()) {
            throw new IllegalArgumentException(rdd + " is not checkpointed");
        }
        this.name = name;
        this.schema = schema;
        this.rdd = rdd;
        this.rows = rows;
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
        long bytes = 0;
        if (rdd.checkpointData() instanceof dev.ember.physical.rdd.CheckpointData.Written w) {
            for (var f : w.files()) {
                bytes += f.bytes();
            }
        }
        return TableStatistics.of(rows, bytes, true);
    }

    @Override
    public BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
        throw new IllegalStateException("checkpoint " + name + " is read through its Rdd, not opened");
    }

    @Override
    public Rdd<ColumnBatch> rdd(LocalCluster cluster) {
        return rdd;
    }
}
