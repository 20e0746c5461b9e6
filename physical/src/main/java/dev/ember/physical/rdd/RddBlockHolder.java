package dev.ember.physical.rdd;

/**
 * Something that stores blocks of an Rdd (a cluster's block managers). A persisted Rdd
 * remembers every holder its partitions went to, so {@link Rdd#unpersist} can free them without
 * the Rdd knowing which cluster computed it.
 */
public interface RddBlockHolder {
    void removeRdd(int rddId);
}
