package dev.ember.examples;

import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import dev.ember.engine.rdd.Tuple2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each example on inputs whose answers are known (or computed here by plain Java). */
class ExamplesTest {
    static EmberSession session;

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

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void wordCount() throws Exception {
        Path text = file("t.txt", "the cat and the hat\nThe end, the END.\n\n");
        Map<String, Integer> counts = WordCount.counts(session, text.toString(), 2).collectAsMap();
        assertThat(counts).isEqualTo(Map.of("the", 4, "cat", 1, "and", 1, "hat", 1, "end", 2));
    }

    @Test
    void wordCountOfTheShippedSampleMatchesPlainJava() throws Exception {
        Path sample = Sessions.sample("sample.txt");
        Map<String, Integer> expected = new HashMap<>();
        for (String w : Files.readString(sample).toLowerCase().split("[^\\p{L}']+")) {
            if (!w.isEmpty()) {
                expected.merge(w, 1, Integer::sum);
            }
        }
        assertThat(WordCount.counts(session, sample.toString(), 3).collectAsMap()).isEqualTo(expected);
    }

    @Test
    void errorLogAnalysis() throws Exception {
        Path log = file("log.tsv", """
                ERROR\t1\tmysql connection refused
                INFO\t2\tmysql query ok
                ERROR\t3\tphp fatal error in page.php
                WARN\t4\tphp notice
                ERROR\t5\tmysql timeout
                ERROR\t6\tdisk full
                """);
        ErrorLogAnalysis.Report r = ErrorLogAnalysis.analyze(session, log.toString(), false, 2);
        assertThat(r.errors()).isEqualTo(4);
        assertThat(r.mysql()).isEqualTo(2);
        assertThat(r.php()).isEqualTo(1);
        assertThat(r.topTerms().get(0)).isEqualTo(new Tuple2<>("mysql", 2));
        assertThat(r.topTerms()).contains(new Tuple2<>("php", 2), new Tuple2<>("disk", 1));
    }

    @Test
    void errorLogWithCacheGivesTheSameReport() throws Exception {
        Path log = file("log-cached.tsv", "ERROR\t1\tmysql down\nINFO\t2\tok\nERROR\t3\tphp mysql\n");
        ErrorLogAnalysis.Report plain = ErrorLogAnalysis.analyze(session, log.toString(), false, 2);
        ErrorLogAnalysis.Report cached = ErrorLogAnalysis.analyze(session, log.toString(), true, 2);
        assertThat(cached).isEqualTo(plain);
        assertThat(cached.errors()).isEqualTo(2);
        assertThat(cached.mysql()).isEqualTo(2);
    }

    @Test
    void invertedIndex() {
        Map<String, List<String>> idx = InvertedIndex.index(session, InvertedIndex.SAMPLE, 2).collectAsMap();
        assertThat(idx.get("runs")).containsExactly("doc1", "doc2");
        assertThat(idx.get("arrow")).containsExactly("doc1", "doc3");
        assertThat(idx.get("cluster")).containsExactly("doc2");
        assertThat(idx).doesNotContainKey("");
    }

    @Test
    void distributedGrep() throws Exception {
        Path text = file("g.txt", "alpha\nbeta\nalphabet\ngamma\n");
        assertThat(DistributedGrep.grep(session, text.toString(), "^alpha", 2).collect())
                .containsExactly("alpha", "alphabet");
        assertThat(DistributedGrep.grep(session, text.toString(), "zzz", 2).count()).isZero();
    }

    @Test
    void urlAccessCounts() throws Exception {
        Path log = file("access.log", """
                10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 10
                10.0.0.2 - - [21/Nov/2026:10:00:01 +0000] "GET /b HTTP/1.1" 200 10
                garbage line
                10.0.0.3 - - [21/Nov/2026:10:00:02 +0000] "POST /a HTTP/1.1" 404 0
                10.0.0.1 - - [21/Nov/2026:10:00:03 +0000] "GET /a HTTP/1.1" 200 10
                """);
        DataFrame counts = UrlAccessCounts.counts(session, log.toString(), 2);
        assertThat(counts.columns()).containsExactly("url", "count");
        assertThat(counts.collectAsList()).extracting(Row::toList)
                .containsExactly(List.of("/a", 3L), List.of("/b", 1L));
    }

    @Test
    void reverseWebLinkGraph() {
        Map<String, List<String>> rev = ReverseWebLinkGraph.reverse(session, ReverseWebLinkGraph.SAMPLE, 2).collectAsMap();
        assertThat(rev).isEqualTo(Map.of(
                "index.html", List.of("blog.html", "docs.html"),
                "docs.html", List.of("api.html", "blog.html", "index.html"),
                "blog.html", List.of("index.html"),
                "api.html", List.of("docs.html")));
    }

    @Test
    void averageSalaryByZipIsExactAcrossTwoRounds() {
        List<AverageSalaryByZip.Employee> emps = List.of(
                new AverageSalaryByZip.Employee("a", "10001", 100),
                new AverageSalaryByZip.Employee("b", "10001", 200),
                new AverageSalaryByZip.Employee("c", "10002", 600),
                new AverageSalaryByZip.Employee("d", "20001", 50));
        var byZip = AverageSalaryByZip.roundOne(session, emps, 2);
        assertThat(byZip.collectAsMap()).isEqualTo(Map.of(
                "10001", new AverageSalaryByZip.SumCount(300, 2), "10002", new AverageSalaryByZip.SumCount(600, 1),
                "20001", new AverageSalaryByZip.SumCount(50, 1)));
        // 300 + 600 over 3 people, not the average of the zip averages (150 and 600).
        assertThat(AverageSalaryByZip.roundTwo(byZip).collect())
                .containsExactly(new Tuple2<>("100xx", 300.0), new Tuple2<>("200xx", 50.0));
    }

