package dev.ember.physical.scheduler;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One run of a stage within a job: tasks launched, retried and recomputed, time and data moved. */
public final class StageInfo {
    public final int stageId;
    public final String name;
    public final int numPartitions;
    public final AtomicInteger tasksLaunched = new AtomicInteger();
    public final AtomicInteger tasksSucceeded = new AtomicInteger();
    public final AtomicInteger tasksFailed = new AtomicInteger();
    /** Tasks run again because their output was lost (fetch failure, executor loss). */
    public final AtomicInteger tasksRecomputed = new AtomicInteger();
    /** Launches after an attempt of the same task failed (injected or real failures, fetch failures). */
    public final AtomicInteger tasksRetried = new AtomicInteger();
    /** Speculative copies launched for slow tasks. */
    public final AtomicInteger tasksSpeculated = new AtomicInteger();
    public final AtomicLong cachedPartitionsRead = new AtomicLong();
    public final AtomicLong cachedPartitionsComputed = new AtomicLong();
    public final AtomicLong checkpointPartitionsRead = new AtomicLong();
    /** Rows read from table sources by this stage's tasks (tests check a cached job reads none). */
    public final AtomicLong sourceRowsRead = new AtomicLong();
    public final AtomicLong taskNanos = new AtomicLong();
    public final AtomicLong shuffleBytesWritten = new AtomicLong();
    public final AtomicLong shuffleRowsWritten = new AtomicLong();
    public final AtomicLong bytesSpilled = new AtomicLong();
    public volatile long wallNanos;
    /** What adaptive execution changed in this stage's reduce partitions ("coalesced 16 -> 3 partitions", skew splits), or "". */
    public volatile String adaptive = "";
    public volatile boolean skipped;

    public StageInfo(int stageId, String name, int numPartitions) {
        this.stageId = stageId;
        this.name = name;
        this.numPartitions = numPartitions;
    }

    /** Adds one attempt's counters; partition counts only from attempts that succeeded, so a retry is not counted twice. */
    void absorb(TaskMetrics m, boolean succeeded) {
        taskNanos.addAndGet(m.runNanos);
        shuffleBytesWritten.addAndGet(m.shuffleBytesWritten);
        shuffleRowsWritten.addAndGet(m.shuffleRowsWritten);
        bytesSpilled.addAndGet(m.bytesSpilled);
        sourceRowsRead.addAndGet(m.rowsRead);
        if (succeeded) {
            cachedPartitionsRead.addAndGet(m.cachedPartitionsRead);
            cachedPartitionsComputed.addAndGet(m.cachedPartitionsComputed);
            checkpointPartitionsRead.addAndGet(m.checkpointPartitionsRead);
        }
    }

    @Override
    public String toString() {
        return "Stage " + stageId + " (" + name + "): " + tasksSucceeded + "/" + numPartitions + " tasks";
    }
}
