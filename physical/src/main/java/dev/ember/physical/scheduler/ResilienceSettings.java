package dev.ember.physical.scheduler;

import dev.ember.common.config.ConfigEntry;
import dev.ember.common.config.EmberConf;

import java.nio.file.Path;

/**
 * Settings of caching, checkpoints and fault injection, declared in the one registry so
 * {@code SET} checks them and {@code SET -v} documents them. Fault injection exists to prove
 * recovery: every {@code ember.fault.*} setting is off by default.
 */
public final class ResilienceSettings {
    private ResilienceSettings() {
    }

    public static final ConfigEntry<Double> STORAGE_FRACTION = EmberConf.define("ember.storage.memoryFraction",
            () -> 0.5, "Share of ember.memory.limit that cached partitions may hold; beyond it the least recently used"
                    + " are spilled (MEMORY_AND_DISK) or dropped (MEMORY_ONLY). Execution may evict cached blocks at any level.",
            s -> fraction("ember.storage.memoryFraction", s));
    public static final ConfigEntry<String> CHECKPOINT_DIR = EmberConf.define("ember.checkpoint.dir",
            () -> Path.of(System.getProperty("java.io.tmpdir"), "ember-checkpoints").toString(),
            "Directory where checkpoint() writes partitions as Arrow IPC files.", s -> s);
    public static final ConfigEntry<Double> FAULT_TASK_FAILURE_RATE = EmberConf.define("ember.fault.taskFailureRate",
            () -> 0.0, "Fault injection: share of task attempts that fail at start (never the last allowed attempt,"
                    + " see ember.task.maxFailures), chosen by ember.fault.seed.",
            s -> fraction("ember.fault.taskFailureRate", s));
    public static final ConfigEntry<Long> FAULT_SEED = EmberConf.define("ember.fault.seed",
            () -> 42L, "Fault injection: seed choosing which task attempts fail.", Long::parseLong);
    public static final ConfigEntry<Integer> FAULT_EXECUTOR_LOSS_AFTER_TASKS = EmberConf.define(
            "ember.fault.executorLoss.afterTasks", () -> 0,
            "Fault injection: after this many tasks of a query succeed, the executor that ran the last one is lost"
                    + " (its cached blocks and shuffle outputs); 0 = never.",
            EmberConf.nonNegativeInt("ember.fault.executorLoss.afterTasks"));
    public static final ConfigEntry<Integer> FAULT_EXECUTOR_LOSS_AT_STAGE = EmberConf.define(
            "ember.fault.executorLoss.atStage", () -> 0,
            "Fault injection: when the query's Nth stage (1-based, in start order) starts, executor"
                    + " ember.fault.executorLoss.executor is lost; 0 = never.",
            EmberConf.nonNegativeInt("ember.fault.executorLoss.atStage"));
    public static final ConfigEntry<Integer> FAULT_EXECUTOR_LOSS_EXECUTOR = EmberConf.define(
            "ember.fault.executorLoss.executor", () -> 0,
            "Fault injection: the executor that ember.fault.executorLoss.atStage loses.",
            EmberConf.nonNegativeInt("ember.fault.executorLoss.executor"));
    public static final ConfigEntry<Integer> FAULT_DROP_CACHED_PARTITION = EmberConf.define(
            "ember.fault.dropCachedPartition", () -> -1,
            "Fault injection: before each query, drop this partition of every cached Rdd the query reads"
                    + " (it is recomputed from lineage); -1 = never.",
            Integer::parseInt);

    public static final ConfigEntry<Boolean> SPECULATION = EmberConf.define("ember.speculation", () -> false,
            "Speculative execution: a task running much longer than its stage's median gets a copy on another"
                    + " executor; the first to finish wins, the other is killed and its output discarded.",
            EmberConf.bool("ember.speculation"));
    public static final ConfigEntry<Double> SPECULATION_MULTIPLIER = EmberConf.define("ember.speculation.multiplier",
            () -> 1.5, "How many times slower than the median of finished tasks a task must be to be speculated.",
            s -> positive("ember.speculation.multiplier", s));
    public static final ConfigEntry<Double> SPECULATION_QUANTILE = EmberConf.define("ember.speculation.quantile",
            () -> 0.75, "Share of a stage's tasks that must finish before speculation starts in that stage.",
            s -> fraction("ember.speculation.quantile", s));
    public static final ConfigEntry<Long> SPECULATION_MIN_RUNTIME = EmberConf.define("ember.speculation.minTaskRuntime",
            () -> 100L, "Milliseconds a task must have run before it may be speculated.", Long::parseLong);
    public static final ConfigEntry<Integer> FAULT_SLOW_TASK_PARTITION = EmberConf.define(
            "ember.fault.slowTask.partition", () -> -1,
            "Fault injection: the first attempt of this partition in every stage is slowed by"
                    + " ember.fault.slowTask.millis (a straggler for speculation); -1 = never.", Integer::parseInt);
    public static final ConfigEntry<Long> FAULT_SLOW_TASK_MILLIS = EmberConf.define("ember.fault.slowTask.millis",
            () -> 2000L, "Fault injection: how long the slowed task waits before it runs.", Long::parseLong);

    private static double positive(String key, String s) {
        double v = Double.parseDouble(s);
        if (!(v > 0)) {
            throw new IllegalArgumentException(key + " must be positive, got " + s);
        }
        return v;
    }

    private static double fraction(String key, String s) {
        double v = Double.parseDouble(s);
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be between 0 and 1, got " + s);
        }
        return v;
    }

    /** Loads the declarations (call before listing settings). */
    public static void init() {
        // The static initializers do the work; the adaptive execution settings load with these.
        dev.ember.physical.adaptive.AdaptiveSettings.init();
    }
}
