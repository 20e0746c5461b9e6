package dev.ember.physical.shuffle;

import dev.ember.physical.scheduler.TaskContext;

/**
 * The map side of a shuffle: splits one map task's output into one block per reduce partition.
 * {@link #commit} hands the blocks to the executor's block store and reports their sizes.
 */
public interface ShuffleWriter<T> extends AutoCloseable {

    void write(T item);

    /** Stores the blocks under (shuffleId, mapId, r) and returns their statistics. */
    MapStatus commit(ShuffleStore store, int shuffleId, int mapId);

    /** Frees anything not committed (on failure). */
    @Override
    void close();

    @FunctionalInterface
    interface Factory<T> {
        ShuffleWriter<T> create(int numReducePartitions, TaskContext ctx);
    }
}
