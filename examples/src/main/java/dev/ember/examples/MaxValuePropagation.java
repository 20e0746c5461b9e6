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
 * The Pregel paper's first example: every vertex ends with the largest value in its connected
 * component. An active vertex sends its value to its neighbours; a vertex takes the largest
 * value it hears and stays active only if that raised its own.
 *
 * <p>{@code ./ember example maxvalue}: over a small undirected graph of two components.
 */
public final class MaxValuePropagation {
    private MaxValuePropagation() {
    }

    public static Map<Long, Integer> propagate(EmberSession session, Map<Long, Integer> values, List<long[]> undirectedEdges,
                                               Pregel.SuperstepListener listener) {
        List<Tuple2<Long, Integer>> vertices = new ArrayList<>();
        values.forEach((v, x) -> vertices.add(new Tuple2<>(v, x)));
        List<Tuple2<Long, Tuple2<Long, Boolean>>> edges = new ArrayList<>();
        for (long[] e : undirectedEdges) {
            edges.add(new Tuple2<>(e[0], new Tuple2<>(e[1], true)));
            edges.add(new Tuple2<>(e[1], new Tuple2<>(e[0], true)));
        }
        Pregel<Integer, Boolean, Integer> max = new Pregel<>((value, edge) -> Optional.of(value), Math::max, Math::max);
        JavaPairRdd<Long, Integer> result = max.run(session.parallelizePairs(vertices, 2),
                session.parallelizePairs(edges, 2), 100, listener).vertices();
        return new TreeMap<>(result.collectAsMap());
    }

    /** A chain 1-2-3-4 (values 3, 6, 2, 1) and a pair 5-6 (values 9, 4). */
    static final Map<Long, Integer> VALUES = Map.of(1L, 3, 2L, 6, 3L, 2, 4L, 1, 5L, 9, 6L, 4);
    static final List<long[]> EDGES = List.of(new long[] {1, 2}, new long[] {2, 3}, new long[] {3, 4}, new long[] {5, 6});

    public static void main(String[] argv) {
        try (EmberSession session = Sessions.local("maxvalue")) {
            Map<Long, Integer> out = propagate(session, VALUES, EDGES,
                    (n, m, t) -> System.out.printf("superstep %d: %d messages, %d ms%n", n, m, t));
            out.forEach((v, x) -> System.out.println("vertex " + v + ": " + x));
        }
    }
}
