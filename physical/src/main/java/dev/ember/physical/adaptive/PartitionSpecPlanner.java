package dev.ember.physical.adaptive;

import dev.ember.common.config.ByteSize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides the reduce tasks of one stage from its shuffles' map output sizes: Spark's
 * {@code CoalesceShufflePartitions} and {@code OptimizeSkewedJoin} in one pass. Every shuffle read
 * by the stage gets a list of specs of the same length, and spec i of each is what task i reads,
 * so co-partitioned inputs (the two sides of a join) stay co-partitioned. A pure function of
 * the sizes, so it is tested without running anything.
 */
public final class PartitionSpecPlanner {
    private PartitionSpecPlanner() {
    }

    /** One shuffle read by the stage: bytes[map][reducer] from its map statuses; whether a skew split may cut it. */
    public record Side(int shuffleId, long[][] bytes, boolean canSplit) {
        long partitionBytes(int reducer) {
            long t = 0;
            for (long[] m : bytes) {
                t += m[reducer];
            }
            return t;
        }
    }

    public record Settings(boolean coalesce, long advisorySize, int minPartitions, boolean skewJoin, double skewFactor,
                           long skewThreshold) {
    }

    /** A skewed partition that was split: which shuffle, its size, its side's median, into how many tasks of that side. */
    public record SkewSplit(int shuffleId, int reducer, long bytes, long median, int pieces) {
        @Override
        public String toString() {
            return "partition " + reducer + " of Shuffle#" + shuffleId + " (" + ByteSize.format(bytes) + ", median "
                    + ByteSize.format(median) + ") split into " + pieces;
        }
    }

    /**
     * The specs per side (same order as the input), the reduce partitions before, the partitions
     * after coalescing (a split partition counts once) and what was split.
     */
    public record Plan(List<List<ShufflePartitionSpec>> specs, int before, int coalescedTo, List<SkewSplit> splits) {
        public int after() {
            return specs.get(0).size();
        }

