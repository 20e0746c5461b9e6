package dev.ember.engine.rdd.function;

import java.io.Serializable;
import java.util.Iterator;

/** Transforms one partition knowing its index, for {@code mapPartitionsWithIndex}. */
@FunctionalInterface
public interface PartitionIndexFunction<T, R> extends Serializable {
    Iterator<R> call(int partition, Iterator<T> values) throws Exception;
}
