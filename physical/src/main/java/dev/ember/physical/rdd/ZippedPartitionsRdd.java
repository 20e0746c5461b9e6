package dev.ember.physical.rdd;

import dev.ember.physical.adaptive.SkewJoinSides;
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

    private volatile SkewJoinSides skewJoin = SkewJoinSides.NONE;

    // The partition counts are compared when first asked for, not here: an adaptive shuffle
    // read below knows its count only once its map stage has run.
    public ZippedPartitionsRdd(Rdd<A> left, Rdd<B> right, ZipFunction<A, B, U> fn) {
        this.left = left;
        this.right = right;
        this.fn = fn;
    }

    public Rdd<A> left() {
        return left;
    }

    public Rdd<B> right() {
        return right;
    }

    /** Marks this zip as a shuffled join whose skewed partitions may be split on these sides. */
    public ZippedPartitionsRdd<A, B, U> setSkewJoin(SkewJoinSides sides) {
        this.skewJoin = sides;
        return this;
    }

    public SkewJoinSides skewJoin() {
        return skewJoin;
    }

    @Override
    public int numPartitions() {
        int l = left.numPartitions();
        int r = right.numPartitions();
        if (l != r) {
            throw new IllegalStateException("zipped Rdds differ in partitions: " + l + " and " + r);
        }
        return l;
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
