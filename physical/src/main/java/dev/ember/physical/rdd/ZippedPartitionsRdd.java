package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

import java.util.List;

/**
 * Partition i combines partition i of two co-partitioned parents (a shuffle hash join: both
 * sides hashed on the join keys into the same number of partitions).
 */
public final class ZippedPartitionsRdd<A, B, U> extends Rdd<U> {

    @FunctionalInterface
    public interface ZipFunction<A, B, U> {
        CloseableIterator<U> apply(TaskContext ctx, int partition, CloseableIterator<A> left, CloseableIterator<B> right);
    }

    private final Rdd<A> left;
    private final Rdd<B> right;
    private final ZipFunction<A, B, U> fn;

    public ZippedPartitionsRdd(Rdd<A> left, Rdd<B> right, ZipFunction<A, B, U> fn) {
        if (left.numPartitions() != right.numPartitions()) {
            throw new IllegalArgumentException("zipped Rdds differ in partitions: " + left.numPartitions()
                    + " and " + right.numPartitions());
        }
        this.left = left;
        this.right = right;
        this.fn = fn;
    }

    @Override
    public int numPartitions() {
        return left.numPartitions();
    }

    @Override
    public List<Dependency<?>> dependencies() {
        return List.of(NarrowDependency.oneToOne(left), NarrowDependency.oneToOne(right));
    }

    @Override
    protected CloseableIterator<U> compute(int partition, TaskContext ctx) {
        CloseableIterator<B> r = right.iterator(partition, ctx);
        CloseableIterator<A> l;
        try {
            l = left.iterator(partition, ctx);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return fn.apply(ctx, partition, l, r);
    }
}
