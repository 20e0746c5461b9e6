package dev.ember.physical.shuffle;

import dev.ember.physical.scheduler.LocalCluster;

import java.lang.ref.Cleaner;

/**
 * Drops a shuffle's map outputs once nothing can read them any more, as Spark's
 * {@code ContextCleaner} does: the typed Rdd API keeps shuffle outputs after a job (a second
 * action on the same Rdd, or the next iteration of an algorithm, skips the map stage), and
 * registers the reading Rdd here so that the outputs go when that Rdd is garbage. A shuffle
 * dropped too early would only be recomputed: the scheduler re-runs missing map outputs.
 */
public final class ShuffleCleaner {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "ember-shuffle-cleaner");
        t.setDaemon(true);
        return t;
    });

    private ShuffleCleaner() {
    }

    /** Removes shuffle {@code shuffleId} from {@code cluster} when {@code reader} becomes unreachable. */
    public static void register(Object reader, LocalCluster cluster, int shuffleId) {
        CLEANER.register(reader, () -> cluster.removeShuffle(shuffleId));
    }
}
