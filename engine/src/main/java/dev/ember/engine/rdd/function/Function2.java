package dev.ember.engine.rdd.function;

import java.io.Serializable;

/** A function of two arguments, for {@code reduce}, {@code reduceByKey}, {@code fold}, {@code aggregate}. */
@FunctionalInterface
public interface Function2<T1, T2, R> extends Serializable {
    R call(T1 a, T2 b) throws Exception;
}
