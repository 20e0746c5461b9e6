package dev.ember.physical.adaptive;

import dev.ember.common.config.EmberConf;
import dev.ember.physical.rdd.Dependency;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.NarrowDependency;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ShuffleDependency;
import dev.ember.physical.rdd.ShuffledRdd;
import dev.ember.physical.rdd.StorageLevel;
import dev.ember.physical.rdd.ZippedPartitionsRdd;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.shuffle.MapStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Decides, when a stage is about to run and its parent map stages have finished, the partitions
 * of the adaptive shuffle reads inside it (Spark's AQE re-planning a query stage). All reads of a
 * stage are decided together and get the same specs: whatever zips them (a shuffled join, or a
 * join over a join that reuses its partitioning) then still sees co-partitioned inputs. A skew
 * split needs more: exactly two reads, zipped by one join marked splittable, each reached from
 * the join through one-to-one pipelines only.
 */
public final class AdaptiveStagePlanner {
    private AdaptiveStagePlanner() {
    }

    /**
     * Fixes the partitions of every undecided adaptive read in the stage that computes
     * {@code stageRdd}; returns what changed for EXPLAIN ANALYZE ("" when nothing did).
     */
    public static String prepare(Rdd<?> stageRdd, EmberConf conf, LocalCluster cluster) {
        // One decision at a time: two jobs reaching the same stage (a cached relation's first use
        // by two queries) must not each fix half of its reads.
        synchronized (AdaptiveStagePlanner.class) {
            return decide(stageRdd, conf, cluster);
        }
    }

    private static String decide(Rdd<?> stageRdd, EmberConf conf, LocalCluster cluster) {
        List<ShuffledRdd<?>> reads = new ArrayList<>();
        List<ZippedPartitionsRdd<?, ?, ?>> joins = new ArrayList<>();
        collect(stageRdd, reads, joins);
        List<ShuffledRdd<?>> undecided = reads.stream().filter(r -> !r.isDecided()).toList();
        if (undecided.isEmpty()) {
            return "";
        }
        boolean fixedAlready = reads.size() != undecided.size();
        int n = undecided.get(0).dependency().numReducePartitions();
        boolean sameWidth = undecided.stream().allMatch(r -> r.dependency().numReducePartitions() == n);
        List<MapStatus[]> stats = new ArrayList<>();
        for (ShuffledRdd<?> r : undecided) {
            stats.add(cluster.mapOutputs().statuses(r.dependency().shuffleId()));
        }
        boolean haveStats = stats.stream().allMatch(s -> s != null);
        if (!conf.get(AdaptiveSettings.ENABLED) || fixedAlready || !sameWidth || !haveStats) {
            // One per reducer: correct whatever the rest of the stage does.
            for (ShuffledRdd<?> r : undecided) {
                r.numPartitions();
            }
            return "";
        }
        SkewJoinSides splittable = skewSides(undecided, joins);
        List<PartitionSpecPlanner.Side> sides = new ArrayList<>();
        for (int i = 0; i < undecided.size(); i++) {
            MapStatus[] st = stats.get(i);
            long[][] bytes = new long[st.length][];
            for (int m = 0; m < st.length; m++) {
                // An output lost since its stage ran counts as empty: sizes only steer the plan,
                // every spec list still covers every (map, reducer) block exactly once.
                bytes[m] = st[m] == null ? new long[n] : st[m].bytesPerPartition();
            }
            boolean canSplit = i == 0 ? splittable.left() : i == 1 && splittable.right();
            sides.add(new PartitionSpecPlanner.Side(undecided.get(i).dependency().shuffleId(), bytes, canSplit));
        }
        int minPartitions = conf.get(AdaptiveSettings.COALESCE_MIN_PARTITIONS);
        PartitionSpecPlanner.Plan plan = PartitionSpecPlanner.plan(sides, new PartitionSpecPlanner.Settings(
                conf.get(AdaptiveSettings.COALESCE_ENABLED), conf.get(AdaptiveSettings.ADVISORY_PARTITION_SIZE),
                minPartitions > 0 ? minPartitions : cluster.defaultParallelism(),
                conf.get(AdaptiveSettings.SKEW_JOIN_ENABLED), conf.get(AdaptiveSettings.SKEWED_PARTITION_FACTOR),
                conf.get(AdaptiveSettings.SKEWED_PARTITION_THRESHOLD)));
        for (int i = 0; i < undecided.size(); i++) {
            undecided.get(i).decide(plan.specs().get(i));
        }
        return plan.describe();
    }

    /**
     * The reads and zips of the stage: its Rdds reached through narrow dependencies. Ordered so
     * that, for a single join, the read under the zip's left parent comes first.
     */
    private static void collect(Rdd<?> root, List<ShuffledRdd<?>> reads, List<ZippedPartitionsRdd<?, ?, ?>> joins) {
        Set<Rdd<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Rdd<?>> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Rdd<?> r = stack.pop();
            if (!seen.add(r)) {
                continue;
            }
            if (r instanceof ShuffledRdd<?> s) {
                if (s.isAdaptive()) {
                    reads.add(s);
                }
                continue;
            }
            if (r instanceof ZippedPartitionsRdd<?, ?, ?> z) {
                joins.add(z);
            }
            List<Dependency<?>> deps = r.lineageDependencies();
            // Reverse, so the first dependency (a zip's left) is visited first.
            for (int i = deps.size() - 1; i >= 0; i--) {
                if (deps.get(i) instanceof NarrowDependency<?> nd) {
                    stack.push(nd.rdd());
                } else if (!(deps.get(i) instanceof ShuffleDependency<?>)) {
                    throw new IllegalStateException("unknown dependency " + deps.get(i));
                }
            }
        }
    }

    /** The sides of {@code reads} (first, second) a skew split may cut, NONE unless the stage is one splittable join. */
    private static SkewJoinSides skewSides(List<ShuffledRdd<?>> reads, List<ZippedPartitionsRdd<?, ?, ?>> joins) {
        if (reads.size() != 2 || joins.size() != 1) {
            return SkewJoinSides.NONE;
        }
        ZippedPartitionsRdd<?, ?, ?> z = joins.get(0);
        if (z.skewJoin().equals(SkewJoinSides.NONE)) {
            return SkewJoinSides.NONE;
        }
        ShuffledRdd<?> l = readUnder(z.left());
        ShuffledRdd<?> r = readUnder(z.right());
        if (l == reads.get(0) && r == reads.get(1)) {
            return z.skewJoin();
        }
        if (l == reads.get(1) && r == reads.get(0)) {
            return new SkewJoinSides(z.skewJoin().right(), z.skewJoin().left());
        }
        return SkewJoinSides.NONE;
    }

    /** The read at the bottom of a chain of pipelines (partition i reads partition i), or null. */
    private static ShuffledRdd<?> readUnder(Rdd<?> rdd) {
        Rdd<?> r = rdd;
        while (true) {
            if (r.storageLevel() != StorageLevel.NONE) {
                return null;
            }
            if (r instanceof ShuffledRdd<?> s) {
                return s;
            }
            if (!(r instanceof MapPartitionsRdd<?, ?> m)) {
                return null;
            }
            r = m.parent();
        }
    }
}
