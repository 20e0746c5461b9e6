package dev.ember.physical.scheduler;

import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Local mode made real: a driver (the calling thread and the scheduler) and N executors, each
 * with its own task slots and stores.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<Executor> executors = new ArrayList<>();
    private final MapOutputTracker mapOutputs = new MapOutputTracker();
    private final DagScheduler scheduler;
    private final BufferAllocator allocator;

    public LocalCluster(int executorCount, int coresPerExecutor, BufferAllocator allocator) {
        this.allocator = allocator;
        for (int i = 0; i < executorCount; i++) {
            executors.add(new Executor(i, coresPerExecutor, allocator));
        }
        this.scheduler = new DagScheduler(this);
    }

    public List<Executor> executors() {
        return executors;
    }

    public Executor executor(int id) {
        return executors.get(id);
    }

    public MapOutputTracker mapOutputs() {
        return mapOutputs;
    }

    public DagScheduler scheduler() {
        return scheduler;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** Total task slots: the default parallelism. */
    public int defaultParallelism() {
        return executors.size();
    }

    /** The least loaded executor not in {@code excluded}, preferring those in {@code preferred}. */
    Executor pick(Collection<Integer> preferred, Collection<Integer> excluded) {
        for (int p : preferred) {
            if (!excluded.contains(p) && p < executors.size()) {
                return executors.get(p);
            }
        }
        Executor best = null;
        for (Executor e : executors) {
            if (excluded.contains(e.id()) && excluded.size() < executors.size()) {
                continue;
            }
            if (best == null || e.queued().get() < best.queued().get()) {
                best = e;
            }
        }
        return best;
    }

    /** Drops a shuffle's outputs everywhere (its query ended). */
    public void removeShuffle(int shuffleId) {
        for (Executor e : executors) {
            e.shuffleStore().removeShuffle(shuffleId);
        }
        mapOutputs.removeShuffle(shuffleId);
        scheduler.forgetShuffle(shuffleId);
    }

    @Override
    public void close() {
        for (Executor e : executors) {
            e.close();
        }
    }
}
