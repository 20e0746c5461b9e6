package dev.ember.examples;

import dev.ember.engine.rdd.Tuple2;

import java.io.Serializable;
import java.util.Comparator;

/** Largest count first, then the key alphabetically: a stable "top N" order. Serializable: it runs in tasks. */
final class ByCount<K extends Comparable<K>> implements Comparator<Tuple2<K, Integer>>, Serializable {
    @Override
    public int compare(Tuple2<K, Integer> a, Tuple2<K, Integer> b) {
        int c = Integer.compare(b._2(), a._2());
        return c != 0 ? c : a._1().compareTo(b._1());
    }
}
