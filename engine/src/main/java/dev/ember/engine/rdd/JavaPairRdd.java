package dev.ember.engine.rdd;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.function.FlatMapFunction;
import dev.ember.engine.rdd.function.Function;
import dev.ember.engine.rdd.function.Function2;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ZippedPartitionsRdd;
import dev.ember.physical.shuffle.Combiner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Rdd of key/value pairs, as Spark's {@code JavaPairRDD}: aggregation by key
 * ({@code reduceByKey} combines in the map tasks before the shuffle, as MapReduce's combiner
 * does), grouping, sorting and joins. A pair Rdd knows its {@link Partitioner} after a shuffle
 * (and keeps it through {@code mapValues} and {@code filter}); operations on Rdds already
 * partitioned alike need no shuffle.
 *
 * <pre>{@code
 * JavaPairRdd<String, Integer> counts = words.mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum);
 * JavaPairRdd<String, Tuple2<Integer, String>> joined = counts.join(definitions);
 * }</pre>
 */
public final class JavaPairRdd<K, V> extends JavaRdd<Tuple2<K, V>> {

    JavaPairRdd(EmberSession session, Rdd<Tuple2<K, V>> rdd, Partitioner partitioner) {
        super(session, rdd, partitioner);
    }

    public static <K, V> JavaPairRdd<K, V> fromJavaRdd(JavaRdd<Tuple2<K, V>> rdd) {
        return new JavaPairRdd<>(rdd.session, rdd.rdd, rdd.partitioner);
    }

    public static <K, V> JavaPairRdd<K, V> fromPairRdd(EmberSession session, Rdd<Tuple2<K, V>> rdd) {
        return new JavaPairRdd<>(session, rdd, null);
    }

    /** The partitioner its keys are laid out by, when known. */
    public Optional<Partitioner> partitioner() {
        return Optional.ofNullable(partitioner);
    }

    private Partitioner defaultPartitioner(JavaPairRdd<?, ?>... others) {
        if (partitioner != null) {
            return partitioner;
        }
        int n = getNumPartitions();
        for (JavaPairRdd<?, ?> o : others) {
            if (o.partitioner != null) {
                return o.partitioner;
            }
            n = Math.max(n, o.getNumPartitions());
        }
        return new HashPartitioner(n);
    }

    // ------------------------------------------------------------------ per value

    /** The values transformed, keys (and so the partitioning) kept. */
    public <W> JavaPairRdd<K, W> mapValues(Function<V, W> f) {
        return new JavaPairRdd<>(session, mapPartitionsRdd((ctx, p, in) -> UserCode.map(in,
                t -> new Tuple2<>(t._1(), f.call(t._2()))), true, "mapValues"), partitioner);
    }

    public <W> JavaPairRdd<K, W> flatMapValues(FlatMapFunction<V, W> f) {
        return new JavaPairRdd<>(session, mapPartitionsRdd((ctx, p, in) -> UserCode.flatMap(in, t -> {
            Iterator<W> ws = f.call(t._2());
            List<Tuple2<K, W>> out = new ArrayList<>();
            ws.forEachRemaining(w -> out.add(new Tuple2<>(t._1(), w)));
            return out.iterator();
        }), true, "flatMapValues"), partitioner);
    }

    @Override
    public JavaPairRdd<K, V> filter(Function<Tuple2<K, V>, Boolean> f) {
        return fromJavaRdd(super.filter(f));
    }

    public JavaRdd<K> keys() {
        return map(Tuple2::_1);
    }

    public JavaRdd<V> values() {
        return map(Tuple2::_2);
    }

    public JavaPairRdd<K, V> union(JavaPairRdd<K, V> other) {
        return fromJavaRdd(super.union(other));
    }

    @Override
    public JavaPairRdd<K, V> distinct() {
        return fromJavaRdd(super.distinct());
    }

    // ------------------------------------------------------------------ partitioning

