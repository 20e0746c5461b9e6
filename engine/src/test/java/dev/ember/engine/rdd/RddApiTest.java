package dev.ember.engine.rdd;

import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each typed Rdd method on small inputs whose answers are known. */
class RddApiTest {
    static EmberSession session;
    static final AtomicInteger MERGE_VALUE = new AtomicInteger();
    static final AtomicInteger MERGE_COMBINERS = new AtomicInteger();
    static final ConcurrentLinkedQueue<Integer> SEEN = new ConcurrentLinkedQueue<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        session = EmberSession.builder().master("local[2]").getOrCreate();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    static JavaRdd<Integer> oneToTen() {
        return session.parallelize(IntStream.rangeClosed(1, 10).boxed().toList(), 3);
    }

    static <K extends Comparable<K>, V> List<Tuple2<K, V>> sorted(List<Tuple2<K, V>> l) {
        List<Tuple2<K, V>> out = new ArrayList<>(l);
        out.sort(Comparator.comparing(Tuple2::_1));
        return out;
    }

    static <T extends Comparable<T>> List<T> sortedValues(Iterable<T> it) {
        List<T> out = new ArrayList<>();
        it.forEach(out::add);
        out.sort(null);
        return out;
    }

    @Test
    void parallelizeKeepsOrderAcrossPartitions() {
        JavaRdd<Integer> r = oneToTen();
        assertThat(r.getNumPartitions()).isEqualTo(3);
        assertThat(r.collect()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(r.glom().collect()).hasSize(3).allSatisfy(p -> assertThat(p).isNotEmpty());
    }

    @Test
    void narrowTransformations() {
        assertThat(oneToTen().map(x -> x * x).filter(x -> x % 2 == 0).collect()).containsExactly(4, 16, 36, 64, 100);
        assertThat(session.parallelize(List.of("a b", "c"), 2).flatMap(s -> Arrays.asList(s.split(" ")).iterator())
                .collect()).containsExactly("a", "b", "c");
        assertThat(oneToTen().mapPartitions(it -> {
            int s = 0;
            while (it.hasNext()) {
                s += it.next();
            }
            return List.of(s).iterator();
        }).collect()).hasSize(3).satisfies(l -> assertThat(l.stream().mapToInt(Integer::intValue).sum()).isEqualTo(55));
        assertThat(oneToTen().mapPartitionsWithIndex((i, it) -> List.of(i).iterator(), false).collect())
                .containsExactly(0, 1, 2);
    }

    @Test
    void actions() {
        JavaRdd<Integer> r = oneToTen();
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.first()).isEqualTo(1);
        assertThat(r.take(4)).containsExactly(1, 2, 3, 4);
        assertThat(r.reduce(Integer::sum)).isEqualTo(55);
        assertThat(r.fold(0, Integer::sum)).isEqualTo(55);
        int[] sumCount = r.aggregate(new int[2], (acc, x) -> new int[] {acc[0] + x, acc[1] + 1},
                (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]});
        assertThat(sumCount).containsExactly(55, 10);
        assertThat(r.top(2)).containsExactly(10, 9);
        assertThat(r.takeOrdered(2, Comparator.reverseOrder())).containsExactly(10, 9);
        assertThat(r.max(Comparator.naturalOrder())).isEqualTo(10);
        assertThat(r.isEmpty()).isFalse();
        assertThat(r.filter(x -> x > 100).isEmpty()).isTrue();
        assertThat(session.parallelize(List.of("x", "y", "x"), 2).countByValue()).isEqualTo(Map.of("x", 2L, "y", 1L));
        SEEN.clear();
        r.foreach(SEEN::add);
        assertThat(SEEN).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThatThrownBy(() -> r.filter(x -> false).first()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void userCodeFailuresNameTheCause() {
        assertThatThrownBy(() -> oneToTen().map(x -> 10 / (x - 5)).collect())
                .hasStackTraceContaining("ArithmeticException");
    }

    @Test
    void pairBasics() {
        JavaPairRdd<String, Integer> p = session.parallelize(List.of("apple", "avocado", "banana", "cherry"), 2)
                .mapToPair(s -> new Tuple2<>(s.substring(0, 1), s.length()));
        assertThat(sorted(p.reduceByKey(Integer::sum).collect()))
                .containsExactly(new Tuple2<>("a", 12), new Tuple2<>("b", 6), new Tuple2<>("c", 6));
        assertThat(p.countByKey()).isEqualTo(Map.of("a", 2L, "b", 1L, "c", 1L));
        assertThat(sorted(p.mapValues(v -> v * 10).collect()).get(0)).isEqualTo(new Tuple2<>("a", 50));
        assertThat(p.keys().distinct().count()).isEqualTo(3);
        assertThat(p.values().reduce(Integer::sum)).isEqualTo(24);
        assertThat(p.lookup("b")).containsExactly(6);
        assertThat(p.collectAsMap()).containsEntry("c", 6);
        JavaPairRdd<Integer, String> byLength = session.parallelize(List.of("aa", "b", "cc"), 2).keyBy(String::length);
        assertThat(sortedValues(byLength.groupByKey().collectAsMap().get(2))).containsExactly("aa", "cc");
    }

    @Test
    void groupByKeyAggregateByKeyAndFoldByKey() {
        JavaPairRdd<String, Integer> p = session.parallelizePairs(List.of(new Tuple2<>("x", 1), new Tuple2<>("y", 2),
                new Tuple2<>("x", 3), new Tuple2<>("x", 5)), 3);
        Map<String, Iterable<Integer>> g = p.groupByKey().collectAsMap();
        assertThat(sortedValues(g.get("x"))).containsExactly(1, 3, 5);
        assertThat(sortedValues(g.get("y"))).containsExactly(2);
        // (sum, count) per key: the average without a second pass.
        Map<String, int[]> agg = p.aggregateByKey(new int[2], (a, v) -> new int[] {a[0] + v, a[1] + 1},
                (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]}).collectAsMap();
        assertThat(agg.get("x")).containsExactly(9, 3);
        assertThat(p.foldByKey(0, Integer::sum).collectAsMap()).isEqualTo(Map.of("x", 9, "y", 2));
    }