        /** What EXPLAIN ANALYZE shows, or "" when nothing changed. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (coalescedTo < before) {
                parts.add("coalesced " + before + " -> " + coalescedTo + " partitions");
            }
            for (SkewSplit s : splits) {
                parts.add("skew join: " + s);
            }
            if (!splits.isEmpty()) {
                parts.add(after() + " tasks");
            }
            return String.join("; ", parts);
        }
    }

    public static Plan plan(List<Side> sides, Settings settings) {
        int n = sides.get(0).bytes().length == 0 ? 0 : sides.get(0).bytes()[0].length;
        for (Side s : sides) {
            for (long[] m : s.bytes()) {
                if (m.length != n) {
                    throw new IllegalArgumentException("shuffles of one stage differ in reduce partitions");
                }
            }
        }
        int k = sides.size();
        long[][] sizes = new long[k][n];
        long total = 0;
        for (int s = 0; s < k; s++) {
            for (int r = 0; r < n; r++) {
                sizes[s][r] = sides.get(s).partitionBytes(r);
                total += sizes[s][r];
            }
        }
        boolean[][] skewed = new boolean[k][n];
        long[] medians = new long[k];
        long[] splitTargets = new long[k];
        for (int s = 0; s < k; s++) {
            if (!settings.skewJoin() || !sides.get(s).canSplit() || n == 0) {
                continue;
            }
            long[] sorted = sizes[s].clone();
            Arrays.sort(sorted);
            medians[s] = sorted[n / 2];
            long limit = Math.max(settings.skewThreshold(), (long) (settings.skewFactor() * Math.max(1, medians[s])));
            long rest = 0;
            int restCount = 0;
            for (int r = 0; r < n; r++) {
                skewed[s][r] = sizes[s][r] > limit;
                if (!skewed[s][r]) {
                    rest += sizes[s][r];
                    restCount++;
                }
            }
            // As Spark: pieces of about the advisory size, but never smaller than the partitions left whole.
            splitTargets[s] = Math.max(settings.advisorySize(), restCount == 0 ? 0 : rest / restCount);
        }
        // Coalescing target: the advisory size, but small enough to leave minPartitions tasks.
        long target = Math.max(1, Math.min(settings.advisorySize(),
                ceilDiv(total, Math.max(1, settings.minPartitions()))));

        List<List<ShufflePartitionSpec>> specs = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            specs.add(new ArrayList<>());
        }
        List<SkewSplit> splits = new ArrayList<>();
        int groups = 0;
        int skewedReducers = 0;
        int groupStart = -1;
        long groupBytes = 0;
        for (int r = 0; r < n; r++) {
            List<List<ShufflePartitionSpec>> pieces = new ArrayList<>();
            boolean split = false;
            for (int s = 0; s < k; s++) {
                List<ShufflePartitionSpec> p = skewed[s][r] ? splitByMaps(sides.get(s).bytes(), r, splitTargets[s])
                        : List.of(new ShufflePartitionSpec.Coalesced(r, r + 1));
                split |= p.size() > 1;
                pieces.add(p);
            }
            if (split) {
                if (groupStart >= 0) {
                    emitGroup(specs, groupStart, r);
                    groups++;
                    groupStart = -1;
                }
                for (int s = 0; s < k; s++) {
                    if (pieces.get(s).size() > 1) {
                        splits.add(new SkewSplit(sides.get(s).shuffleId(), r, sizes[s][r], medians[s], pieces.get(s).size()));
                    }
                }
                emitProduct(specs, pieces);
                skewedReducers++;
                continue;
            }
            long bytes = 0;
            for (int s = 0; s < k; s++) {
                bytes += sizes[s][r];
            }
            if (groupStart >= 0 && (!settings.coalesce() || groupBytes + bytes > target)) {
                emitGroup(specs, groupStart, r);
                groups++;
                groupStart = -1;
            }
            if (groupStart < 0) {
                groupStart = r;
                groupBytes = 0;
            }
            groupBytes += bytes;
        }
        if (groupStart >= 0) {
            emitGroup(specs, groupStart, n);
            groups++;
        }
        return new Plan(specs, n, groups + skewedReducers, splits);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static void emitGroup(List<List<ShufflePartitionSpec>> specs, int start, int end) {
        for (List<ShufflePartitionSpec> side : specs) {
            side.add(new ShufflePartitionSpec.Coalesced(start, end));
        }
    }

    /** Every combination of the sides' pieces: an inner join split on both sides needs each pair once. */
    private static void emitProduct(List<List<ShufflePartitionSpec>> specs, List<List<ShufflePartitionSpec>> pieces) {
        int combos = 1;
        for (List<ShufflePartitionSpec> p : pieces) {
            combos *= p.size();
        }
        for (int c = 0; c < combos; c++) {
            int rest = c;
            for (int s = pieces.size() - 1; s >= 0; s--) {
                List<ShufflePartitionSpec> p = pieces.get(s);
                specs.get(s).add(p.get(rest % p.size()));
                rest /= p.size();
            }
        }
    }

    /** Consecutive map outputs of one reduce partition, grouped into pieces of about {@code target} bytes. */
    static List<ShufflePartitionSpec> splitByMaps(long[][] bytes, int reducer, long target) {
        List<ShufflePartitionSpec> out = new ArrayList<>();
        int start = 0;
        long acc = 0;
        for (int m = 0; m < bytes.length; m++) {
            long b = bytes[m][reducer];
            if (m > start && acc + b > target) {
                out.add(new ShufflePartitionSpec.PartialReducer(reducer, start, m));
                start = m;
                acc = 0;
            }
            acc += b;
        }
        if (bytes.length > start) {
            out.add(new ShufflePartitionSpec.PartialReducer(reducer, start, bytes.length));
        }
        return out.size() > 1 ? out : List.of(new ShufflePartitionSpec.Coalesced(reducer, reducer + 1));
    }
}