    /** The pairs laid out by {@code p} (a shuffle, unless they already are). */
    @SuppressWarnings("unchecked")
    public JavaPairRdd<K, V> partitionBy(Partitioner p) {
        if (p.equals(partitioner)) {
            return this;
        }
        Rdd<Tuple2<K, V>> shuffled = (Rdd<Tuple2<K, V>>) (Rdd<?>) Shuffles.shuffle(session, rdd, p, null, "partitionBy");
        return new JavaPairRdd<>(session, shuffled, p);
    }

    // ------------------------------------------------------------------ aggregation by key

    /**
     * The generic aggregation by key: each key's values turned into a C with {@code createCombiner}
     * and {@code mergeValue}, in the map tasks when {@code mapSideCombine} (then shuffled once per
     * key and task), and the Cs of a key merged with {@code mergeCombiners} after the shuffle.
     */
    @SuppressWarnings("unchecked")
    public <C> JavaPairRdd<K, C> combineByKey(Function<V, C> createCombiner, Function2<C, V, C> mergeValue,
                                               Function2<C, C, C> mergeCombiners, Partitioner p, boolean mapSideCombine) {
        Combiner<V, C> combiner = new Combiner<>() {
            @Override
            public C createCombiner(V value) {
                return UserCode.apply(createCombiner, value);
            }

            @Override
            public C mergeValue(C combined, V value) {
                return call(mergeValue, combined, value);
            }

            @Override
            public C mergeCombiners(C a, C b) {
                return call(mergeCombiners, a, b);
            }
        };
        if (p.equals(partitioner)) {
            // Already laid out by p: every key's values are in one partition.
            return new JavaPairRdd<>(session, mapPartitionsRdd((ctx, part, in) -> combined(in, combiner, false), true,
                    "combineByKey"), p);
        }
        Rdd<Tuple2<K, Object>> shuffled = Shuffles.shuffle(session, rdd, p, mapSideCombine ? combiner : null, "combineByKey");
        Rdd<Tuple2<K, C>> reduced = new dev.ember.physical.rdd.MapPartitionsRdd<>(shuffled,
                (ctx, part, in) -> combined((CloseableIterator<Tuple2<K, V>>) (CloseableIterator<?>) in, combiner, mapSideCombine),
                true).setName("combineByKey");
        return new JavaPairRdd<>(session, reduced, p);
    }

    public <C> JavaPairRdd<K, C> combineByKey(Function<V, C> createCombiner, Function2<C, V, C> mergeValue,
                                               Function2<C, C, C> mergeCombiners, int numPartitions) {
        return combineByKey(createCombiner, mergeValue, mergeCombiners, new HashPartitioner(numPartitions), true);
    }

    public <C> JavaPairRdd<K, C> combineByKey(Function<V, C> createCombiner, Function2<C, V, C> mergeValue,
                                               Function2<C, C, C> mergeCombiners) {
        return combineByKey(createCombiner, mergeValue, mergeCombiners, defaultPartitioner(), true);
    }

    /** Merges records of one key: values (or, when {@code combinedInput}, combiners already made). */
    @SuppressWarnings("unchecked")
    private static <K, V, C> CloseableIterator<Tuple2<K, C>> combined(CloseableIterator<Tuple2<K, V>> in, Combiner<V, C> c,
                                                                       boolean combinedInput) {
        Map<K, C> m = new LinkedHashMap<>();
        try (in) {
            while (in.hasNext()) {
                Tuple2<K, V> t = in.next();
                K k = t._1();
                C prev = m.get(k);
                boolean present = prev != null || m.containsKey(k);
                if (combinedInput) {
                    C v = (C) t._2();
                    m.put(k, present ? c.mergeCombiners(prev, v) : v);
                } else {
                    m.put(k, present ? c.mergeValue(prev, t._2()) : c.createCombiner(t._2()));
                }
            }
        }
        List<Tuple2<K, C>> out = new ArrayList<>(m.size());
        m.forEach((k, v) -> out.add(new Tuple2<>(k, v)));
        return CloseableIterator.of(out);
    }

    /** Each key's values combined with {@code f}, in the map tasks first (MapReduce's combiner). */
    public JavaPairRdd<K, V> reduceByKey(Function2<V, V, V> f) {
        return reduceByKey(f, defaultPartitioner());
    }

