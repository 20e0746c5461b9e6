package dev.ember.physical.adaptive;

/**
 * What one reduce task of a shuffle read fetches, decided at run time from the map output
 * statistics (Spark's {@code ShufflePartitionSpec}).
 */
public sealed interface ShufflePartitionSpec {

    /** Reduce partitions [startReducer, endReducer) of every map output: one partition, or a coalesced range. */
    record Coalesced(int startReducer, int endReducer) implements ShufflePartitionSpec {
        public Coalesced {
            if (startReducer < 0 || endReducer <= startReducer) {
                throw new IllegalArgumentException("empty reducer range [" + startReducer + ", " + endReducer + ")");
            }
        }
    }

    /** Reduce partition {@code reducer} of map outputs [startMap, endMap) only: one piece of a split skewed partition. */
    record PartialReducer(int reducer, int startMap, int endMap) implements ShufflePartitionSpec {
        public PartialReducer {
            if (startMap < 0 || endMap <= startMap) {
                throw new IllegalArgumentException("empty map range [" + startMap + ", " + endMap + ")");
            }
        }
    }
}
