package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaPairRdd;
import dev.ember.engine.rdd.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * PageRank as in the Spark paper: each iteration every page sends rank/outdegree to the pages
 * it links to, and a page's new rank is 0.15 + 0.85 × the sum it receives. The links are
 * grouped and hash-partitioned once, so each iteration's join with the ranks moves only the
 * ranks; {@code --cache} keeps the links in memory as well.
 *
 * <p>{@code ./ember example pagerank [PAGES] [--iterations I] [--cache]}: a generated graph of
 * PAGES pages (default 20,000); prints the time of each iteration and the top 10 pages.
 */
public final class PageRank {
    private PageRank() {
    }

    public static JavaPairRdd<Long, Double> ranks(EmberSession session, List<Tuple2<Long, Long>> edges, int iterations,
                                                 int partitions, boolean cache, List<Long> timesMs) {
        JavaPairRdd<Long, Iterable<Long>> links = session.parallelizePairs(edges, partitions).distinct().groupByKey(partitions);
        if (cache) {
            links = JavaPairRdd.fromJavaRdd(links.cache());
        }
        JavaPairRdd<Long, Double> ranks = links.mapValues(v -> 1.0);
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            JavaPairRdd<Long, Double> contribs = links.join(ranks).flatMapToPair(page -> {
                List<Long> targets = new ArrayList<>();
                page._2()._1().forEach(targets::add);
                double share = page._2()._2() / targets.size();
                List<Tuple2<Long, Double>> out = new ArrayList<>(targets.size());
                for (Long t : targets) {
                    out.add(new Tuple2<>(t, share));
                }
                return out.iterator();
            });
            ranks = contribs.reduceByKey(Double::sum, partitions).mapValues(sum -> 0.15 + 0.85 * sum);
            // An action per iteration, so that its time is measured (and later ones reuse its shuffle output).
            ranks.count();
            timesMs.add((System.nanoTime() - t0) / 1_000_000);
        }
        return ranks;
    }

    /** Each page links to 1-5 others, biased toward low page numbers (a few popular pages). */
    static List<Tuple2<Long, Long>> generate(int pages, long seed) {
        Random r = new Random(seed);
        List<Tuple2<Long, Long>> out = new ArrayList<>();
        for (long p = 0; p < pages; p++) {
            int n = 1 + r.nextInt(5);
            for (int i = 0; i < n; i++) {
                long target = (long) (pages * Math.pow(r.nextDouble(), 3));
                if (target != p) {
                    out.add(new Tuple2<>(p, target));
                }
            }
            out.add(new Tuple2<>(p, (p + 1) % pages));
        }
        return out;
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 10);
        int pages = Integer.parseInt(args.positional(0, "20000"));
        try (EmberSession session = Sessions.local("pagerank")) {
            List<Long> times = new ArrayList<>();
            JavaPairRdd<Long, Double> ranks = ranks(session, generate(pages, 11), args.iterations(), args.partitions(),
                    args.cache(), times);
            for (int i = 0; i < times.size(); i++) {
                System.out.printf("iteration %d: %d ms%s%n", i + 1, times.get(i), args.cache() ? " (links cached)" : "");
            }
            for (Tuple2<Long, Double> t : ranks.takeOrdered(10, new ByRank())) {
                System.out.printf("page %6d  rank %.4f%n", t._1(), t._2());
            }
        }
    }

    /** Highest rank first. */
    static final class ByRank implements java.util.Comparator<Tuple2<Long, Double>>, java.io.Serializable {
        @Override
        public int compare(Tuple2<Long, Double> a, Tuple2<Long, Double> b) {
            int c = Double.compare(b._2(), a._2());
            return c != 0 ? c : Long.compare(a._1(), b._1());
        }
    }
}