    public JavaPairRdd<K, V> reduceByKey(Function2<V, V, V> f, int numPartitions) {
        return reduceByKey(f, new HashPartitioner(numPartitions));
    }

    public JavaPairRdd<K, V> reduceByKey(Function2<V, V, V> f, Partitioner p) {
        return combineByKey(v -> v, f, f, p, true);
    }

    /** As {@link #reduceByKey}, starting each key from {@code zero} (which must be neutral). */
    public JavaPairRdd<K, V> foldByKey(V zero, Function2<V, V, V> f) {
        return combineByKey(v -> call(f, zero, v), f, f, defaultPartitioner(), true);
    }

    /** Each key's values folded into a U ({@code seqOp} from {@code zero}), the Us of a key merged with {@code combOp}. */
    public <U> JavaPairRdd<K, U> aggregateByKey(U zero, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
        return aggregateByKey(zero, defaultPartitioner(), seqOp, combOp);
    }

    public <U> JavaPairRdd<K, U> aggregateByKey(U zero, int numPartitions, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
        return aggregateByKey(zero, new HashPartitioner(numPartitions), seqOp, combOp);
    }

    public <U> JavaPairRdd<K, U> aggregateByKey(U zero, Partitioner p, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
        return combineByKey(v -> seqOp.call(zero, v), seqOp, combOp, p, true);
    }

    /** Each key with all its values (no map-side combining: every value crosses the shuffle). */
    public JavaPairRdd<K, Iterable<V>> groupByKey() {
        return groupByKey(defaultPartitioner());
    }

    public JavaPairRdd<K, Iterable<V>> groupByKey(int numPartitions) {
        return groupByKey(new HashPartitioner(numPartitions));
    }

    public JavaPairRdd<K, Iterable<V>> groupByKey(Partitioner p) {
        JavaPairRdd<K, List<V>> lists = combineByKey(v -> {
            List<V> l = new ArrayList<>();
            l.add(v);
            return l;
        }, (l, v) -> {
            l.add(v);
            return l;
        }, (a, b) -> {
            a.addAll(b);
            return a;
        }, p, false);
        return lists.mapValues(l -> (Iterable<V>) l);
    }

    // ------------------------------------------------------------------ sorting

    /** Sorted by key in natural order (keys Comparable), ascending, across as many partitions as now. */
    public JavaPairRdd<K, V> sortByKey() {
        return sortByKey(true);
    }

    public JavaPairRdd<K, V> sortByKey(boolean ascending) {
        return sortByKey(ascending, getNumPartitions());
    }

    @SuppressWarnings("unchecked")
    public JavaPairRdd<K, V> sortByKey(boolean ascending, int numPartitions) {
        return sortByKey((Comparator<K>) Comparator.naturalOrder(), ascending, numPartitions);
    }

    /**
     * Sorted by key: a job samples the keys now to pick {@code numPartitions - 1} bounds, the
     * pairs are range-partitioned on them (a {@link RangePartitioner}) and each partition sorted,
     * so the partitions in order hold the keys in order.
     */
    @SuppressWarnings("unchecked")
    public JavaPairRdd<K, V> sortByKey(Comparator<? super K> comparator, boolean ascending, int numPartitions) {
        RangePartitioner rp = RangeBounds.sample(this, comparator, ascending, numPartitions);
        Comparator<K> keys = Comparator.nullsFirst((Comparator<K>) comparator);
        Comparator<Tuple2<K, V>> order = (a, b) -> keys.compare(a._1(), b._1());
        Comparator<Tuple2<K, V>> finalOrder = ascending ? order : order.reversed();
        Rdd<Tuple2<K, V>> shuffled = (Rdd<Tuple2<K, V>>) (Rdd<?>) Shuffles.shuffle(session, rdd, rp, null, "sortByKey");
        Rdd<Tuple2<K, V>> sorted = new dev.ember.physical.rdd.MapPartitionsRdd<>(shuffled, (ctx, p, in) -> {
            List<Tuple2<K, V>> all = new ArrayList<>();
            try (in) {
                in.forEachRemaining(all::add);
            }
            all.sort(finalOrder);
            return CloseableIterator.of(all);
        }, true).setName("sortByKey");
        return new JavaPairRdd<>(session, sorted, rp);
    }