    @Test
    void averageSalaryOfGeneratedEmployeesMatchesPlainJava() {
        List<AverageSalaryByZip.Employee> emps = AverageSalaryByZip.generate(5_000, 9);
        Map<String, long[]> expected = new HashMap<>();
        for (var e : emps) {
            long[] sc = expected.computeIfAbsent(e.zip().substring(0, 3) + "xx", k -> new long[2]);
            sc[0] += e.salary();
            sc[1]++;
        }
        for (Tuple2<String, Double> b : AverageSalaryByZip.roundTwo(AverageSalaryByZip.roundOne(session, emps, 3)).collect()) {
            long[] sc = expected.get(b._1());
            assertThat(b._2()).isCloseTo((double) sc[0] / sc[1], within(1e-9));
        }
    }

    @Test
    void kMeansFindsTheGeneratingCenters() {
        List<KMeans.Point> data = KMeans.generate(4_000, 3);
        List<Long> times = new ArrayList<>();
        List<KMeans.Point> centers = KMeans.run(session.parallelize(data, 3), data.subList(0, 4), 5, times);
        assertThat(times).hasSize(5);
        for (KMeans.Point truth : KMeans.TRUE_CENTERS) {
            assertThat(centers).anySatisfy(c -> assertThat(Math.sqrt(c.distance2(truth))).isLessThan(0.1));
        }
    }

    @Test
    void pageRankMatchesAPlainJavaPowerIteration() {
        List<Tuple2<Long, Long>> edges = PageRank.generate(200, 11);
        int iterations = 8;
        List<Long> times = new ArrayList<>();
        Map<Long, Double> ranks = PageRank.ranks(session, edges, iterations, 3, false, times).collectAsMap();
        assertThat(times).hasSize(iterations);

        // The same algorithm by hand: pages with out-links start at 1.0; each round the ranks
        // are 0.15 + 0.85 × contributions, for pages that receive any.
        Map<Long, List<Long>> links = new HashMap<>();
        for (Tuple2<Long, Long> e : new java.util.LinkedHashSet<>(edges)) {
            links.computeIfAbsent(e._1(), k -> new ArrayList<>()).add(e._2());
        }
        Map<Long, Double> expected = new HashMap<>();
        links.keySet().forEach(p -> expected.put(p, 1.0));
        for (int i = 0; i < iterations; i++) {
            Map<Long, Double> contrib = new HashMap<>();
            for (var l : links.entrySet()) {
                Double r = expected.get(l.getKey());
                if (r != null) {
                    for (Long t : l.getValue()) {
                        contrib.merge(t, r / l.getValue().size(), Double::sum);
                    }
                }
            }
            expected.clear();
            contrib.forEach((p, c) -> expected.put(p, 0.15 + 0.85 * c));
        }
        assertThat(ranks).hasSameSizeAs(expected);
        expected.forEach((p, r) -> assertThat(ranks.get(p)).isCloseTo(r, within(1e-9)));
    }

    @Test
    void logisticRegressionSeparatesTheClasses() {
        DataFrame points = LogisticRegression.generate(session, 2_000, 5);
        List<Long> times = new ArrayList<>();
        LogisticRegression.Weights w = LogisticRegression.train(points, 30, 1.0, times);
        assertThat(times).hasSize(30);
        // The boundary is x2 = 0.5·x1 + 1, so w2 > 0 and w1 ≈ -0.5·w2; 5% of labels are noise.
        assertThat(w.w2()).isPositive();
        assertThat(w.w1() / w.w2()).isCloseTo(-0.5, within(0.15));
        assertThat(LogisticRegression.accuracy(points, w)).isGreaterThan(0.9);
    }

    @Test
    void shortestPaths() {
        List<String> steps = new ArrayList<>();
        Map<Long, Double> d = ShortestPaths.distances(session, ShortestPaths.VERTICES, ShortestPaths.EDGES, 1L,
                (n, m, t) -> steps.add(n + ":" + m));
        assertThat(d).isEqualTo(Map.of(1L, 0.0, 2L, 4.0, 3L, 7.0, 4L, 9.0, 5L, 10.0, 6L, 12.0,
                7L, ShortestPaths.INFINITY));
        // The last superstep sends no message: every vertex voted to halt.
        assertThat(steps.get(steps.size() - 1)).endsWith(":0");
        assertThat(steps.size()).isBetween(4, 8);
    }

    @Test
    void maxValuePropagation() {
        Map<Long, Integer> out = MaxValuePropagation.propagate(session, MaxValuePropagation.VALUES,
                MaxValuePropagation.EDGES, Pregel.SuperstepListener.NONE);
        assertThat(out).isEqualTo(Map.of(1L, 6, 2L, 6, 3L, 6, 4L, 6, 5L, 9, 6L, 9));
    }

    @Test
    void launcherListsAndRunsExamples() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            Examples.main(new String[0]);
            Examples.main(new String[] {"maxvalue"});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString();
        assertThat(out).contains("wordcount").contains("pagerank").contains("sssp");
        assertThat(out).contains("vertex 4: 6").contains("vertex 6: 9");
    }
}
