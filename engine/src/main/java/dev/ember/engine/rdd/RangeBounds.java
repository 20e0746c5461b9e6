package dev.ember.engine.rdd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bounds of a {@link RangePartitioner}, from a sample of the keys (Spark's way): a job takes
 * a reservoir sample of each partition, each sampled key weighs its partition's size over its
 * sample's, and bounds are picked at equal steps of cumulative weight, so skewed partitions do
 * not skew the ranges.
 */
final class RangeBounds {
    private RangeBounds() {
    }

    /** A partition's sample and how many keys it has. */
    private record Sample<K>(List<K> keys, long count) {
    }

    @SuppressWarnings("unchecked")
    static <K, V> RangePartitioner sample(JavaPairRdd<K, V> rdd, Comparator<? super K> comparator, boolean ascending,
                                          int partitions) {
        if (partitions <= 1 || rdd.getNumPartitions() == 0) {
            return new RangePartitioner(List.of(), ascending, comparator);
        }
        double sampleSize = Math.min(20.0 * partitions, 1e6);
        int perPartition = (int) Math.ceil(3.0 * sampleSize / rdd.getNumPartitions());
        List<Sample<K>> samples = rdd.session.runJob(rdd.rdd, (ctx, it) -> {
            SplittableRandom random = new SplittableRandom(ctx.partition() * 0x9E3779B97F4A7C15L + 17);
            List<K> reservoir = new ArrayList<>(perPartition);
            long seen = 0;
            while (it.hasNext()) {
                K k = it.next()._1();
                seen++;
                if (k == null) {
                    continue;
                }
                if (reservoir.size() < perPartition) {
                    reservoir.add(k);
                } else {
                    long j = random.nextLong(seen);
                    if (j < perPartition) {
                        reservoir.set((int) j, k);
                    }
                }
            }
            return new Sample<>(reservoir, seen);
        });
        record Weighted<K>(K key, double weight) {
        }
        List<Weighted<K>> all = new ArrayList<>();
        for (Sample<K> s : samples) {
            double w = s.keys().isEmpty() ? 0 : (double) s.count() / s.keys().size();
            for (K k : s.keys()) {
                all.add(new Weighted<>(k, w));
            }
        }
        all.sort((a, b) -> comparator.compare(a.key(), b.key()));
        double total = all.stream().mapToDouble(Weighted::weight).sum();
        double step = total / partitions;
        List<K> bounds = new ArrayList<>();
        double cumulative = 0;
        double target = step;
        K previous = null;
        for (Weighted<K> w : all) {
            cumulative += w.weight();
            if (cumulative >= target && bounds.size() < partitions - 1) {
                if (previous == null || comparator.compare(w.key(), previous) > 0) {
                    bounds.add(w.key());
                    previous = w.key();
                    target += step;
                }
            }
        }
        return new RangePartitioner(bounds, ascending, comparator);
    }
}