    @Test
    void reduceByKeyCombinesMapSide() {
        // One key, 1000 values in 2 map tasks: with a combiner each task sends one record, so the
        // reduce side merges two combiners once; without, it merges 1000 values one by one.
        JavaPairRdd<String, Integer> ones = session.parallelize(IntStream.range(0, 1000).boxed().toList(), 2)
                .mapToPair(i -> new Tuple2<>("k", 1));
        MERGE_VALUE.set(0);
        MERGE_COMBINERS.set(0);
        List<Tuple2<String, Integer>> combined = ones.combineByKey(v -> v, (c, v) -> {
            MERGE_VALUE.incrementAndGet();
            return c + v;
        }, (a, b) -> {
            MERGE_COMBINERS.incrementAndGet();
            return a + b;
        }, new HashPartitioner(1), true).collect();
        assertThat(combined).containsExactly(new Tuple2<>("k", 1000));
        assertThat(MERGE_COMBINERS.get()).isEqualTo(1);
        assertThat(MERGE_VALUE.get()).isEqualTo(998);

        MERGE_VALUE.set(0);
        MERGE_COMBINERS.set(0);
        ones.combineByKey(v -> v, (c, v) -> {
            MERGE_VALUE.incrementAndGet();
            return c + v;
        }, (a, b) -> {
            MERGE_COMBINERS.incrementAndGet();
            return a + b;
        }, new HashPartitioner(1), false).collect();
        assertThat(MERGE_COMBINERS.get()).isZero();
        assertThat(MERGE_VALUE.get()).isEqualTo(999);
    }

    @Test
    void sorting() {
        JavaPairRdd<Integer, String> p = session.parallelizePairs(List.of(new Tuple2<>(3, "c"), new Tuple2<>(1, "a"),
                new Tuple2<>(5, "e"), new Tuple2<>(2, "b"), new Tuple2<>(4, "d")), 2);
        assertThat(p.sortByKey().keys().collect()).containsExactly(1, 2, 3, 4, 5);
        assertThat(p.sortByKey(false, 3).values().collect()).containsExactly("e", "d", "c", "b", "a");
        assertThat(p.sortByKey(false, 3).getNumPartitions()).isEqualTo(3);
        assertThat(session.parallelize(List.of("ccc", "a", "bb"), 2).sortBy(String::length, true, 2).collect())
                .containsExactly("a", "bb", "ccc");
    }

    @Test
    void joinsAndCogroup() {
        JavaPairRdd<Integer, String> names = session.parallelizePairs(List.of(new Tuple2<>(1, "ann"), new Tuple2<>(2, "bob"),
                new Tuple2<>(3, "cid")), 2);
        JavaPairRdd<Integer, Integer> scores = session.parallelizePairs(List.of(new Tuple2<>(1, 90), new Tuple2<>(1, 70),
                new Tuple2<>(3, 50), new Tuple2<>(4, 10)), 2);
        assertThat(sorted(names.join(scores).collect())).containsExactlyInAnyOrder(
                new Tuple2<>(1, new Tuple2<>("ann", 90)), new Tuple2<>(1, new Tuple2<>("ann", 70)),
                new Tuple2<>(3, new Tuple2<>("cid", 50)));
        assertThat(sorted(names.leftOuterJoin(scores).filter(t -> t._1() == 2).collect()))
                .containsExactly(new Tuple2<>(2, new Tuple2<>("bob", Optional.empty())));
        assertThat(names.rightOuterJoin(scores).count()).isEqualTo(4);
        assertThat(names.fullOuterJoin(scores).count()).isEqualTo(5);
        Map<Integer, Tuple2<Iterable<String>, Iterable<Integer>>> cg = names.cogroup(scores).collectAsMap();
        assertThat(cg).containsOnlyKeys(1, 2, 3, 4);
        assertThat(sortedValues(cg.get(1)._2())).containsExactly(70, 90);
        assertThat(cg.get(4)._1()).isEmpty();
        assertThat(names.subtractByKey(scores).keys().collect()).containsExactly(2);
    }

