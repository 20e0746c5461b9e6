package dev.ember.physical.storage;

/** Names one stored partition of a persisted Rdd, as Spark's {@code rdd_<id>_<partition>}. */
public record RddBlockId(int rddId, int partition) {
    @Override
    public String toString() {
        return "rdd_" + rddId + "_" + partition;
    }
}
