package dev.ember.physical.rdd;

import java.util.Locale;

/**
 * Where a persisted Rdd keeps its computed partitions. As in Spark: {@code MEMORY_ONLY} drops a
 * partition under memory pressure (it is recomputed from lineage on next use),
 * {@code MEMORY_AND_DISK} spills it to an Arrow IPC file instead, {@code DISK_ONLY} writes it
 * straight to disk. {@code NONE} means not persisted.
 */
public enum StorageLevel {
    NONE(false, false),
    MEMORY_ONLY(true, false),
    MEMORY_AND_DISK(true, true),
    DISK_ONLY(false, true);

    private final boolean useMemory;
    private final boolean useDisk;

    StorageLevel(boolean useMemory, boolean useDisk) {
        this.useMemory = useMemory;
        this.useDisk = useDisk;
    }

    public boolean useMemory() {
        return useMemory;
    }

    public boolean useDisk() {
        return useDisk;
    }

    /** Reads a level name as written in SQL options or settings ({@code memory_and_disk}, {@code MEMORY_ONLY}). */
    public static StorageLevel parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (StorageLevel l : values()) {
            if (l.name().equals(t)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown storage level '" + text
                + "' (expected MEMORY_ONLY, MEMORY_AND_DISK or DISK_ONLY)");
    }
}
