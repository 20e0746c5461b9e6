package dev.ember.engine.rdd;

/** {@code hash(key) mod n} (non-negative); null keys go to partition 0. */
public final class HashPartitioner extends Partitioner {
    private final int partitions;

    public HashPartitioner(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a partitioner needs at least one partition, got " + partitions);
        }
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashPartitioner h && h.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }

    @Override
    public String toString() {
        return "HashPartitioner(" + partitions + ")";
    }
}
