package dev.ember.physical.rdd;

import dev.ember.physical.scheduler.TaskContext;

/**
 * Where an executor keeps the partitions it must not recompute (cached and checkpointed Rdds).
 * {@link Rdd#iterator} asks it for every partition; for an Rdd that is neither, it computes.
 */
public interface PartitionStorage {

    <T> CloseableIterator<T> iterator(Rdd<T> rdd, int partition, TaskContext ctx);

    /** Storage that keeps nothing: every partition is computed from its lineage. */
    PartitionStorage NONE = new PartitionStorage() {
        @Override
        public <T> CloseableIterator<T> iterator(Rdd<T> rdd, int partition, TaskContext ctx) {
            return rdd.computeDirect(partition, ctx);
        }
    };
}
