package dev.ember.physical.scheduler;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What one physical operator did across all its tasks, for EXPLAIN ANALYZE. */
public final class OperatorMetrics {
    private final String operatorId;
    public final LongAdder outputRows = new LongAdder();
    public final LongAdder outputBatches = new LongAdder();
    public final LongAdder nanos = new LongAdder();
    public final LongAdder bytesSpilled = new LongAdder();
    public final LongAdder spills = new LongAdder();
    private final AtomicLong peakMemory = new AtomicLong();

    public OperatorMetrics(String operatorId) {
        this.operatorId = operatorId;
    }

    public String operatorId() {
        return operatorId;
    }

    public void recordMemory(long bytes) {
        peakMemory.accumulateAndGet(bytes, Math::max);
    }

    public long peakMemory() {
        return peakMemory.get();
    }
}
