package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.CoalescedRdd;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.ShuffleDependency;
import dev.ember.physical.rdd.ShuffledRdd;
import dev.ember.physical.shuffle.BatchShuffleWriter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/** The steps of {@link PlanStepSource}: sample, repartition, coalesce. */
final class PlanSteps {
    private PlanSteps() {
    }

    /**
     * Each row kept with probability {@code fraction} (Bernoulli), or repeated a Poisson({@code
     * fraction}) number of times with replacement; random numbers seeded by {@code seed} and the
     * partition, so the same plan samples the same rows.
     */
    static PlanStepSource.Step sample(boolean withReplacement, double fraction, long seed, Schema schema, int batchSize) {
        return (input, cluster, job) -> new MapPartitionsRdd<>(input, (ctx, p, in) -> new CloseableIterator<ColumnBatch>() {
            private final SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (p + 1)));
            private final Deque<ColumnBatch> ready = new ArrayDeque<>();
            private ColumnBatch current;
            private int[] sel = new int[0];

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && in.hasNext()) {
                    sampleNext(in.next());
                }
                return !ready.isEmpty();
            }

            private void sampleNext(ColumnBatch b) {
                int n = 0;
                for (int i = 0; i < b.rowCount(); i++) {
                    int times = withReplacement ? poisson(fraction) : random.nextDouble() < fraction ? 1 : 0;
                    for (int t = 0; t < times; t++) {
                        if (n == sel.length) {
                            sel = java.util.Arrays.copyOf(sel, Math.max(16, sel.length * 2));
                        }
                        sel[n++] = i;
                    }
                }
                if (n == 0) {
                    return;
                }
                try (BatchAppender a = new BatchAppender(schema, ctx.allocator(), Math.min(n, batchSize))) {
                    a.append(b, sel, 0, n);
                    ready.addAll(a.finish());
                }
            }

            private int poisson(double lambda) {
                double l = Math.exp(-lambda);
                int k = 0;
                double prod = random.nextDouble();
                while (prod > l) {
                    k++;
                    prod *= random.nextDouble();
                }
                return k;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                release();
                current = ready.poll();
                return current;
            }

            private void release() {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }

            @Override
            public void close() {
                release();
                ready.forEach(ColumnBatch::close);
                ready.clear();
                in.close();
            }
        }, true).setName("Sample(" + fraction + ")");
    }

    /** A shuffle into {@code partitions}: by hash of the columns {@code keys}, or round robin without keys. */
    static PlanStepSource.Step repartition(int partitions, int[] keys, Schema schema, int batchSize) {
        return (input, cluster, job) -> {
            BatchShuffleWriter.Partitioning how = keys.length == 0 ? new BatchShuffleWriter.Partitioning.RoundRobin()
                    : new BatchShuffleWriter.Partitioning.Hash(keys);
            ShuffleDependency<ColumnBatch> dep = new ShuffleDependency<>(input, partitions,
                    BatchShuffleWriter.factory(schema, how, batchSize), keys.length == 0 ? "round robin into " + partitions
                    : "hash" + java.util.Arrays.stream(keys).mapToObj(k -> schema.field(k).name()).toList() + " into " + partitions);
            job.onClose(() -> cluster.removeShuffle(dep.shuffleId()));
            return new ShuffledRdd<>(dep, cluster);
        };
    }

    /** {@code partitions} partitions without a shuffle, each reading a range of the input's. */
    static PlanStepSource.Step coalesce(int partitions) {
        return (input, cluster, job) -> new CoalescedRdd<>(input, partitions);
    }
}
