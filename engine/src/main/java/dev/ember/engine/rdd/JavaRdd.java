package dev.ember.engine.rdd;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.engine.EmberSession;
import dev.ember.engine.StorageLevel;
import dev.ember.engine.rdd.function.FlatMapFunction;
import dev.ember.engine.rdd.function.Function;
import dev.ember.engine.rdd.function.Function2;
import dev.ember.engine.rdd.function.PairFlatMapFunction;
import dev.ember.engine.rdd.function.PairFunction;
import dev.ember.engine.rdd.function.PartitionIndexFunction;
import dev.ember.engine.rdd.function.VoidFunction;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.CoalescedRdd;
import dev.ember.physical.rdd.Dependency;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ShuffleDependency;
import dev.ember.physical.rdd.UnionRdd;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A typed, partitioned, immutable dataset computed from its lineage, as Spark's
 * {@code JavaRDD}: transformations are lazy and build an {@link Rdd} graph, actions run it as a
 * job on the session's executors (the scheduler, shuffles and recovery SQL uses). Functions are
 * serializable functional interfaces; they run in the tasks, on the executors' threads.
 *
 * <pre>{@code
 * JavaPairRdd<String, Integer> counts = session.textFile("book.txt")
 *     .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
 *     .mapToPair(word -> new Tuple2<>(word, 1))
 *     .reduceByKey(Integer::sum);
 * counts.collect();
 * }</pre>
 */
public class JavaRdd<T> {
    final EmberSession session;
    final Rdd<T> rdd;
    final Partitioner partitioner;

    JavaRdd(EmberSession session, Rdd<T> rdd, Partitioner partitioner) {
        this.session = session;
        this.rdd = rdd;
        this.partitioner = partitioner;
    }

    /** The typed API over an Rdd of the engine's. */
    public static <T> JavaRdd<T> fromRdd(EmberSession session, Rdd<T> rdd) {
        return new JavaRdd<>(session, rdd, null);
    }

    /** The engine's Rdd underneath (its lineage). */
    public Rdd<T> rdd() {
        return rdd;
    }

    public EmberSession session() {
        return session;
    }

    public int getNumPartitions() {
        return rdd.numPartitions();
    }

    public int id() {
        return rdd.id();
    }

    public String name() {
        return rdd.name();
    }

    public JavaRdd<T> setName(String name) {
        rdd.setName(name);
        return this;
    }

    <U> Rdd<U> mapPartitionsRdd(MapPartitionsRdd.PartitionFunction<T, U> f, boolean preservesPartitioning, String name) {
        return new MapPartitionsRdd<>(rdd, f, preservesPartitioning).setName(name);
    }

    // ------------------------------------------------------------------ transformations

    public <U> JavaRdd<U> map(Function<T, U> f) {
        return new JavaRdd<>(session, mapPartitionsRdd((ctx, p, in) -> UserCode.map(in, f), false, "map"), null);
    }

    public JavaRdd<T> filter(Function<T, Boolean> f) {
        return new JavaRdd<>(session, mapPartitionsRdd((ctx, p, in) -> UserCode.filter(in, f), true, "filter"), partitioner);
    }

    /** Zero or more values for each value: {@code flatMap(line -> List.of(line.split(" ")).iterator())}. */
    public <U> JavaRdd<U> flatMap(FlatMapFunction<T, U> f) {
        return new JavaRdd<>(session, mapPartitionsRdd((ctx, p, in) -> UserCode.flatMap(in, f), false, "flatMap"), null);
    }

    /** A whole partition at a time: {@code f} gets an iterator over it and returns one over the results. */
    public <U> JavaRdd<U> mapPartitions(FlatMapFunction<Iterator<T>, U> f) {
        return mapPartitionsWithIndex((i, it) -> f.call(it), false);
    }

    /** As {@link #mapPartitions}, knowing the partition's index; {@code preservesPartitioning} keeps a pair Rdd's partitioner. */
    public <U> JavaRdd<U> mapPartitionsWithIndex(PartitionIndexFunction<T, U> f, boolean preservesPartitioning) {
        return new JavaRdd<>(session, mapPartitionsRdd((ctx, p, in) -> {
            Iterator<U> out;
            try {
                out = f.call(p, in);
            } catch (Exception e) {
                throw UserCode.wrap(e);
            }
            return CloseableIterator.of(out == null ? java.util.Collections.emptyIterator() : out, in::close);
        }, preservesPartitioning, "mapPartitions"), preservesPartitioning ? partitioner : null);
    }

