package dev.ember.physical.scheduler;

import dev.ember.physical.shuffle.ShuffleBlock;
import dev.ember.physical.storage.BlockManagerMaster;
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
    private final BlockManagerMaster blockManagerMaster;
    private volatile double storageFraction = 0.5;

    public LocalCluster(int executorCount, int coresPerExecutor, BufferAllocator allocator) {
        this.allocator = allocator;
        this.blockManagerMaster = new BlockManagerMaster(
                () -> (long) (Math.min(allocator.getLimit(), Long.MAX_VALUE / 2) * storageFraction));
        for (int i = 0; i < executorCount; i++) {
            Executor e = new Executor(i, coresPerExecutor, allocator);
            e.setStorage(blockManagerMaster.register(i, e.allocator()));
            executors.add(e);
        }
        this.scheduler = new DagScheduler(this);
    }

    /** Where every cached partition is, and the storage memory budget. */
    public BlockManagerMaster blockManagerMaster() {
        return blockManagerMaster;
    }

    /** The share of the session's memory limit cached blocks may hold ({@code ember.storage.memoryFraction}). */
    public void setStorageFraction(double fraction) {
        this.storageFraction = fraction;
    }

    /** What losing an executor took: cached blocks, map outputs per shuffle, and the detached shuffle data. */
    public record ExecutorLoss(int cachedBlocks, java.util.Map<Integer, Integer> mapOutputsByShuffle,
                               List<ShuffleBlock[]> shuffleBlocks) {
    }

    /**
     * Loses an executor as a crash would: its cached blocks and shuffle outputs are gone (the
     * driver forgets them, so readers see fetch failures and misses), and a fresh executor with
     * empty stores takes its place. The shuffle data is handed back, not freed, because tasks may
     * still be reading blocks they fetched before the loss.
     */
    public ExecutorLoss loseExecutor(int executorId) {
        Executor e = executor(executorId);
        java.util.Map<Integer, Integer> outputs = mapOutputs.removeOutputsOn(executorId);
        List<ShuffleBlock[]> detached = e.shuffleStore().detachAll();
        int blocks = blockManagerMaster.loseExecutor(executorId);
        return new ExecutorLoss(blocks, outputs, detached);
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
