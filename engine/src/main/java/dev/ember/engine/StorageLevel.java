package dev.ember.engine;

/**
 * Where {@code persist} keeps a DataFrame's or an Rdd's partitions, as Spark's {@code StorageLevel}.
 * Caching arrives with issue 6; until then {@code persist} and {@code cache} fail with
 * {@code UNSUPPORTED_FEATURE}.
 */
public enum StorageLevel {
    NONE, MEMORY_ONLY, MEMORY_AND_DISK, DISK_ONLY
}
