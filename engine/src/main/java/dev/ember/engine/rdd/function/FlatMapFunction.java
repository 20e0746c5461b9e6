package dev.ember.engine.rdd.function;

import java.io.Serializable;
import java.util.Iterator;

/** Zero or more results of a value, for {@code flatMap} and {@code mapPartitions}. */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
    Iterator<R> call(T value) throws Exception;
}
