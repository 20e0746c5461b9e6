package dev.ember.physical.scheduler;

/** Counters of one task attempt; the scheduler sums them per stage. */
public final class TaskMetrics {
    public long rowsRead;
    public long batchesRead;
    public long shuffleBytesWritten;
    public long shuffleRowsWritten;
    public long shuffleBytesRead;
    public long bytesSpilled;
    public long peakMemory;
    public long runNanos;
    /** Partitions of persisted Rdds served from a block manager. */
    public long cachedPartitionsRead;
    /** Partitions of persisted Rdds computed from lineage (first use, or dropped or lost since). */
    public long cachedPartitionsComputed;
    /** Partitions read back from checkpoint files. */
    public long checkpointPartitionsRead;
}
