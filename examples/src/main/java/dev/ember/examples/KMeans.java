package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaRdd;
import dev.ember.engine.rdd.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * K-means clustering: each iteration assigns every point to its closest center and moves each
 * center to the mean of its points ({@code reduceByKey} of (sum, count) per center). The points
 * are read by every iteration, which is what {@code --cache} is for.
 *
 * <p>{@code ./ember example kmeans [N] [--iterations I] [--cache]}: N generated points (default
 * 200,000) around 4 centers; prints the time of each iteration and the centers found.
 */
public final class KMeans {
    private KMeans() {
    }

    public record Point(double x, double y) implements java.io.Serializable {
        double distance2(Point o) {
            double dx = x - o.x;
            double dy = y - o.y;
            return dx * dx + dy * dy;
        }
    }

    record Sum(double x, double y, long n) implements java.io.Serializable {
        Sum plus(Sum o) {
            return new Sum(x + o.x, y + o.y, n + o.n);
        }
    }

    static int closest(Point p, List<Point> centers) {
        int best = 0;
        for (int i = 1; i < centers.size(); i++) {
            if (p.distance2(centers.get(i)) < p.distance2(centers.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /** The centers after {@code iterations} rounds from {@code initial}; {@code timesMs} gets each round's time. */
    public static List<Point> run(JavaRdd<Point> points, List<Point> initial, int iterations, List<Long> timesMs) {
        List<Point> centers = new ArrayList<>(initial);
        for (int it = 0; it < iterations; it++) {
            long t0 = System.nanoTime();
            List<Point> current = List.copyOf(centers);
            Map<Integer, Sum> sums = points
                    .mapToPair(p -> new Tuple2<>(closest(p, current), new Sum(p.x(), p.y(), 1)))
                    .reduceByKey(Sum::plus)
                    .collectAsMap();
            sums.forEach((i, s) -> centers.set(i, new Point(s.x() / s.n(), s.y() / s.n())));
            timesMs.add((System.nanoTime() - t0) / 1_000_000);
        }
        return centers;
    }

    static final List<Point> TRUE_CENTERS = List.of(new Point(0, 0), new Point(10, 10), new Point(-10, 10), new Point(10, -10));

    static List<Point> generate(int n, long seed) {
        Random r = new Random(seed);
        List<Point> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Point c = TRUE_CENTERS.get(i % TRUE_CENTERS.size());
            out.add(new Point(c.x() + r.nextGaussian(), c.y() + r.nextGaussian()));
        }
        return out;
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 10);
        int n = Integer.parseInt(args.positional(0, "200000"));
        List<Point> data = generate(n, 3);
        try (EmberSession session = Sessions.local("kmeans")) {
            JavaRdd<Point> points = session.parallelize(data, args.partitions());
            if (args.cache()) {
                points = points.cache();
            }
            List<Long> times = new ArrayList<>();
            // The first points as starting centers (one per true cluster, by construction of the data).
            List<Point> centers = run(points, data.subList(0, TRUE_CENTERS.size()), args.iterations(), times);
            for (int i = 0; i < times.size(); i++) {
                System.out.printf("iteration %d: %d ms%s%n", i + 1, times.get(i), args.cache() ? " (cached)" : "");
            }
            centers.forEach(c -> System.out.printf("center (%.3f, %.3f)%n", c.x(), c.y()));
        }
    }
}
