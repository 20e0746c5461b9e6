package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaPairRdd;
import dev.ember.engine.rdd.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Single-source shortest paths, Pregel style: the source starts at distance 0 and every other
 * vertex at infinity; a vertex whose distance dropped sends distance + edge weight to its
 * neighbours, a vertex keeps the smallest offer. It stops when no distance improves.
 *
 * <p>{@code ./ember example sssp}: over a small weighted graph, from vertex 1.
 */
public final class ShortestPaths {
    private ShortestPaths() {
    }

    public static final double INFINITY = Double.POSITIVE_INFINITY;

    /** Distances from {@code source} along directed, weighted edges (src, (dst, weight)). */
    public static Map<Long, Double> distances(EmberSession session, List<Long> vertices,
                                              List<Tuple2<Long, Tuple2<Long, Double>>> edges, long source,
                                              Pregel.SuperstepListener listener) {
        List<Tuple2<Long, Double>> initial = new ArrayList<>();
        for (Long v : vertices) {
            initial.add(new Tuple2<>(v, v == source ? 0.0 : INFINITY));
        }
        Pregel<Double, Double, Double> sssp = new Pregel<>(
                (dist, weight) -> dist == INFINITY ? Optional.empty() : Optional.of(dist + weight),
                Math::min,
                Math::min);
        JavaPairRdd<Long, Double> result = sssp.run(session.parallelizePairs(initial, 2),
                session.parallelizePairs(edges, 2), 100, listener).vertices();
        return new TreeMap<>(result.collectAsMap());
    }

    static final List<Long> VERTICES = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L);

    /** 7 is unreachable; the direct 1→3 edge (10) is longer than 1→2→3 (4 + 3). */
    static final List<Tuple2<Long, Tuple2<Long, Double>>> EDGES = List.of(
            edge(1, 2, 4), edge(1, 3, 10), edge(2, 3, 3), edge(2, 4, 8), edge(3, 4, 2), edge(4, 5, 1),
            edge(3, 5, 9), edge(5, 6, 2), edge(6, 4, 1), edge(7, 1, 1));

    static Tuple2<Long, Tuple2<Long, Double>> edge(long from, long to, double weight) {
        return new Tuple2<>(from, new Tuple2<>(to, weight));
    }

    public static void main(String[] argv) {
        try (EmberSession session = Sessions.local("sssp")) {
            Map<Long, Double> d = distances(session, VERTICES, EDGES, 1L,
                    (n, m, t) -> System.out.printf("superstep %d: %d messages, %d ms%n", n, m, t));
            d.forEach((v, dist) -> System.out.println("vertex " + v + ": " + (dist == INFINITY ? "unreachable" : dist)));
        }
    }
}
