package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partitioned, immutable dataset defined by how to compute each partition from its parents:
 * the graph of Rdds and their dependencies is the lineage. SQL and DataFrame plans compile to
 * {@code Rdd<ColumnBatch>}; the typed API exposes {@code Rdd<T>} of user objects. Computing a
 * partition is a task; the scheduler splits the graph into stages at shuffle dependencies.
 */
public abstract class Rdd<T> {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private final int id = NEXT_ID.getAndIncrement();
    private volatile String name;

    public final int id() {
        return id;
    }

    public abstract int numPartitions();

    public abstract List<Dependency<?>> dependencies();

    /** Computes one partition from the parents' iterators. Called by {@link #iterator}. */
    protected abstract CloseableIterator<T> compute(int partition, TaskContext ctx);

    /**
     * The partition's data: from the block store when it is cached or checkpointed, else
     * computed (and stored, if this Rdd is persisted). Always call this, never {@code compute}.
     */
    public CloseableIterator<T> iterator(int partition, TaskContext ctx) {
        ctx.checkCancelled();
        return ctx.storage().iterator(this, partition, ctx);
    }

    /** Package-private bridge so storage can call {@link #compute}. */
    public final CloseableIterator<T> computeDirect(int partition, TaskContext ctx) {
        return compute(partition, ctx);
    }

    /** Executors where this partition's data already is (cached blocks), best first. */
    public List<Integer> preferredExecutors(int partition) {
        return List.of();
    }

    public String name() {
        return name != null ? name : getClass().getSimpleName();
    }

    public Rdd<T> setName(String name) {
        this.name = name;
        return this;
    }

    @Override
    public String toString() {
        return name() + "[" + id + "]";
    }
}
