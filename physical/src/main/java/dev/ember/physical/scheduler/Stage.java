package dev.ember.physical.scheduler;

import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ShuffleDependency;

import java.util.List;

/**
 * A set of tasks, one per partition, that run the same pipeline of narrow dependencies; stages
 * are split at shuffle dependencies. A shuffle map stage writes shuffle output; the result
 * stage returns its partitions to the driver.
 */
public sealed interface Stage {
    int id();

    Rdd<?> rdd();

    List<ShuffleMapStage> parents();

    record ShuffleMapStage(int id, ShuffleDependency<?> dependency, List<ShuffleMapStage> parents) implements Stage {
        @Override
        public Rdd<?> rdd() {
            return dependency.rdd();
        }

        public int numPartitions() {
            return dependency.rdd().numPartitions();
        }
    }

    record ResultStage(int id, Rdd<?> rdd, int[] partitions, List<ShuffleMapStage> parents) implements Stage {
    }
}
