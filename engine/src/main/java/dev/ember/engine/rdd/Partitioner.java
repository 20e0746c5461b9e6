package dev.ember.engine.rdd;

import dev.ember.physical.shuffle.KeyPartitioner;

import java.io.Serializable;

/**
 * Which partition each key of a pair Rdd goes to, as Spark's {@code Partitioner}: {@link
 * HashPartitioner} ({@code hash(key) mod n}, the default), {@link RangePartitioner} (sorted key
 * ranges, for {@code sortByKey}), or a subclass of your own. Two pair Rdds partitioned by equal
 * partitioners are co-partitioned: joining or grouping them needs no shuffle, so implement
 * {@code equals} and {@code hashCode} in a custom partitioner.
 *
 * <pre>{@code
 * JavaPairRdd<String, Integer> byCountry = visits.partitionBy(new Partitioner() {
 *     public int numPartitions() { return 2; }
 *     public int getPartition(Object key) { return key.toString().startsWith("us") ? 0 : 1; }
 * });
 * }</pre>
 */
public abstract class Partitioner implements KeyPartitioner, Serializable {

    public abstract int numPartitions();

    /** The partition of {@code key}, in [0, numPartitions()). */
    public abstract int getPartition(Object key);

    @Override
    public final int partition(Object key) {
        return getPartition(key);
    }
}
