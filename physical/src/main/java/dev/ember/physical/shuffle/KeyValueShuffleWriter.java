package dev.ember.physical.shuffle;

import dev.ember.physical.scheduler.TaskContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The map side of a shuffle of key/value records (the typed Rdd API's {@code reduceByKey},
 * {@code groupByKey}, {@code join}, {@code sortByKey}...): each record goes to the block of its
 * key's partition. With a {@link Combiner}, values of one key are combined in the map task
 * first (MapReduce's combiner), so one record per key and map task is shuffled.
 *
 * <p>Records are Java objects on the heap, not Arrow memory; block sizes are estimated at
 * {@link #BYTES_PER_RECORD} bytes a record.
 */
public final class KeyValueShuffleWriter<K, V, C> implements ShuffleWriter<Map.Entry<K, V>> {
    /** What one shuffled record is assumed to weigh, for the map statistics. */
    public static final long BYTES_PER_RECORD = 64;

    private final KeyPartitioner partitioner;
    private final Combiner<V, C> combiner;
    private final BiFunction<K, Object, ? extends Map.Entry<K, ?>> pair;
    private final int numPartitions;
    private final TaskContext ctx;
    private final List<Map.Entry<K, ?>>[] records;
    private final Map<K, C>[] combined;
    private long written;

    @SuppressWarnings("unchecked")
    private KeyValueShuffleWriter(KeyPartitioner partitioner, Combiner<V, C> combiner,
                                  BiFunction<K, Object, ? extends Map.Entry<K, ?>> pair, int numPartitions, TaskContext ctx) {
        this.partitioner = partitioner;
        this.combiner = combiner;
        this.pair = pair;
        this.numPartitions = numPartitions;
        this.ctx = ctx;
        this.records = combiner == null ? new List[numPartitions] : null;
        this.combined = combiner == null ? null : new Map[numPartitions];
        for (int p = 0; p < numPartitions; p++) {
            if (combiner == null) {
                records[p] = new ArrayList<>();
            } else {
                combined[p] = new HashMap<>();
            }
        }
    }

    /**
     * A factory for a dependency. {@code combiner} null: records are shuffled as they are;
     * otherwise each block holds one {@code pair(key, combined)} per key. {@code pair} makes the
     * output records (the API's tuple type).
     */
    public static <K, V, C> Factory<Map.Entry<K, V>> factory(KeyPartitioner partitioner, Combiner<V, C> combiner,
                                                          BiFunction<K, Object, ? extends Map.Entry<K, ?>> pair) {
        return (n, ctx) -> new KeyValueShuffleWriter<>(partitioner, combiner, pair, n, ctx);
    }

    private int partitionOf(K key) {
        int p = numPartitions == 1 ? 0 : partitioner.partition(key);
        if (p < 0 || p >= numPartitions) {
            throw new IllegalStateException("partitioner put key " + key + " in partition " + p + " of " + numPartitions);
        }
        return p;
    }

    @Override
    public void write(Map.Entry<K, V> record) {
        if ((++written & 0xFFF) == 0) {
            ctx.checkCancelled();
        }
        K key = record.getKey();
        int p = partitionOf(key);
        if (combiner == null) {
            records[p].add(record);
        } else {
            V v = record.getValue();
            Map<K, C> m = combined[p];
            C c = m.get(key);
            m.put(key, c == null && !m.containsKey(key) ? combiner.createCombiner(v) : combiner.mergeValue(c, v));
        }
    }

    @Override
    public MapStatus commit(ShuffleStore store, int shuffleId, int mapId) {
        ShuffleBlock[] blocks = new ShuffleBlock[numPartitions];
        long[] bytes = new long[numPartitions];
        long[] rows = new long[numPartitions];
        for (int p = 0; p < numPartitions; p++) {
            List<Map.Entry<K, ?>> items;
            if (combiner == null) {
                items = records[p];
            } else {
                items = new ArrayList<>(combined[p].size());
                for (Map.Entry<K, C> e : combined[p].entrySet()) {
                    items.add(pair.apply(e.getKey(), e.getValue()));
                }
            }
            rows[p] = items.size();
            bytes[p] = rows[p] * BYTES_PER_RECORD;
            blocks[p] = new ShuffleBlock(java.util.Collections.unmodifiableList(items), bytes[p], rows[p]);
        }
        store.put(shuffleId, mapId, blocks);
        return new MapStatus(ctx.executor().id(), bytes, rows);
    }

    @Override
    public void close() {
        // Nothing off the heap to free.
    }
}
