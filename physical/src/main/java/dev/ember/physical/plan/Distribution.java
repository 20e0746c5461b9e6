package dev.ember.physical.plan;

import dev.ember.columnar.types.Schema;

import java.util.Arrays;
import java.util.List;

/** How an exchange lays its output out across partitions. */
public sealed interface Distribution {

    String describe(Schema schema);

    /** {@code hash(keys) mod partitions}. */
    record Hash(int[] keys, int partitions) implements Distribution {
        public String describe(Schema schema) {
            return "hash(" + String.join(", ", Arrays.stream(keys).mapToObj(k -> schema.field(k).name()).toList())
                    + ") into " + partitions;
        }
    }

    /** Contiguous key ranges from sampled bounds, for a global sort. */
    record Range(List<SortKey> keys, int partitions) implements Distribution {
        public String describe(Schema schema) {
            return "range" + SortKey.describe(keys, schema) + " into " + partitions;
        }
    }

    /** Everything in one partition. */
    record Single() implements Distribution {
        public String describe(Schema schema) {
            return "single";
        }
    }

    /** Rows dealt in turn to {@code partitions}. */
    record RoundRobin(int partitions) implements Distribution {
        public String describe(Schema schema) {
            return "round robin into " + partitions;
        }
    }

    /** A copy of all rows for every task of the consuming stage. */
    record Broadcast() implements Distribution {
        public String describe(Schema schema) {
            return "broadcast";
        }
    }
}
