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
}