    // ------------------------------------------------------------------ cogroup and joins

    /** Per key, the values of each side (one side's list empty where only the other has the key). */
    public <W> JavaPairRdd<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(JavaPairRdd<K, W> other) {
        return cogroup(other, defaultPartitioner(other));
    }

    public <W> JavaPairRdd<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(JavaPairRdd<K, W> other, int numPartitions) {
        return cogroup(other, new HashPartitioner(numPartitions));
    }

    /** A side already laid out by {@code p} is read as it is (a narrow dependency); the other is shuffled. */
    @SuppressWarnings("unchecked")
    public <W> JavaPairRdd<K, Tuple2<Iterable<V>, Iterable<W>>> cogroup(JavaPairRdd<K, W> other, Partitioner p) {
        Rdd<Tuple2<K, Object>> left = p.equals(partitioner) ? (Rdd<Tuple2<K, Object>>) (Rdd<?>) rdd
                : Shuffles.shuffle(session, rdd, p, null, "cogroup");
        Rdd<Tuple2<K, Object>> right = p.equals(other.partitioner) ? (Rdd<Tuple2<K, Object>>) (Rdd<?>) other.rdd
                : Shuffles.shuffle(session, other.rdd, p, null, "cogroup");
        ZippedPartitionsRdd<Tuple2<K, Object>, Tuple2<K, Object>, Tuple2<K, Tuple2<Iterable<V>, Iterable<W>>>> grouped =
                new ZippedPartitionsRdd<>(left, right, (ctx, part, l, r) -> {
                    Map<K, Tuple2<List<V>, List<W>>> m = new LinkedHashMap<>();
                    try (l; r) {
                        while (l.hasNext()) {
                            Tuple2<K, Object> t = l.next();
                            m.computeIfAbsent(t._1(), k -> new Tuple2<>(new ArrayList<>(), new ArrayList<>()))._1().add((V) t._2());
                        }
                        while (r.hasNext()) {
                            Tuple2<K, Object> t = r.next();
                            m.computeIfAbsent(t._1(), k -> new Tuple2<>(new ArrayList<>(), new ArrayList<>()))._2().add((W) t._2());
                        }
                    }
                    List<Tuple2<K, Tuple2<Iterable<V>, Iterable<W>>>> out = new ArrayList<>(m.size());
                    m.forEach((k, vw) -> out.add(new Tuple2<>(k, new Tuple2<>(vw._1(), vw._2()))));
                    return CloseableIterator.of(out);
                });
        grouped.setName("cogroup");
        return new JavaPairRdd<>(session, grouped, p);
    }

    /** Pairs of values for each key both sides have (an inner join). */
    public <W> JavaPairRdd<K, Tuple2<V, W>> join(JavaPairRdd<K, W> other) {
        return join(other, defaultPartitioner(other));
    }

    public <W> JavaPairRdd<K, Tuple2<V, W>> join(JavaPairRdd<K, W> other, int numPartitions) {
        return join(other, new HashPartitioner(numPartitions));
    }

    public <W> JavaPairRdd<K, Tuple2<V, W>> join(JavaPairRdd<K, W> other, Partitioner p) {
        return cogroup(other, p).flatMapValues(vw -> {
            List<Tuple2<V, W>> out = new ArrayList<>();
            for (V v : vw._1()) {
                for (W w : vw._2()) {
                    out.add(new Tuple2<>(v, w));
                }
            }
            return out.iterator();
        });
    }

    /** Every pair of this side, with the matching values of the other or {@code Optional.empty()}. */
    public <W> JavaPairRdd<K, Tuple2<V, Optional<W>>> leftOuterJoin(JavaPairRdd<K, W> other) {
        return leftOuterJoin(other, defaultPartitioner(other));
    }

