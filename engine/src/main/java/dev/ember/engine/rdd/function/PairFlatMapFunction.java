package dev.ember.engine.rdd.function;

import dev.ember.engine.rdd.Tuple2;

import java.io.Serializable;
import java.util.Iterator;

/** Zero or more key/value pairs of a value, for {@code flatMapToPair}. */
@FunctionalInterface
public interface PairFlatMapFunction<T, K, V> extends Serializable {
    Iterator<Tuple2<K, V>> call(T value) throws Exception;
}
