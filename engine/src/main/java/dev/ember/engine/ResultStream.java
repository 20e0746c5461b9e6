package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.types.Schema;
import dev.ember.common.CancelledException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.common.ResourceException;
import dev.ember.common.config.EmberConf;
import dev.ember.optimizer.physical.PhysicalQuery;
import dev.ember.physical.exec.PlanCompiler;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.ProgressListener;
import org.apache.arrow.memory.OutOfMemoryException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A query's rows read while the query still runs, in partition order, with bounded memory.
 *
 * <p>{@link DataFrame#execute} returns once every partition is computed and held; a stream
 * returns at once and computes the result partitions in waves of as many partitions as the
 * cluster has task slots, at most one wave ahead of the reader (as Spark's
 * {@code toLocalIterator} with prefetch). The first rows are ready when the first wave is,
 * and a reader that stops early ({@link #close}) stops the query. Each partition's batches are
 * freed as soon as the reader has moved past them.
 *
 * <pre>{@code
 * try (ResultStream rows = ResultStream.open(session.sql("select * from tpch.sf1.lineitem"), ProgressListener.NONE)) {
 *     while (rows.hasNext()) {
 *         Row r = rows.next();
 *     }
 * }
 * }</pre>
 *
 * <p>A failure of the query is thrown (as an {@link dev.ember.common.EmberException}) by the
 * {@link #hasNext} that needs a partition the query could not compute; rows of the partitions
 * before it have been returned by then.
 */
public final class ResultStream implements Iterator<Row>, AutoCloseable {
    private final EmberSession session;
    private final PhysicalQuery plan;
    private final Schema schema;
    private final JobContext job;
    private final Object lock = new Object();
    private final Thread driver;

    // Guarded by lock.
    private int numPartitions = -1;
    private List<List<ColumnBatch>> delivered;
    private int nextPartition;
    private RuntimeException failure;
    private boolean computed;
    private boolean driverDone;
    private boolean closed;
    private boolean released;

    // Reader state (one reader thread).
    private List<ColumnBatch> current = List.of();
    private int batchIndex;
    private int rowIndex;
    private long rowsRead;

    private ResultStream(EmberSession session, QueryExecution execution, ProgressListener progress) {
        this.session = session;
        // Planning here, in the caller's thread: Calcite's metadata providers are per thread.
        try {
            this.plan = execution.physical();
        } catch (RuntimeException e) {
            throw QueryExecution.translate(e);
        }
        this.schema = execution.schema();
        this.job = new JobContext(session.confSnapshot(),
                session.allocator().newChildAllocator("query-stream", 0, Long.MAX_VALUE));
        job.setProgress(progress);
        this.driver = new Thread(this::drive, "ember-result-stream");
        driver.setDaemon(true);
    }

    /**
     * Plans the query of {@code df} (planning errors are thrown here), starts it and returns
     * without waiting for rows; the caller closes the stream.
     */
    public static ResultStream open(DataFrame df, ProgressListener progress) {
        if (df.isLocal()) {
            throw new IllegalStateException("command output has no query to run");
        }
        ResultStream s = new ResultStream(df.sparkSession(), df.queryExecution(), progress);
        s.session.register(s.job);
        s.driver.start();
        return s;
    }

    public Schema schema() {
        return schema;
    }

    /** The running query's context (its stages and metrics). */
    public JobContext job() {
        return job;
    }

    /** Rows returned by {@link #next} so far. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Blocks until the first partition's rows are ready or the query ended; throws its failure. */
    public void awaitFirstRows() {
        synchronized (lock) {
            while (!closed && failure == null && !firstRowsReady()) {
                waitOn();
            }
            if (failure != null && !firstRowsReady()) {
                throw failure;
            }
        }
    }

    private boolean firstRowsReady() {
        return numPartitions == 0 || (delivered != null && delivered.get(0) != null);
    }

    /** Stops the query; the reader's next {@link #hasNext} throws a cancellation. */
    public void cancel() {
        job.cancel();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public boolean hasNext() {
        while (true) {
            if (batchIndex < current.size()) {
                if (rowIndex < current.get(batchIndex).rowCount()) {
                    return true;
                }
                batchIndex++;
                rowIndex = 0;
                continue;
            }
            if (!nextPartition()) {
                return false;
            }
        }
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ColumnBatch b = current.get(batchIndex);
        Object[] values = new Object[schema.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = Values.get(b.vector(c), schema.type(c), rowIndex);
        }
        rowIndex++;
        rowsRead++;
        return new Row(schema, values);
    }

    /** Frees the partition just read and takes the next one; false at the end. */
    private boolean nextPartition() {
        List<ColumnBatch> done = current;
        current = List.of();
        batchIndex = 0;
        rowIndex = 0;
        done.forEach(ColumnBatch::close);
        synchronized (lock) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("result stream is closed");
                }
                if (numPartitions >= 0 && nextPartition >= numPartitions) {
                    return false;
                }
                if (delivered != null && delivered.get(nextPartition) != null) {
                    current = delivered.get(nextPartition);
                    delivered.set(nextPartition, List.of());
                    nextPartition++;
                    lock.notifyAll();
                    return true;
                }
                if (failure != null) {
                    throw failure;
                }
                if (job.isCancelled()) {
                    throw new CancelledException("query cancelled");
                }
                waitOn();
            }
        }
    }

    private void waitOn() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel();
            throw new CancelledException("interrupted while waiting for query results");
        }
    }

    /** The driver thread: compiles the plan, then runs the result partitions wave by wave. */
    private void drive() {
        try {
            LocalCluster cluster = session.cluster();
            Rdd<ColumnBatch> rdd = new PlanCompiler(cluster, job).compile(plan.root());
            // Runs the map stages first: the result's partition count is adaptive.
            cluster.scheduler().prepare(job, rdd);
            int n = rdd.numPartitions();
            synchronized (lock) {
                numPartitions = n;
                delivered = new ArrayList<>(java.util.Collections.nCopies(n, null));
                lock.notifyAll();
            }
            int wave = Math.max(1, job.conf().get(EmberConf.EXECUTOR_INSTANCES) * job.conf().get(EmberConf.EXECUTOR_CORES));
            for (int start = 0; start < n; start += wave) {
                synchronized (lock) {
                    // At most one wave computed ahead of the one being read.
                    while (!closed && !job.isCancelled() && nextPartition < start - wave) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                job.checkNotCancelled();
                int[] parts = new int[Math.min(wave, n - start)];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = start + i;
                }
                cluster.scheduler().runJob(job, rdd, parts, (ctx, it) -> {
                    List<ColumnBatch> out = new ArrayList<>();
                    try {
                        while (it.hasNext()) {
                            ColumnBatch b = it.next();
                            if (b.rowCount() > 0) {
                                out.add(b.copy(job.allocator()));
                            }
                            ctx.checkCancelled();
                        }
                    } catch (RuntimeException e) {
                        out.forEach(ColumnBatch::close);
                        throw e;
                    }
                    return out;
                }, this::deliver);
            }
            synchronized (lock) {
                computed = true;
                lock.notifyAll();
            }
        } catch (Throwable t) {
            RuntimeException f = failureOf(t);
            synchronized (lock) {
                failure = f;
                lock.notifyAll();
            }
        } finally {
            session.unregister(job);
            synchronized (lock) {
                driverDone = true;
                lock.notifyAll();
            }
            releaseIfDone();
        }
    }

    /**
     * The Ember error a failed run is reported as. Memory exhaustion anywhere in the chain wins
     * over the scheduler's "task failed N times" that wraps it: the cause is the memory limit.
     */
    private static RuntimeException failureOf(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof OutOfMemoryException || c instanceof OutOfMemoryError) {
                return new ResourceException(ErrorClass.MEMORY_LIMIT_EXCEEDED,
                        "the query needs more memory than ember.memory.limit allows: " + c.getMessage(), t);
            }
        }
        try {
            return QueryExecution.translate(t instanceof InterruptedException ? new CancelledException("interrupted") : t);
        } catch (Error e) {
            return new ExecutionException(ErrorClass.INTERNAL_ERROR, "query failed: " + e, e);
        }
    }

    private void deliver(int partition, List<ColumnBatch> batches) {
        synchronized (lock) {
            if (!closed && delivered.get(partition) == null) {
                delivered.set(partition, batches);
                lock.notifyAll();
                return;
            }
        }
        batches.forEach(ColumnBatch::close);
    }

    /**
     * Stops the query if it still runs and frees everything it holds. Returns once that is done:
     * a cancelled query's running tasks stop at their next batch, so this waits about a batch.
     */
    @Override
    public void close() {
        current.forEach(ColumnBatch::close);
        current = List.of();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (!computed && failure == null) {
                job.cancel();
            }
            lock.notifyAll();
        }
        if (Thread.currentThread() != driver) {
            boolean interrupted = false;
            while (driver.isAlive()) {
                try {
                    driver.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        releaseIfDone();
    }

    private void releaseIfDone() {
        List<ColumnBatch> left = new ArrayList<>();
        synchronized (lock) {
            if (!closed || !driverDone || released) {
                return;
            }
            released = true;
            if (delivered != null) {
                for (List<ColumnBatch> p : delivered) {
                    if (p != null) {
                        left.addAll(p);
                    }
                }
                delivered.clear();
            }
        }
        left.forEach(ColumnBatch::close);
        try {
            job.close();
        } catch (RuntimeException e) {
            // Buffers a failed or cancelled run left behind must not hide why it stopped.
            RuntimeException why;
            synchronized (lock) {
                why = failure;
            }
            if (why != null) {
                why.addSuppressed(e);
            } else if (Thread.currentThread() != driver) {
                throw e;
            }
        }
    }
}
