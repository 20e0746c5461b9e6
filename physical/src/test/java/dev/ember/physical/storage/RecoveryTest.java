package dev.ember.physical.storage;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.ColumnBatch;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.ShuffleDependency;
import dev.ember.physical.rdd.ShuffledRdd;
import dev.ember.physical.rdd.StorageLevel;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.StageInfo;
import dev.ember.physical.shuffle.BatchShuffleWriter;
import dev.ember.physical.storage.TestRdds.CountingSource;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.ember.physical.storage.TestRdds.expectedSum;
import static dev.ember.physical.storage.TestRdds.sum;
import static org.assertj.core.api.Assertions.assertThat;

/** Lineage recovery: injected task failures, a lost executor mid-job, checkpoints cutting lineage. */
class RecoveryTest {
    private static final int PARTS = 8;
    private static final int ROWS = 500;
    private static final int REDUCERS = 5;

    private BufferAllocator session;
    private LocalCluster cluster;

    @BeforeEach
    void start() {
        session = ArrowRuntime.newChild("test-session", 256L << 20);
        cluster = new LocalCluster(4, 1, session);
    }

    @AfterEach
    void stop() {
        cluster.close();
        session.close();
    }

    private Rdd<ColumnBatch> shuffled(Rdd<ColumnBatch> src) {
        ShuffleDependency<ColumnBatch> dep = new ShuffleDependency<>(src, REDUCERS,
                BatchShuffleWriter.factory(TestRdds.SCHEMA, new BatchShuffleWriter.Partitioning.Hash(new int[] {1}), 1024),
                "hash(v)");
        return new ShuffledRdd<>(dep, cluster);
    }

    @Test
    void injectedTaskFailuresAreRetriedElsewhere() {
        EmberConf conf = new EmberConf();
        conf.set("ember.fault.taskFailureRate", "0.3");
        conf.set("ember.fault.seed", "7");
        CountingSource src = new CountingSource(PARTS, ROWS);
        try (JobContext job = TestRdds.job(cluster, conf)) {
            assertThat(sum(cluster, job, shuffled(src))).isEqualTo(expectedSum(PARTS, ROWS));
            int injected = job.faults().injectedFailures.get();
            assertThat(injected).isPositive();
            int retried = job.stages().stream().mapToInt(s -> s.tasksRetried.get()).sum();
            int failed = job.stages().stream().mapToInt(s -> s.tasksFailed.get()).sum();
            assertThat(failed).isEqualTo(injected);
            assertThat(retried).isEqualTo(injected);
            assertThat(job.stages().stream().mapToInt(s -> s.tasksRecomputed.get()).sum()).isZero();
        }
    }

    @Test
    void lostExecutorReRunsOnlyItsMapOutputs() {
        EmberConf conf = new EmberConf();
        // The 8th task is the last map task: the loss takes map outputs before any reducer runs.
        conf.set("ember.fault.executorLoss.afterTasks", String.valueOf(PARTS));
        CountingSource src = new CountingSource(PARTS, ROWS);
        try (JobContext job = TestRdds.job(cluster, conf)) {
            assertThat(sum(cluster, job, shuffled(src))).isEqualTo(expectedSum(PARTS, ROWS));
            int lost = job.faults().totalLostMapOutputs();
            assertThat(lost).isPositive();
            int recomputed = job.stages().stream().mapToInt(s -> s.tasksRecomputed.get()).sum();
            assertThat(recomputed).isEqualTo(lost);
            assertThat(src.totalComputes()).isEqualTo(PARTS + lost);
            assertThat(job.stages().stream().filter(s -> s.name.endsWith("(recompute)")).mapToInt(s -> s.numPartitions).sum())
                    .isEqualTo(lost);
        }
    }

    @Test
    void lostExecutorAtStageLosesCachedBlocksToo() {
        CountingSource src = new CountingSource(PARTS, ROWS);
        Rdd<ColumnBatch> cached = new MapPartitionsRdd<>(shuffled(src), (ctx, p, in) -> in, true)
                .persist(StorageLevel.MEMORY_ONLY);
        try (JobContext job = TestRdds.job(cluster, new EmberConf())) {
            assertThat(sum(cluster, job, cached)).isEqualTo(expectedSum(PARTS, ROWS));
        }
        EmberConf conf = new EmberConf();
        conf.set("ember.fault.executorLoss.atStage", "1");
        conf.set("ember.fault.executorLoss.executor", "1");
        try (JobContext job = TestRdds.job(cluster, conf)) {
            assertThat(sum(cluster, job, cached)).isEqualTo(expectedSum(PARTS, ROWS));
            int lostBlocks = job.faults().lostBlocks;
            long computed = job.stages().stream().mapToLong(s -> s.cachedPartitionsComputed.get()).sum();
            assertThat(computed).isEqualTo(lostBlocks);
            // Recomputing a lost cached partition re-reads the shuffle; only lost map outputs re-run.
            int recomputed = job.stages().stream().mapToInt(s -> s.tasksRecomputed.get()).sum();
            assertThat(recomputed).isLessThanOrEqualTo(job.faults().totalLostMapOutputs());
        }
    }

