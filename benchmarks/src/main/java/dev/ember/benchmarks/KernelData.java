package dev.ember.benchmarks;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.tpch.TpchData;
import dev.ember.columnar.tpch.TpchTableData;
import dev.ember.columnar.types.Schema;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel benchmarks run on: TPC-H tables generated in memory by Ember's own
 * {@code tpch} source (batches of 4096 rows, as scans hand them to operators), and a task
 * context to run operators in, as a task on an executor would.
 */
final class KernelData implements AutoCloseable {
    static final int BATCH = 4096;

    final BufferAllocator allocator;
    final JobContext job;
    final TaskContext task;

    KernelData() {
        ArrowRuntime.init();
        allocator = ArrowRuntime.newChild("jmh", Long.MAX_VALUE);
        job = new JobContext(new EmberConf(), allocator.newChildAllocator("job", 0, Long.MAX_VALUE));
        task = new TaskContext(job, 0, 0, 0, null, job.allocator().newChildAllocator("task", 0, Long.MAX_VALUE));
    }

    static TpchTableData table(String name, double sf) {
        return TpchData.table(name, sf);
    }

    /** Every batch of a generated table, in order. */
    static List<ColumnBatch> batches(TpchTableData t) {
        List<ColumnBatch> out = new ArrayList<>();
        t.partitions().forEach(out::addAll);
        return out;
    }

    /**
     * The batches narrowed to some columns, as a projection hands them on: views sharing the
     * table's vectors (never closed here, the table owns them).
     */
    static List<ColumnBatch> project(List<ColumnBatch> batches, Schema schema, String... columns) {
        int[] idx = indexes(schema, columns);
        List<ColumnBatch> out = new ArrayList<>(batches.size());
        for (ColumnBatch b : batches) {
            FieldVector[] v = new FieldVector[idx.length];
            for (int i = 0; i < idx.length; i++) {
                v[i] = b.vector(idx[i]);
            }
            out.add(new ColumnBatch(schema.project(idx), v, b.rowCount()));
        }
        return out;
    }

    static int[] indexes(Schema schema, String... columns) {
        int[] idx = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            idx[i] = schema.indexOf(columns[i]);
            if (idx[i] < 0) {
                throw new IllegalArgumentException("no column " + columns[i] + " in " + schema);
            }
        }
        return idx;
    }

    /** An iterator over batches that leaves them open when closed. */
    static CloseableIterator<ColumnBatch> borrow(List<ColumnBatch> batches) {
        return CloseableIterator.of(batches.iterator(), null);
    }

    static OperatorMetrics metrics() {
        return new OperatorMetrics("jmh");
    }

    static long rows(List<ColumnBatch> batches) {
        long n = 0;
        for (ColumnBatch b : batches) {
            n += b.rowCount();
        }
        return n;
    }

    @Override
    public void close() {
        task.allocator().close();
        job.close();
        allocator.close();
    }
}
