package dev.ember.engine.rdd.function;

import java.io.Serializable;

/** A function of one argument, for {@code map}, {@code filter}, {@code mapValues}, {@code keyBy}. */
@FunctionalInterface
public interface Function<T, R> extends Serializable {
    R call(T value) throws Exception;
}
