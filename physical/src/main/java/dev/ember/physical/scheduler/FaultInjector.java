package dev.ember.physical.scheduler;

import dev.ember.common.config.EmberConf;
import dev.ember.physical.shuffle.ShuffleBlock;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One query's injected faults, from the {@code ember.fault.*} settings, and a record of what
 * was injected so tests can check that recovery redid exactly the lost work.
 */
public final class FaultInjector {
    private final double failureRate;
    private final long seed;
    private final int lossAfterTasks;
    private final int lossAtStage;
    private final int lossExecutor;
    private final int dropPartition;
    private final int slowPartition;
    private final long slowMillis;
    private final AtomicInteger tasksSucceeded = new AtomicInteger();
    private final AtomicInteger stagesStarted = new AtomicInteger();
    private final AtomicBoolean lossDone = new AtomicBoolean();

    /** Task attempts failed on purpose. */
    public final AtomicInteger injectedFailures = new AtomicInteger();
    /** Cached partitions dropped before the query. */
    public final AtomicInteger droppedPartitions = new AtomicInteger();
    /** The executor lost, or -1. */
    public volatile int lostExecutor = -1;
    /** Map outputs lost with the executor, by shuffle id. */
    public final Map<Integer, Integer> lostMapOutputs = new ConcurrentHashMap<>();
    /** Cached blocks lost with the executor. */
    public volatile int lostBlocks;

    FaultInjector(EmberConf conf) {
        this.failureRate = conf.get(ResilienceSettings.FAULT_TASK_FAILURE_RATE);
        this.seed = conf.get(ResilienceSettings.FAULT_SEED);
        this.lossAfterTasks = conf.get(ResilienceSettings.FAULT_EXECUTOR_LOSS_AFTER_TASKS);
        this.lossAtStage = conf.get(ResilienceSettings.FAULT_EXECUTOR_LOSS_AT_STAGE);
        this.lossExecutor = conf.get(ResilienceSettings.FAULT_EXECUTOR_LOSS_EXECUTOR);
        this.dropPartition = conf.get(ResilienceSettings.FAULT_DROP_CACHED_PARTITION);
        this.slowPartition = conf.get(ResilienceSettings.FAULT_SLOW_TASK_PARTITION);
        this.slowMillis = conf.get(ResilienceSettings.FAULT_SLOW_TASK_MILLIS);
    }

    /** Slows the first attempt of the configured partition, waking to honour kills and cancellation. */
    void maybeSlow(TaskContext ctx, boolean speculative) {
        if (slowPartition != ctx.partition() || ctx.attempt() != 0 || speculative) {
            return;
        }
        long end = System.nanoTime() + slowMillis * 1_000_000;
        while (System.nanoTime() < end) {
            ctx.checkCancelled();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    int dropPartition() {
        return dropPartition;
    }

    /**
     * Fails this attempt at the configured rate. The last allowed attempt never fails on
     * purpose: the setting tests recovery, not the odds of four failures in a row.
     */
    void beforeTask(int stageId, int partition, int attempt, int maxFailures) {
        if (failureRate <= 0 || attempt >= maxFailures - 1) {
            return;
        }
        long h = mix(seed ^ mix(stageId * 0x9E3779B97F4A7C15L + partition * 31L + attempt));
        double u = (h >>> 11) * 0x1.0p-53;
        if (u < failureRate) {
            injectedFailures.incrementAndGet();
            throw new InjectedFailure("injected failure of task " + partition + " of stage " + stageId
                    + " (attempt " + attempt + ", ember.fault.taskFailureRate=" + failureRate + ")");
        }
    }

    void stageStarting(JobContext job, LocalCluster cluster) {
        if (lossAtStage > 0 && stagesStarted.incrementAndGet() == lossAtStage) {
            lose(job, cluster, Math.min(lossExecutor, cluster.executors().size() - 1));
        }
    }

    void taskSucceeded(JobContext job, LocalCluster cluster, Executor executor) {
        if (lossAfterTasks > 0 && tasksSucceeded.incrementAndGet() == lossAfterTasks) {
            lose(job, cluster, executor.id());
        }
    }

    private void lose(JobContext job, LocalCluster cluster, int executorId) {
        if (!lossDone.compareAndSet(false, true)) {
            return;
        }
        LocalCluster.ExecutorLoss loss = cluster.loseExecutor(executorId);
        lostExecutor = executorId;
        lostBlocks = loss.cachedBlocks();
        lostMapOutputs.putAll(loss.mapOutputsByShuffle());
        // Tasks of this query may still read the lost shuffle blocks they fetched: free them at its end.
        List<ShuffleBlock[]> detached = loss.shuffleBlocks();
        job.onClose(() -> detached.forEach(dev.ember.physical.shuffle.ShuffleStore::free));
    }

    public int totalLostMapOutputs() {
        return lostMapOutputs.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
