package dev.ember.engine.rdd.function;

import java.io.Serializable;

/** Consumes a value, for {@code foreach} and {@code foreachPartition}. */
@FunctionalInterface
public interface VoidFunction<T> extends Serializable {
    void call(T value) throws Exception;
}
