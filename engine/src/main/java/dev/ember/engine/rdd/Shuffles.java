package dev.ember.engine.rdd;

import dev.ember.engine.EmberSession;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ShuffleDependency;
import dev.ember.physical.rdd.ShuffledRdd;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.shuffle.Combiner;
import dev.ember.physical.shuffle.KeyValueShuffleWriter;
import dev.ember.physical.shuffle.ShuffleCleaner;

/**
 * The shuffles of pair Rdds: records go to the partition their key's {@link Partitioner}
 * picks, combined per key in the map task first when a combiner is given. The outputs stay on
 * the executors after the job (a later job over the same lineage skips the map stage) until the
 * reading Rdd is garbage.
 */
final class Shuffles {
    private Shuffles() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K, V, C> Rdd<Tuple2<K, Object>> shuffle(EmberSession session, Rdd<Tuple2<K, V>> input, Partitioner partitioner,
                                                   Combiner<V, C> mapSideCombiner, String what) {
        LocalCluster cluster = session.cluster();
        ShuffleDependency dep = new ShuffleDependency(input, partitioner.numPartitions(),
                KeyValueShuffleWriter.factory(partitioner, mapSideCombiner, (k, c) -> new Tuple2<>(k, c)),
                what + " by " + partitioner);
        ShuffledRdd<Tuple2<K, Object>> read = new ShuffledRdd<>(dep, cluster);
        read.setName(what + "#" + dep.shuffleId());
        ShuffleCleaner.register(read, cluster, dep.shuffleId());
        return read;
    }
}
