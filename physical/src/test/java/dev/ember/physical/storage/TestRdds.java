package dev.ember.physical.storage;

import dev.ember.columnar.BatchBuilder;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.Dependency;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.vector.BigIntVector;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/** Small Rdds that count how often each partition is computed, and a job runner summing column 0. */
final class TestRdds {
    static final Schema SCHEMA = new Schema(List.of(Field.of("k", DataType.BIGINT), Field.of("v", DataType.BIGINT)));

    private TestRdds() {
    }

    /** Partition p holds rows (p*rows + i, i % 7) for i in [0, rows). */
    static final class CountingSource extends Rdd<ColumnBatch> {
        final int partitions;
        final int rows;
        final AtomicIntegerArray computes;

        CountingSource(int partitions, int rows) {
            this.partitions = partitions;
            this.rows = rows;
            this.computes = new AtomicIntegerArray(partitions);
            setName("CountingSource");
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public List<Dependency<?>> dependencies() {
            return List.of();
        }

        @Override
        protected CloseableIterator<ColumnBatch> compute(int partition, TaskContext ctx) {
            computes.incrementAndGet(partition);
            ColumnBatch b;
            try (BatchBuilder bb = new BatchBuilder(SCHEMA, ctx.allocator(), rows)) {
                for (int i = 0; i < rows; i++) {
                    bb.appendRow((long) partition * rows + i, (long) (i % 7));
                }
                b = bb.build();
            }
            return CloseableIterator.of(List.of(b).iterator(), b::close);
        }

        int totalComputes() {
            int t = 0;
            for (int i = 0; i < partitions; i++) {
                t += computes.get(i);
            }
            return t;
        }
    }

    /** Sum of column 0 over all rows, the expected answer of {@link CountingSource}. */
    static long expectedSum(int partitions, int rows) {
        long n = (long) partitions * rows;
        return n * (n - 1) / 2;
    }

    static JobContext job(LocalCluster cluster, EmberConf conf) {
        return new JobContext(conf, cluster.allocator().newChildAllocator("job", 0, Long.MAX_VALUE));
    }

    /** Runs a job summing column 0 of every batch. */
    static long sum(LocalCluster cluster, JobContext job, Rdd<ColumnBatch> rdd) {
        AtomicLong total = new AtomicLong();
        cluster.scheduler().runJob(job, rdd, (ctx, it) -> {
            long s = 0;
            while (it.hasNext()) {
                ColumnBatch b = it.next();
                BigIntVector v = (BigIntVector) b.vector(0);
                for (int i = 0; i < b.rowCount(); i++) {
                    s += v.get(i);
                }
            }
            return s;
        }, (p, s) -> total.addAndGet(s));
        return total.get();
    }
}
