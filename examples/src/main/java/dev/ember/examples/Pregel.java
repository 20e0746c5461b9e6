package dev.ember.examples;

import dev.ember.engine.rdd.function.Function;
import dev.ember.engine.rdd.JavaPairRdd;
import dev.ember.engine.rdd.Tuple2;
import dev.ember.engine.rdd.function.Function2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pregel's bulk-synchronous model on the Rdd API. In each superstep the active vertices send
 * messages along their out-edges, messages to one vertex are merged, and each vertex that got
 * one runs the vertex program; a vertex whose value did not change votes to halt (is inactive
 * next superstep, until a message wakes it). The run ends when no message is sent.
 *
 * @param <V> vertex value
 * @param <E> edge value
 * @param <M> message
 */
public final class Pregel<V, E, M> implements Serializable {
    /** A vertex's value and whether it is active (changed in the last superstep). */
    public record State<V>(V value, boolean active) implements Serializable {
    }

    /** What a vertex with value {@code source} sends along an edge with value {@code edge}; empty for nothing. */
    public interface Send<V, E, M> extends Serializable {
        Optional<M> message(V source, E edge);
    }

    private final Send<V, E, M> send;
    private final Function2<M, M, M> merge;
    private final Function2<V, M, V> program;

    /**
     * @param send    the message along one edge of an active vertex
     * @param merge   two messages to one vertex combined (associative, commutative; runs map-side too)
     * @param program a vertex's new value from its value and its merged message
     */
    public Pregel(Send<V, E, M> send, Function2<M, M, M> merge, Function2<V, M, V> program) {
        this.send = send;
        this.merge = merge;
        this.program = program;
    }

    /** The result: final vertex values and the supersteps run. */
    public record Result<V>(JavaPairRdd<Long, V> vertices, int supersteps) {
    }

    /**
     * Runs from {@code vertices} (all active at first) over {@code edges} (source → (target, value)),
     * at most {@code maxSupersteps} supersteps; {@code onSuperstep} hears each superstep's number,
     * message count and time.
     */
    public Result<V> run(JavaPairRdd<Long, V> vertices, JavaPairRdd<Long, Tuple2<Long, E>> edges, int maxSupersteps,
                         SuperstepListener onSuperstep) {
        Send<V, E, M> send = this.send;
        Function2<M, M, M> merge = this.merge;
        Function2<V, M, V> program = this.program;
        JavaPairRdd<Long, State<V>> state = vertices.mapValues(v -> new State<>(v, true));
        int step = 0;
        while (step < maxSupersteps) {
            long t0 = System.nanoTime();
            JavaPairRdd<Long, M> messages = edges
                    .join(state.filter(s -> s._2().active()))
                    .flatMapToPair(e -> {
                        Tuple2<Long, E> edge = e._2()._1();
                        Optional<M> m = send.message(e._2()._2().value(), edge._2());
                        List<Tuple2<Long, M>> out = new ArrayList<>(1);
                        m.ifPresent(msg -> out.add(new Tuple2<>(edge._1(), msg)));
                        return out.iterator();
                    })
                    .reduceByKey(merge);
            long sent = messages.count();
            step++;
            if (sent == 0) {
                onSuperstep.superstep(step, 0, (System.nanoTime() - t0) / 1_000_000);
                break;
            }
            state = state.leftOuterJoin(messages).mapValues(vm -> {
                V old = vm._1().value();
                if (vm._2().isEmpty()) {
                    return new State<>(old, false);
                }
                V updated = program.call(old, vm._2().get());
                return new State<>(updated, !updated.equals(old));
            });
            // Materialize this superstep (the next one reads its shuffle outputs instead of recomputing it).
            state.count();
            onSuperstep.superstep(step, sent, (System.nanoTime() - t0) / 1_000_000);
        }
        Function<State<V>, V> value = State::value;
        return new Result<>(state.mapValues(value), step);
    }

    /** Hears each superstep: its number (from 1), the messages sent, its time. */
    public interface SuperstepListener {
        void superstep(int number, long messages, long millis);

        SuperstepListener NONE = (n, m, t) -> {
        };
    }
}