    /** Each partition's values as one list. */
    public JavaRdd<List<T>> glom() {
        return mapPartitionsWithIndex((i, it) -> {
            List<T> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            return List.of(all).iterator();
        }, false);
    }

    public <K, V> JavaPairRdd<K, V> mapToPair(PairFunction<T, K, V> f) {
        return new JavaPairRdd<>(session, mapPartitionsRdd((ctx, p, in) -> UserCode.map(in, v -> f.call(v)), false, "mapToPair"),
                null);
    }

    public <K, V> JavaPairRdd<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> f) {
        return new JavaPairRdd<>(session, mapPartitionsRdd((ctx, p, in) -> UserCode.flatMap(in, v -> f.call(v)), false,
                "flatMapToPair"), null);
    }

    /** Pairs (f(value), value). */
    public <K> JavaPairRdd<K, T> keyBy(Function<T, K> f) {
        return mapToPair(v -> new Tuple2<>(f.call(v), v));
    }

    /** The values grouped by f(value). */
    public <K> JavaPairRdd<K, Iterable<T>> groupBy(Function<T, K> f) {
        return keyBy(f).groupByKey();
    }

    /** Both Rdds' partitions, one after the other (no shuffle; duplicates kept). */
    public JavaRdd<T> union(JavaRdd<T> other) {
        return new JavaRdd<>(session, new UnionRdd<>(List.of(rdd, other.rdd)).setName("union"), null);
    }

    /** Each value once (a shuffle). */
    public JavaRdd<T> distinct() {
        return distinct(getNumPartitions());
    }

    public JavaRdd<T> distinct(int numPartitions) {
        return mapToPair(v -> new Tuple2<T, Boolean>(v, Boolean.TRUE)).reduceByKey((a, b) -> a, numPartitions).keys();
    }

    /** The values sorted by f(value) across partitions (a range shuffle, keys sampled first). */
    public <K> JavaRdd<T> sortBy(Function<T, K> f, boolean ascending, int numPartitions) {
        return keyBy(f).sortByKey(ascending, numPartitions).values();
    }

    /** {@code numPartitions} partitions without a shuffle, each reading a run of the current ones. */
    public JavaRdd<T> coalesce(int numPartitions) {
        return new JavaRdd<>(session, new CoalescedRdd<>(rdd, numPartitions), null);
    }

    /** {@code numPartitions} partitions of about equal size (a shuffle). */
    public JavaRdd<T> repartition(int numPartitions) {
        return mapPartitionsWithIndex((p, it) -> new Iterator<Tuple2<Integer, T>>() {
            private int next = p;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Tuple2<Integer, T> next() {
                return new Tuple2<>(next++, it.next());
            }
        }, false).mapToPair(t -> t).partitionBy(new HashPartitioner(numPartitions)).values();
    }

    /** A random sample: each value kept with probability {@code fraction}, or repeated Poisson(fraction) times with replacement. */
    public JavaRdd<T> sample(boolean withReplacement, double fraction, long seed) {
        return mapPartitionsWithIndex((p, it) -> {
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (p + 1)));
            List<T> out = new ArrayList<>();
            while (it.hasNext()) {
                T v = it.next();
                int times;
                if (withReplacement) {
                    double l = Math.exp(-fraction);
                    double prod = random.nextDouble();
                    times = 0;
                    while (prod > l) {
                        times++;
                        prod *= random.nextDouble();
                    }
                } else {
                    times = random.nextDouble() < fraction ? 1 : 0;
                }
                for (int i = 0; i < times; i++) {
                    out.add(v);
                }
            }
            return out.iterator();
        }, true);
    }

    // ------------------------------------------------------------------ caching (issue 6)

    /** Keeps the partitions in executor memory (MEMORY_ONLY, as Spark's RDD.cache) once computed. */
    public JavaRdd<T> cache() {
        return persist(StorageLevel.MEMORY_ONLY);
    }

    public JavaRdd<T> persist(StorageLevel level) {
        return new JavaRdd<>(session, session.cacheHook().persist(rdd, level), partitioner);
    }

    public JavaRdd<T> unpersist() {
        return unpersist(false);
    }

    public JavaRdd<T> unpersist(boolean blocking) {
        return new JavaRdd<>(session, session.cacheHook().unpersist(rdd, blocking), partitioner);
    }

    public void checkpoint() {
        session.cacheHook().checkpoint(rdd);
    }

    public boolean isCheckpointed() {
        return session.cacheHook().isCheckpointed(rdd);
    }

    public StorageLevel getStorageLevel() {
        return session.cacheHook().storageLevel(rdd);
    }


    // ------------------------------------------------------------------ actions

    /** All values, in partition order. */
    public List<T> collect() {
        List<List<T>> parts = session.runJob(rdd, (ctx, it) -> {
            List<T> out = new ArrayList<>();
            it.forEachRemaining(out::add);
            return out;
        });
        List<T> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return all;
    }

    public long count() {
        long n = 0;
        for (long c : session.runJob(rdd, (ctx, it) -> {
            long k = 0;
            while (it.hasNext()) {
                it.next();
                k++;
            }
            return k;
        })) {
            n += c;
        }
        return n;
    }

    public boolean isEmpty() {
        return take(1).isEmpty();
    }

    public T first() {
        List<T> one = take(1);
        if (one.isEmpty()) {
            throw new UnsupportedOperationException("first() of an empty Rdd");
        }
        return one.get(0);
    }

    /**
     * The first {@code n} values: the first partition is computed alone, then four times as many
     * partitions each round until there are enough (as Spark does), so a small take stays cheap.
     */
    public List<T> take(int n) {
        List<T> out = new ArrayList<>();
        int total = rdd.numPartitions();
        int scanned = 0;
        int step = 1;
        while (out.size() < n && scanned < total) {
            int[] parts = java.util.stream.IntStream.range(scanned, Math.min(total, scanned + step)).toArray();
            int want = n - out.size();
            for (List<T> part : session.runJob(rdd, parts, (ctx, it) -> {
                List<T> got = new ArrayList<>();
                while (got.size() < want && it.hasNext()) {
                    got.add(it.next());
                }
                return got;
            })) {
                for (T v : part) {
                    if (out.size() < n) {
                        out.add(v);
                    }
                }
            }
            scanned += parts.length;
            step *= 4;
        }
        return out;
    }

    /** The values combined with {@code f} (associative and commutative), or an error when there are none. */
    public T reduce(Function2<T, T, T> f) {
        List<java.util.Optional<T>> parts = session.runJob(rdd, (ctx, it) -> {
            if (!it.hasNext()) {
                return java.util.Optional.empty();
            }
            T acc = it.next();
            while (it.hasNext()) {
                acc = call(f, acc, it.next());
            }
            return java.util.Optional.ofNullable(acc);
        });
        T acc = null;
        boolean any = false;
        for (java.util.Optional<T> p : parts) {
            if (p.isPresent()) {
                acc = any ? call(f, acc, p.get()) : p.get();
                any = true;
            }
        }
        if (!any) {
            throw new UnsupportedOperationException("reduce() of an empty Rdd");
        }
        return acc;
    }

    /** The values folded into {@code zero} with {@code f}, in each partition and then across them ({@code zero} must be neutral). */
    public T fold(T zero, Function2<T, T, T> f) {
        T acc = zero;
        for (T p : session.runJob(rdd, (ctx, it) -> {
            T a = zero;
            while (it.hasNext()) {
                a = call(f, a, it.next());
            }
            return a;
        })) {
            acc = call(f, acc, p);
        }
        return acc;
    }

    /** Values folded into a U per partition with {@code seqOp}, the partitions' Us combined with {@code combOp}. */
    public <U> U aggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
        U acc = zero;
        for (U p : session.runJob(rdd, (ctx, it) -> {
            U a = zero;
            while (it.hasNext()) {
                a = call(seqOp, a, it.next());
            }
            return a;
        })) {
            acc = call(combOp, acc, p);
        }
        return acc;
    }

    /** How often each value occurs. */
    public Map<T, Long> countByValue() {
        return mapToPair(v -> new Tuple2<>(v, 1L)).reduceByKey(Long::sum).collectAsMap();
    }

    /** Runs {@code f} on every value, in the tasks. */
    public void foreach(VoidFunction<T> f) {
        session.runJob(rdd, (ctx, it) -> {
            while (it.hasNext()) {
                try {
                    f.call(it.next());
                } catch (Exception e) {
                    throw UserCode.wrap(e);
                }
            }
            return null;
        });
    }

    public void foreachPartition(VoidFunction<Iterator<T>> f) {
        session.runJob(rdd, (ctx, it) -> {
            try {
                f.call(it);
            } catch (Exception e) {
                throw UserCode.wrap(e);
            }
            return null;
        });
    }

    /** The {@code n} smallest values by {@code comparator}, smallest first. */
    public List<T> takeOrdered(int n, Comparator<? super T> comparator) {
        List<List<T>> parts = session.runJob(rdd, (ctx, it) -> smallest(it, n, comparator));
        List<T> all = new ArrayList<>();
        parts.forEach(all::addAll);
        all.sort(comparator);
        return new ArrayList<>(all.subList(0, Math.min(n, all.size())));
    }

    /** The {@code n} largest values by {@code comparator}, largest first. */
    public List<T> top(int n, Comparator<? super T> comparator) {
        return takeOrdered(n, comparator.reversed());
    }

    @SuppressWarnings("unchecked")
    public List<T> top(int n) {
        return top(n, (Comparator<T>) Comparator.naturalOrder());
    }

    private static <T> List<T> smallest(Iterator<T> it, int n, Comparator<? super T> comparator) {
        PriorityQueue<T> heap = new PriorityQueue<>(Math.max(1, n), comparator.reversed());
        while (it.hasNext()) {
            T v = it.next();
            if (heap.size() < n) {
                heap.add(v);
            } else if (n > 0 && comparator.compare(v, heap.peek()) < 0) {
                heap.poll();
                heap.add(v);
            }
        }
        return new ArrayList<>(heap);
    }

    public T max(Comparator<? super T> comparator) {
        return reduce((a, b) -> comparator.compare(a, b) >= 0 ? a : b);
    }

    public T min(Comparator<? super T> comparator) {
        return reduce((a, b) -> comparator.compare(a, b) <= 0 ? a : b);
    }

    /**
     * Writes each partition as one text file {@code part-00000}, {@code part-00001}... in the new
     * folder {@code path} (each value's {@code toString()} a line), and {@code _SUCCESS} when all
     * are written. Files are written to {@code _temporary} first and moved into place at the end.
     */
    public void saveAsTextFile(String path) {
        Path dir = Path.of(path).toAbsolutePath();
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "saveAsTextFile: " + dir + " already exists");
            }
            Path staging = dir.resolve("_temporary").resolve(Long.toHexString(System.nanoTime()));
            Files.createDirectories(staging);
            session.runJob(rdd, (ctx, it) -> {
                Path file = staging.resolve(String.format("part-%05d", ctx.partition()));
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    while (it.hasNext()) {
                        w.write(String.valueOf(it.next()));
                        w.write('\n');
                    }
                } catch (IOException e) {
                    throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
                }
                return null;
            });
            try (var files = Files.list(staging)) {
                for (Path f : files.sorted().toList()) {
                    Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            deleteTree(dir.resolve("_temporary"));
            Files.writeString(dir.resolve("_SUCCESS"), "");
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /**
     * The lineage, as Spark prints it: each Rdd with its partitions at the start of a stage,
     * {@code |} for a narrow dependency (same stage), {@code +-} for a shuffle (a new stage).
     */
    public String toDebugString() {
        StringBuilder sb = new StringBuilder();
        describe(rdd, "", "(" + rdd.numPartitions() + ") ", sb, new java.util.HashSet<>());
        return sb.toString();
    }

    private static void describe(Rdd<?> r, String indent, String lead, StringBuilder sb, java.util.Set<Integer> seen) {
        if (!seen.add(r.id())) {
            sb.append(lead).append(r).append(" (shown above)\n");
            return;
        }
        sb.append(lead).append(r).append('\n');
        for (Dependency<?> d : r.dependencies()) {
            if (d instanceof ShuffleDependency<?> s) {
                describe(s.rdd(), indent + "   ", indent + " +-(" + s.rdd().numPartitions() + ") ", sb, seen);
            } else {
                describe(d.rdd(), indent, indent + " |  ", sb, seen);
            }
        }
    }

    static <A, B, R> R call(Function2<A, B, R> f, A a, B b) {
        try {
            return f.call(a, b);
        } catch (Exception e) {
            throw UserCode.wrap(e);
        }
    }

    static <K, V> Map<K, V> toMap(List<Tuple2<K, V>> pairs) {
        Map<K, V> m = new HashMap<>();
        for (Tuple2<K, V> t : pairs) {
            m.put(t._1(), t._2());
        }
        return m;
    }

    @Override
    public String toString() {
        return rdd.toString();
    }
}
