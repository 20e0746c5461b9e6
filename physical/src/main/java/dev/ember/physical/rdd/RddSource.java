package dev.ember.physical.rdd;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A table whose partitions are an Rdd of batches: a DataFrame made from an Rdd, or a plan cut
 * where the engine runs a step the SQL planner has no operator for (sample, repartition). The
 * plan compiler reads it through {@link #rdd}, built for the job that reads it (so anything the
 * Rdd needs, such as shuffles and broadcast data, lives and dies with that job), never through
 * {@link #open}.
 */
public interface RddSource extends TableSource {

    /** The partitions, for a job of {@code cluster}; {@link #numPartitions()} of them. */
    Rdd<ColumnBatch> rdd(LocalCluster cluster, JobContext job);

    @Override
    default BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
        throw new UnsupportedOperationException(name() + " is computed as an Rdd, not opened");
    }

    /** The Rdd of {@code source} reduced to {@code columns} (indices into its schema), as a scan reads it. */
    static Rdd<ColumnBatch> scan(RddSource source, int[] columns, LocalCluster cluster, JobContext job) {
        Rdd<ColumnBatch> rdd = source.rdd(cluster, job);
        Schema full = source.schema();
        boolean all = columns.length == full.size();
        for (int i = 0; all && i < columns.length; i++) {
            all = columns[i] == i;
        }
        if (all) {
            return rdd;
        }
        Schema projected = full.project(columns);
        MapPartitionsRdd<ColumnBatch, ColumnBatch> out = new MapPartitionsRdd<>(rdd, (ctx, p, in) -> new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public ColumnBatch next() {
                ColumnBatch b = in.next();
                if (columns.length == 0) {
                    return ColumnBatch.ofRows(b.rowCount());
                }
                FieldVector[] vs = new FieldVector[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    vs[i] = b.vector(columns[i]);
                }
                // A view of the borrowed batch: valid as long as it is, never closed here.
                return new ColumnBatch(projected, vs, b.rowCount());
            }

            @Override
            public void close() {
                in.close();
            }
        }, true);
        out.setName("Scan " + source.name());
        return out;
    }
}
