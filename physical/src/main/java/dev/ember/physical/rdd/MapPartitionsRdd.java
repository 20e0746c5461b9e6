package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

import java.util.List;

/**
 * A narrow transformation of each partition of its parent. For SQL plans the function is a
 * fused pipeline of operators (filter, project, partial aggregation, join probe, limit), so a
 * stage runs as one task per partition with nothing materialized in between.
 */
public final class MapPartitionsRdd<T, U> extends Rdd<U> {

    /** Transforms one partition's iterator. */
    @FunctionalInterface
    public interface PartitionFunction<T, U> extends java.io.Serializable {
        CloseableIterator<U> apply(TaskContext ctx, int partition, CloseableIterator<T> input);
    }

    private final Rdd<T> parent;
    private final PartitionFunction<T, U> fn;
    private final boolean preservesPartitioning;

    public MapPartitionsRdd(Rdd<T> parent, PartitionFunction<T, U> fn, boolean preservesPartitioning) {
        this.parent = parent;
        this.fn = fn;
        this.preservesPartitioning = preservesPartitioning;
    }

    public Rdd<T> parent() {
        return parent;
    }

    public boolean preservesPartitioning() {
        return preservesPartitioning;
    }

    @Override
    public int numPartitions() {
        return parent.numPartitions();
    }

    @Override
    public List<Dependency<?>> dependencies() {
        return List.of(NarrowDependency.oneToOne(parent));
    }

    @Override
    protected CloseableIterator<U> compute(int partition, TaskContext ctx) {
        CloseableIterator<T> in = parent.iterator(partition, ctx);
        try {
            return fn.apply(ctx, partition, in);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public List<Integer> preferredExecutors(int partition) {
        return parent.preferredExecutors(partition);
    }
}
