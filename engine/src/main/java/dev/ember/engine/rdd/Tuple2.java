package dev.ember.engine.rdd;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * A pair, as Scala's {@code Tuple2} in Spark's Java API: the records of a {@link JavaPairRdd}.
 * It is a {@link Map.Entry} too (key {@code _1}, value {@code _2}), and prints as {@code (a,b)}.
 *
 * <pre>{@code
 * words.mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum);
 * }</pre>
 */
public record Tuple2<A, B>(A _1, B _2) implements Map.Entry<A, B>, Serializable {

    public static <A, B> Tuple2<A, B> of(A a, B b) {
        return new Tuple2<>(a, b);
    }

    @Override
    public A getKey() {
        return _1;
    }

    @Override
    public B getValue() {
        return _2;
    }

    @Override
    public B setValue(B value) {
        throw new UnsupportedOperationException("tuples are immutable");
    }

    /** The pair the other way round. */
    public Tuple2<B, A> swap() {
        return new Tuple2<>(_2, _1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Map.Entry<?, ?> e && Objects.equals(_1, e.getKey()) && Objects.equals(_2, e.getValue());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(_1) ^ Objects.hashCode(_2);
    }

    @Override
    public String toString() {
        return "(" + _1 + "," + _2 + ")";
    }
}
