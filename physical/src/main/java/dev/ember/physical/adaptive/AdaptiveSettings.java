package dev.ember.physical.adaptive;

import dev.ember.common.config.ByteSize;
import dev.ember.common.config.ConfigEntry;
import dev.ember.common.config.EmberConf;

/**
 * Settings of adaptive query execution: how reduce partitions are re-planned at run time from
 * the map output statistics (coalescing tiny partitions, splitting skewed join partitions).
 * The defaults are smaller than Spark's because Ember runs in one JVM under one memory limit:
 * see docs/adaptive.md.
 */
public final class AdaptiveSettings {
    private AdaptiveSettings() {
    }

    public static final ConfigEntry<Boolean> ENABLED = EmberConf.define("ember.sql.adaptive.enabled", () -> true,
            "Adaptive execution: re-plan each shuffle's reduce partitions from the map output statistics once the"
                    + " map stages have run (coalescing and skew-join splitting below). Off = one task per partition.",
            EmberConf.bool("ember.sql.adaptive.enabled"));
    public static final ConfigEntry<Boolean> COALESCE_ENABLED = EmberConf.define(
            "ember.sql.adaptive.coalescePartitions.enabled", () -> true,
            "Merge adjacent small reduce partitions up to ember.sql.adaptive.advisoryPartitionSizeInBytes"
                    + " (all shuffles read by one stage get the same ranges, so joins stay co-partitioned).",
            EmberConf.bool("ember.sql.adaptive.coalescePartitions.enabled"));
    public static final ConfigEntry<Integer> COALESCE_MIN_PARTITIONS = EmberConf.define(
            "ember.sql.adaptive.coalescePartitions.minPartitionNum", () -> 0,
            "Fewest partitions coalescing may leave (when the data allows); 0 = the cluster's task slots, so every"
                    + " core keeps a task.",
            EmberConf.nonNegativeInt("ember.sql.adaptive.coalescePartitions.minPartitionNum"));
    public static final ConfigEntry<Long> ADVISORY_PARTITION_SIZE = EmberConf.define(
            "ember.sql.adaptive.advisoryPartitionSizeInBytes", () -> 16L << 20,
            "Target size of a reduce partition after coalescing, and of each piece of a split skewed partition"
                    + " (Spark: 64 MB; smaller here so a reduce task's hash table fits its share of ember.memory.limit).",
            ByteSize::parse);
    public static final ConfigEntry<Boolean> SKEW_JOIN_ENABLED = EmberConf.define(
            "ember.sql.adaptive.skewJoin.enabled", () -> true,
            "Split a skewed partition of a shuffled hash join into tasks over ranges of map outputs, each joined"
                    + " with the whole matching partition of the other side (inner: either side; left outer, semi,"
                    + " anti: left; right outer: right; full outer: never).",
            EmberConf.bool("ember.sql.adaptive.skewJoin.enabled"));
    public static final ConfigEntry<Double> SKEWED_PARTITION_FACTOR = EmberConf.define(
            "ember.sql.adaptive.skewJoin.skewedPartitionFactor", () -> 5.0,
            "A join partition is skewed when larger than this many times the median partition of its side"
                    + " (and than ember.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes).",
            s -> {
                double v = Double.parseDouble(s);
                if (!(v >= 1)) {
                    throw new IllegalArgumentException("ember.sql.adaptive.skewJoin.skewedPartitionFactor must be >= 1, got " + s);
                }
                return v;
            });
    public static final ConfigEntry<Long> SKEWED_PARTITION_THRESHOLD = EmberConf.define(
            "ember.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", () -> 64L << 20,
            "Smallest join partition that can count as skewed (Spark: 256 MB; here 4 x the advisory size as in"
                    + " Spark, so a split always yields pieces of about the advisory size).",
            ByteSize::parse);

    /** Loads the declarations (call before listing settings). */
    public static void init() {
        // The static initializers do the work.
    }
}
