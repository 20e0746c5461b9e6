package dev.ember.physical.shuffle;

/**
 * How values of one key combine into a C: MapReduce's combiner, run before the shuffle on each
 * map task's output (so only one record per key and map task crosses it) and again after it.
 */
public interface Combiner<V, C> extends java.io.Serializable {
    C createCombiner(V value);

    C mergeValue(C combined, V value);

    C mergeCombiners(C a, C b);
}
