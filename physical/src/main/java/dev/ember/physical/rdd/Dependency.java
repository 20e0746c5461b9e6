package dev.ember.physical.rdd;

/**
 * How an Rdd's partitions depend on a parent's: narrowly (each child partition reads a few
 * parent partitions, in the same task) or through a shuffle (every child partition reads a
 * piece of every parent partition: a stage boundary).
 */
public sealed interface Dependency<T> permits NarrowDependency, ShuffleDependency {
    Rdd<T> rdd();
}