    @Test
    void checkpointCutsALongLineage() throws Exception {
        Path dir = Files.createTempDirectory("ember-ckpt-test");
        EmberConf conf = new EmberConf();
        conf.set("ember.checkpoint.dir", dir.toString());
        CountingSource src = new CountingSource(PARTS, 100);
        Rdd<ColumnBatch> rdd = src;
        int iterations = 400;
        for (int i = 1; i <= iterations; i++) {
            // Each iteration a narrow step; every 50 steps persist and checkpoint, as an iterative job would.
            rdd = new MapPartitionsRdd<>(rdd, (ctx, p, in) -> in, true);
            if (i % 50 == 0) {
                rdd.persist(StorageLevel.MEMORY_ONLY).checkpoint();
                try (JobContext job = TestRdds.job(cluster, conf)) {
                    assertThat(sum(cluster, job, rdd)).isEqualTo(expectedSum(PARTS, 100));
                }
                assertThat(rdd.isCheckpointed()).isTrue();
            }
        }
        assertThat(src.totalComputes()).isEqualTo(PARTS);
        String lineage = rdd.toDebugString();
        assertThat(lineage.lines().count()).isLessThanOrEqualTo(51);
        assertThat(lineage).contains("[checkpointed");
        // Recovery after the checkpoint reads the files, never the source.
        rdd.unpersist();
        try (JobContext job = TestRdds.job(cluster, conf)) {
            assertThat(sum(cluster, job, rdd)).isEqualTo(expectedSum(PARTS, 100));
            assertThat(job.stages().stream().mapToLong(s -> s.checkpointPartitionsRead.get()).sum()).isEqualTo(PARTS);
        }
        assertThat(src.totalComputes()).isEqualTo(PARTS);
    }

    @Test
    void debugStringShowsStagesAndCaching() {
        CountingSource src = new CountingSource(PARTS, ROWS);
        Rdd<ColumnBatch> top = new MapPartitionsRdd<>(shuffled(src), (ctx, p, in) -> in, true).persist(StorageLevel.MEMORY_AND_DISK);
        String s = top.toDebugString();
        assertThat(s).startsWith("(" + REDUCERS + ") MapPartitionsRdd");
        assertThat(s).contains("[cached MEMORY_AND_DISK]");
        assertThat(s).contains(" +-Shuffle#");
        assertThat(s).contains("    (" + PARTS + ") CountingSource");
    }

    @Test
    void speculationRescuesAStraggler() {
        EmberConf conf = new EmberConf();
        conf.set("ember.speculation", "true");
        conf.set("ember.speculation.quantile", "0.5");
        conf.set("ember.speculation.minTaskRuntime", "50");
        conf.set("ember.fault.slowTask.partition", "3");
        conf.set("ember.fault.slowTask.millis", "4000");
        CountingSource src = new CountingSource(PARTS, ROWS);
        long start = System.nanoTime();
        try (JobContext job = TestRdds.job(cluster, conf)) {
            // Partition 3 is slow in the map stage and in the reduce stage: each gets a copy.
            assertThat(sum(cluster, job, shuffled(src))).isEqualTo(expectedSum(PARTS, ROWS));
            assertThat(job.stages().stream().mapToInt(s -> s.tasksSpeculated.get()).sum()).isEqualTo(2);
            // The losing copies were killed and their output discarded: every task counted once.
            assertThat(job.stages().stream().mapToInt(s -> s.tasksSucceeded.get()).sum()).isEqualTo(PARTS + REDUCERS);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("two 4 s stragglers were overtaken").isLessThan(4000);
        assertThat(src.totalComputes()).isEqualTo(PARTS);
    }

    @Test
    void withoutSpeculationTheStragglerIsWaitedFor() {
        EmberConf conf = new EmberConf();
        conf.set("ember.fault.slowTask.partition", "3");
        conf.set("ember.fault.slowTask.millis", "300");
        CountingSource src = new CountingSource(PARTS, ROWS);
        long start = System.nanoTime();
        try (JobContext job = TestRdds.job(cluster, conf)) {
            assertThat(sum(cluster, job, src)).isEqualTo(expectedSum(PARTS, ROWS));
            assertThat(job.stages().stream().mapToInt(s -> s.tasksSpeculated.get()).sum()).isZero();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }
}
