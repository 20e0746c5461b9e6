package dev.ember.optimizer.physical;

import java.util.Arrays;

/** How a planned subtree's output is laid out across partitions, to avoid needless exchanges. */
sealed interface Partitioning {
    int partitions();

    /** Rows with equal values of {@code keys} are in the same partition, {@code hash(keys) mod n}. */
    record Hash(int[] keys, int partitions) implements Partitioning {
        /** True when rows equal on {@code required} (any order) are already together: our keys are a subset. */
        boolean clusters(int[] required) {
            if (keys.length == 0) {
                return false;
            }
            for (int k : keys) {
                if (Arrays.stream(required).noneMatch(r -> r == k)) {
                    return false;
                }
            }
            return true;
        }

        boolean exactly(int[] required, int n) {
            return n == partitions && Arrays.equals(keys, required);
        }
    }

    /** All rows in one partition. */
    record Single() implements Partitioning {
        public int partitions() {
            return 1;
        }
    }

    /** Nothing known. */
    record Unknown(int partitions) implements Partitioning {
    }

    /** The partitioning after a projection, where output column i is input column {@code map[i]} (or -1). */
    static Partitioning project(Partitioning p, int[] map) {
        if (!(p instanceof Hash h)) {
            return p;
        }
        int[] out = new int[h.keys().length];
        for (int k = 0; k < out.length; k++) {
            int pos = -1;
            for (int i = 0; i < map.length; i++) {
                if (map[i] == h.keys()[k]) {
                    pos = i;
                    break;
                }
            }
            if (pos < 0) {
                return new Unknown(h.partitions());
            }
            out[k] = pos;
        }
        return new Hash(out, h.partitions());
    }

    static Partitioning shift(Partitioning p, int offset) {
        if (p instanceof Hash h) {
            return new Hash(Arrays.stream(h.keys()).map(k -> k + offset).toArray(), h.partitions());
        }
        return p;
    }
}
