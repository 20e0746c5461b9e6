package dev.ember.physical.scheduler;

import dev.ember.common.CancelledException;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.rdd.PartitionStorage;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * What a running task knows: which partition of which stage it computes, on which executor,
 * the memory it may allocate from, its job (settings, cancellation) and its metrics.
 */
public final class TaskContext {
    private final JobContext job;
    private final int stageId;
    private final int partition;
    private final int attempt;
    private final Executor executor;
    private final BufferAllocator allocator;
    private final TaskMetrics metrics = new TaskMetrics();
    private final List<Runnable> completionListeners = new ArrayList<>();
    private volatile boolean killed;

    public TaskContext(JobContext job, int stageId, int partition, int attempt, Executor executor,
                       BufferAllocator allocator) {
        this.job = job;
        this.stageId = stageId;
        this.partition = partition;
        this.attempt = attempt;
        this.executor = executor;
        this.allocator = allocator;
    }

    public JobContext job() {
        return job;
    }

    public EmberConf conf() {
        return job.conf();
    }

    public int stageId() {
        return stageId;
    }

    public int partition() {
        return partition;
    }

    public int attempt() {
        return attempt;
    }

    public Executor executor() {
        return executor;
    }

    public PartitionStorage storage() {
        return executor.storage();
    }

    /** The task's own allocator: freed, with everything left in it, when the task ends. */
    public BufferAllocator allocator() {
        return allocator;
    }

    public TaskMetrics metrics() {
        return metrics;
    }

    public boolean isCancelled() {
        return job.isCancelled() || killed;
    }

    /** Stops this attempt at its next check: another copy of the task finished first (speculation). */
    void kill() {
        killed = true;
    }

    /** Throws if the job was cancelled or this attempt killed; operators call it once per batch. */
    public void checkCancelled() {
        if (job.isCancelled()) {
            throw new CancelledException("query cancelled");
        }
        if (killed) {
            throw new CancelledException("task attempt killed: another copy of it finished first");
        }
    }

    /** Runs when the task ends, successfully or not (releases held resources). */
    public void onCompletion(Runnable r) {
        completionListeners.add(r);
    }

    void complete() {
        RuntimeException first = null;
        for (int i = completionListeners.size() - 1; i >= 0; i--) {
            try {
                completionListeners.get(i).run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        completionListeners.clear();
        if (first != null) {
            throw first;
        }
    }
}