    public <W> JavaPairRdd<K, Tuple2<V, Optional<W>>> leftOuterJoin(JavaPairRdd<K, W> other, int numPartitions) {
        return leftOuterJoin(other, new HashPartitioner(numPartitions));
    }

    public <W> JavaPairRdd<K, Tuple2<V, Optional<W>>> leftOuterJoin(JavaPairRdd<K, W> other, Partitioner p) {
        return cogroup(other, p).flatMapValues(vw -> {
            List<Tuple2<V, Optional<W>>> out = new ArrayList<>();
            for (V v : vw._1()) {
                boolean any = false;
                for (W w : vw._2()) {
                    out.add(new Tuple2<>(v, Optional.ofNullable(w)));
                    any = true;
                }
                if (!any) {
                    out.add(new Tuple2<>(v, Optional.empty()));
                }
            }
            return out.iterator();
        });
    }

    /** Every pair of the other side, with the matching values of this one or {@code Optional.empty()}. */
    public <W> JavaPairRdd<K, Tuple2<Optional<V>, W>> rightOuterJoin(JavaPairRdd<K, W> other) {
        return cogroup(other, defaultPartitioner(other)).flatMapValues(vw -> {
            List<Tuple2<Optional<V>, W>> out = new ArrayList<>();
            for (W w : vw._2()) {
                boolean any = false;
                for (V v : vw._1()) {
                    out.add(new Tuple2<>(Optional.ofNullable(v), w));
                    any = true;
                }
                if (!any) {
                    out.add(new Tuple2<>(Optional.empty(), w));
                }
            }
            return out.iterator();
        });
    }

    /** Every key of either side, with the values of both (empty where a side lacks the key). */
    public <W> JavaPairRdd<K, Tuple2<Optional<V>, Optional<W>>> fullOuterJoin(JavaPairRdd<K, W> other) {
        return cogroup(other, defaultPartitioner(other)).flatMapValues(vw -> {
            List<Tuple2<Optional<V>, Optional<W>>> out = new ArrayList<>();
            List<Optional<V>> vs = new ArrayList<>();
            vw._1().forEach(v -> vs.add(Optional.ofNullable(v)));
            List<Optional<W>> ws = new ArrayList<>();
            vw._2().forEach(w -> ws.add(Optional.ofNullable(w)));
            if (vs.isEmpty()) {
                vs.add(Optional.empty());
            }
            if (ws.isEmpty()) {
                ws.add(Optional.empty());
            }
            for (Optional<V> v : vs) {
                for (Optional<W> w : ws) {
                    out.add(new Tuple2<>(v, w));
                }
            }
            return out.iterator();
        });
    }

    /** Pairs whose key the other side does not have. */
    public <W> JavaPairRdd<K, V> subtractByKey(JavaPairRdd<K, W> other) {
        return cogroup(other, defaultPartitioner(other)).flatMapValues(vw -> {
            if (vw._2().iterator().hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            List<V> out = new ArrayList<>();
            vw._1().forEach(out::add);
            return out.iterator();
        });
    }

    // ------------------------------------------------------------------ actions

    /** Pairs per key. */
    public Map<K, Long> countByKey() {
        return mapValues(v -> 1L).reduceByKey(Long::sum).collectAsMap();
    }

    /** The pairs as a map (a later pair of the same key wins). */
    public Map<K, V> collectAsMap() {
        Map<K, V> m = new HashMap<>();
        for (Tuple2<K, V> t : collect()) {
            m.put(t._1(), t._2());
        }
        return m;
    }

    /** The values of {@code key} (only the partition that can hold it is read when the partitioner is known). */
    public List<V> lookup(K key) {
        if (partitioner != null) {
            int p = partitioner.getPartition(key);
            List<List<V>> got = session.runJob(rdd, new int[] {p}, (ctx, it) -> {
                List<V> out = new ArrayList<>();
                it.forEachRemaining(t -> {
                    if (Objects.equals(t._1(), key)) {
                        out.add(t._2());
                    }
                });
                return out;
            });
            return got.get(0);
        }
        return filter(t -> Objects.equals(t._1(), key)).values().collect();
    }
}