    @Test
    void unionDistinctAndPartitionBy() {
        JavaRdd<Integer> u = oneToTen().union(session.parallelize(List.of(1, 2, 11), 1));
        assertThat(u.getNumPartitions()).isEqualTo(4);
        assertThat(u.count()).isEqualTo(13);
        assertThat(u.distinct().count()).isEqualTo(11);

        JavaPairRdd<Integer, Integer> p = oneToTen().mapToPair(x -> new Tuple2<>(x, x));
        JavaPairRdd<Integer, Integer> hashed = p.partitionBy(new HashPartitioner(4));
        assertThat(hashed.getNumPartitions()).isEqualTo(4);
        assertThat(hashed.partitioner()).contains(new HashPartitioner(4));
        Partitioner evenOdd = new Partitioner() {
            @Override
            public int numPartitions() {
                return 2;
            }

            @Override
            public int getPartition(Object key) {
                return (Integer) key % 2;
            }
        };
        List<List<Tuple2<Integer, Integer>>> parts = p.partitionBy(evenOdd).glom().collect();
        assertThat(parts.get(0)).allSatisfy(t -> assertThat(t._1() % 2).isZero()).hasSize(5);
        assertThat(parts.get(1)).allSatisfy(t -> assertThat(t._1() % 2).isOne()).hasSize(5);
        RangePartitioner range = new RangePartitioner(List.of(5), true, Comparator.<Integer>naturalOrder());
        List<List<Tuple2<Integer, Integer>>> ranged = p.partitionBy(range).glom().collect();
        assertThat(ranged.get(0)).extracting(Tuple2::_1).allSatisfy(k -> assertThat(k).isLessThanOrEqualTo(5));
        assertThat(ranged.get(1)).extracting(Tuple2::_1).allSatisfy(k -> assertThat(k).isGreaterThan(5));
    }

    @Test
    void coalesceAndRepartition() {
        assertThat(oneToTen().coalesce(1).getNumPartitions()).isEqualTo(1);
        assertThat(oneToTen().coalesce(1).collect()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(oneToTen().repartition(5).getNumPartitions()).isEqualTo(5);
        assertThat(oneToTen().repartition(5).collect()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void textFileAndSaveAsTextFile() throws Exception {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, IntStream.range(0, 1000).mapToObj(i -> "line " + i).reduce((a, b) -> a + "\n" + b).get() + "\n");
        JavaRdd<String> lines = session.textFile(in.toString(), 3);
        assertThat(lines.count()).isEqualTo(1000);
        assertThat(lines.first()).isEqualTo("line 0");
        Path out = dir.resolve("out");
        lines.filter(l -> l.endsWith("7")).saveAsTextFile(out.toString());
        assertThat(out.resolve("_SUCCESS")).exists();
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("part-")).count())
                    .isEqualTo(lines.getNumPartitions());
        }
        assertThat(session.textFile(out.toString()).count()).isEqualTo(100);
        assertThatThrownBy(() -> lines.saveAsTextFile(out.toString())).isInstanceOf(EmberException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void toDebugStringShowsStages() {
        JavaPairRdd<String, Integer> counts = session.parallelize(List.of("a", "b", "a"), 2)
                .mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum, 3);
        String s = counts.toDebugString();
        assertThat(s).startsWith("(3) ").contains(" +-(2) ").contains("parallelize");
        assertThat(s.lines().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void dataFrameConversionsBothWays() {
        DataFrame df = session.range(0, 5);
        JavaRdd<Row> rows = df.javaRDD();
        assertThat(rows.map(r -> r.getLong(0) * 2).collect()).containsExactlyInAnyOrder(0L, 2L, 4L, 6L, 8L);
        DataFrame back = session.createDataFrame(oneToTen().map(i -> Row.of(i, "n" + i)), 
                "n INT, label STRING");
        assertThat(back.filter("n > 8").orderBy("n").collectAsList()).extracting(r -> r.getString(1))
                .containsExactly("n9", "n10");
    }

    @Test
    void cacheKeepsTheAnswer() {
        JavaRdd<Integer> rdd = oneToTen().map(x -> x * x);
        assertThat(rdd.cache().getStorageLevel()).isEqualTo(dev.ember.engine.StorageLevel.MEMORY_ONLY);
        assertThat(rdd.reduce(Integer::sum)).isEqualTo(385);
        assertThat(rdd.reduce(Integer::sum)).isEqualTo(385);
        assertThat(rdd.unpersist().getStorageLevel()).isEqualTo(dev.ember.engine.StorageLevel.NONE);
        assertThat(rdd.reduce(Integer::sum)).isEqualTo(385);
    }
}
