package dev.ember.physical.scheduler;

import dev.ember.common.config.EmberConf;
import org.apache.arrow.memory.BufferAllocator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One query's run: its settings, its memory (a child of the session's allocator, parent of
 * every task's), its cancellation flag, and what it observed (stages, operator metrics).
 */
public final class JobContext implements AutoCloseable {
    private final EmberConf conf;
    private final BufferAllocator allocator;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<StageInfo> stages = new CopyOnWriteArrayList<>();
    private final Map<String, OperatorMetrics> operatorMetrics = new ConcurrentHashMap<>();
    private final List<Runnable> cleanups = new CopyOnWriteArrayList<>();
    private volatile ProgressListener progress = ProgressListener.NONE;
    private volatile FaultInjector faults;

    public JobContext(EmberConf conf, BufferAllocator allocator) {
        this.conf = conf;
        this.allocator = allocator;
    }

    public EmberConf conf() {
        return conf;
    }

    /** The query's allocator; results and broadcast relations live here until the query ends. */
    public BufferAllocator allocator() {
        return allocator;
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws if cancelled (called before a queued task starts). */
    public void checkNotCancelled() {
        if (cancelled.get()) {
            throw new dev.ember.common.CancelledException("query cancelled");
        }
    }

    public ProgressListener progress() {
        return progress;
    }

    public void setProgress(ProgressListener progress) {
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** The faults injected into this query (from the ember.fault.* settings) and what they hit. */
    public FaultInjector faults() {
        FaultInjector f = faults;
        if (f == null) {
            synchronized (this) {
                if (faults == null) {
                    faults = new FaultInjector(conf);
                }
                f = faults;
            }
        }
        return f;
    }

    public List<StageInfo> stages() {
        return stages;
    }

    void addStage(StageInfo info) {
        stages.add(info);
    }

    // Adaptive decisions made by DagScheduler.prepare for a result Rdd, shown on the stage that runs it.
    private final Map<dev.ember.physical.rdd.Rdd<?>, String> adaptiveNotes =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    void addAdaptiveNote(dev.ember.physical.rdd.Rdd<?> rdd, String note) {
        adaptiveNotes.put(rdd, note);
    }

    // Result Rdds whose parent stages DagScheduler.prepare ran ahead of their job.
    private final java.util.Set<dev.ember.physical.rdd.Rdd<?>> prepared =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    void markPrepared(dev.ember.physical.rdd.Rdd<?> rdd) {
        prepared.add(rdd);
    }

    boolean takePrepared(dev.ember.physical.rdd.Rdd<?> rdd) {
        return prepared.remove(rdd);
    }

    String takeAdaptiveNote(dev.ember.physical.rdd.Rdd<?> rdd) {
        String note = adaptiveNotes.remove(rdd);
        return note == null ? "" : note;
    }

    /** Metrics of the operator with this id, shared by all its tasks. */
    public OperatorMetrics operatorMetrics(String operatorId) {
        return operatorMetrics.computeIfAbsent(operatorId, OperatorMetrics::new);
    }

    public Map<String, OperatorMetrics> allOperatorMetrics() {
        return operatorMetrics;
    }

    /** Runs at close: drops shuffle outputs and broadcast relations of this query. */
    public void onClose(Runnable r) {
        cleanups.add(r);
    }

    @Override
    public void close() {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            try {
                cleanups.get(i).run();
            } catch (RuntimeException ignored) {
                // Cleanup is best effort; the query's answer is already out.
            }
        }
        cleanups.clear();
        allocator.close();
    }
}
