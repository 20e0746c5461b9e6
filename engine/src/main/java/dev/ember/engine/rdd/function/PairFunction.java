package dev.ember.engine.rdd.function;

import dev.ember.engine.rdd.Tuple2;

import java.io.Serializable;

/** Makes a key/value pair of a value, for {@code mapToPair}. */
@FunctionalInterface
public interface PairFunction<T, K, V> extends Serializable {
    Tuple2<K, V> call(T value) throws Exception;
}
