package dev.ember.physical.shuffle;

/** Picks the reduce partition, in [0, numPartitions), of a record's key (hash, range or custom). */
@FunctionalInterface
public interface KeyPartitioner extends java.io.Serializable {
    int partition(Object key);
}
