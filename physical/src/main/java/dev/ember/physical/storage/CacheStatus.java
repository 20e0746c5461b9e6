package dev.ember.physical.storage;

/**
 * Where the partitions of one persisted Rdd are right now (SHOW CACHE): how many are in memory,
 * on disk, or missing (never computed, dropped under memory pressure, or lost with an executor),
 * and the bytes each place holds.
 */
public record CacheStatus(int partitions, int inMemory, int onDisk, long memoryBytes, long diskBytes) {
    public int missing() {
        return partitions - inMemory - onDisk;
    }
}
