package dev.ember.physical.rdd;

import dev.ember.physical.shuffle.ShuffleWriter;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wide dependency: map tasks over {@code rdd} write their output split into
 * {@code numReducePartitions} blocks, and the child reads block r of every map output.
 */
public final class ShuffleDependency<T> implements Dependency<T> {
    private static final AtomicInteger NEXT_SHUFFLE_ID = new AtomicInteger();

    private final Rdd<T> rdd;
    private final int shuffleId;
    private final int numReducePartitions;
    private final ShuffleWriter.Factory<T> writerFactory;
    private final String description;

    public ShuffleDependency(Rdd<T> rdd, int numReducePartitions, ShuffleWriter.Factory<T> writerFactory,
                             String description) {
        this.rdd = rdd;
        this.shuffleId = NEXT_SHUFFLE_ID.getAndIncrement();
        this.numReducePartitions = numReducePartitions;
        this.writerFactory = writerFactory;
        this.description = description;
    }

    @Override
    public Rdd<T> rdd() {
        return rdd;
    }

    public int shuffleId() {
        return shuffleId;
    }

    public int numReducePartitions() {
        return numReducePartitions;
    }

    public ShuffleWriter.Factory<T> writerFactory() {
        return writerFactory;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "Shuffle#" + shuffleId + "(" + description + ", " + numReducePartitions + " partitions)";
    }
}
