package dev.ember.physical.storage;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.ColumnBatch;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.rdd.MapPartitionsRdd;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.rdd.StorageLevel;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.StageInfo;
import dev.ember.physical.storage.TestRdds.CountingSource;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ember.physical.storage.TestRdds.expectedSum;
import static dev.ember.physical.storage.TestRdds.sum;
import static org.assertj.core.api.Assertions.assertThat;

class BlockManagerTest {
    private static final int PARTS = 8;
    private static final int ROWS = 1000;

    private BufferAllocator session;
    private LocalCluster cluster;
    private final EmberConf conf = new EmberConf();

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

    private long run(Rdd<ColumnBatch> rdd, List<StageInfo> stages) {
        try (JobContext job = TestRdds.job(cluster, conf)) {
            long s = sum(cluster, job, rdd);
            stages.addAll(job.stages());
            return s;
        }
    }

    private static long total(List<StageInfo> stages, java.util.function.ToLongFunction<StageInfo> f) {
        return stages.stream().mapToLong(f).sum();
    }

    @Test
    void cachedPartitionsAreComputedOnce() {
        CountingSource src = new CountingSource(PARTS, ROWS);
        src.persist(StorageLevel.MEMORY_ONLY);
        List<StageInfo> first = new ArrayList<>();
        List<StageInfo> second = new ArrayList<>();
        assertThat(run(src, first)).isEqualTo(expectedSum(PARTS, ROWS));
        assertThat(run(src, second)).isEqualTo(expectedSum(PARTS, ROWS));
        assertThat(src.totalComputes()).isEqualTo(PARTS);
        assertThat(total(first, s -> s.cachedPartitionsComputed.get())).isEqualTo(PARTS);
        assertThat(total(second, s -> s.cachedPartitionsRead.get())).isEqualTo(PARTS);
        assertThat(total(second, s -> s.cachedPartitionsComputed.get())).isZero();
        CacheStatus st = cluster.blockManagerMaster().status(src);
        assertThat(st.inMemory()).isEqualTo(PARTS);
        assertThat(st.memoryBytes()).isPositive();
        src.unpersist();
        assertThat(cluster.blockManagerMaster().status(src).inMemory()).isZero();
        assertThat(cluster.blockManagerMaster().memoryUsed()).isZero();
    }

    @Test
    void droppedPartitionIsRecomputedAlone() {
        CountingSource src = new CountingSource(PARTS, ROWS);
        MapPartitionsRdd<ColumnBatch, ColumnBatch> mapped = new MapPartitionsRdd<>(src, (ctx, p, in) -> in, true);
        mapped.persist(StorageLevel.MEMORY_AND_DISK);
        run(mapped, new ArrayList<>());
        assertThat(cluster.blockManagerMaster().dropBlock(new RddBlockId(mapped.id(), 3))).isTrue();
        List<StageInfo> stages = new ArrayList<>();
        assertThat(run(mapped, stages)).isEqualTo(expectedSum(PARTS, ROWS));
        assertThat(src.computes.get(3)).isEqualTo(2);
        assertThat(src.totalComputes()).isEqualTo(PARTS + 1);
        assertThat(total(stages, s -> s.cachedPartitionsComputed.get())).isEqualTo(1);
        assertThat(total(stages, s -> s.cachedPartitionsRead.get())).isEqualTo(PARTS - 1);
    }

    @Test
    void memoryOnlyDropsUnderPressureAndStaysCorrect() {
        // Each partition holds ~16KB of vectors; allow room for about three of them.
        cluster.setStorageFraction(50_000.0 / session.getLimit());
        CountingSource src = new CountingSource(PARTS, ROWS);
        src.persist(StorageLevel.MEMORY_ONLY);
        for (int i = 0; i < 3; i++) {
            assertThat(run(src, new ArrayList<>())).isEqualTo(expectedSum(PARTS, ROWS));
        }
        CacheStatus st = cluster.blockManagerMaster().status(src);
        assertThat(st.inMemory()).isBetween(1, PARTS - 1);
        assertThat(st.onDisk()).isZero();
        assertThat(st.missing()).isPositive();
        assertThat(cluster.blockManagerMaster().memoryUsed()).isLessThanOrEqualTo(50_000);
        assertThat(src.totalComputes()).isGreaterThan(PARTS);
    }

    @Test
    void memoryAndDiskSpillsUnderPressureAndNeverRecomputes() {
        cluster.setStorageFraction(50_000.0 / session.getLimit());
        CountingSource src = new CountingSource(PARTS, ROWS);
        src.persist(StorageLevel.MEMORY_AND_DISK);
        for (int i = 0; i < 3; i++) {
            assertThat(run(src, new ArrayList<>())).isEqualTo(expectedSum(PARTS, ROWS));
        }
        CacheStatus st = cluster.blockManagerMaster().status(src);
        assertThat(st.onDisk()).isPositive();
        assertThat(st.inMemory() + st.onDisk()).isEqualTo(PARTS);
        assertThat(src.totalComputes()).isEqualTo(PARTS);
        assertThat(st.diskBytes()).isPositive();
    }

    @Test
    void diskOnlyKeepsNothingInMemory() {
        CountingSource src = new CountingSource(PARTS, ROWS);
        src.persist(StorageLevel.DISK_ONLY);
        run(src, new ArrayList<>());
        assertThat(run(src, new ArrayList<>())).isEqualTo(expectedSum(PARTS, ROWS));
        CacheStatus st = cluster.blockManagerMaster().status(src);
        assertThat(st.onDisk()).isEqualTo(PARTS);
        assertThat(cluster.blockManagerMaster().memoryUsed()).isZero();
        assertThat(src.totalComputes()).isEqualTo(PARTS);
    }

    @Test
    void executionPressureEvictsCachedBlocks() {
        CountingSource src = new CountingSource(PARTS, ROWS);
        src.persist(StorageLevel.MEMORY_AND_DISK);
        run(src, new ArrayList<>());
        long used = cluster.blockManagerMaster().memoryUsed();
        assertThat(cluster.blockManagerMaster().freeForExecution(used / 2)).isTrue();
        assertThat(cluster.blockManagerMaster().memoryUsed()).isLessThanOrEqualTo(used / 2);
        assertThat(run(src, new ArrayList<>())).isEqualTo(expectedSum(PARTS, ROWS));
        assertThat(src.totalComputes()).isEqualTo(PARTS);
    }

    @Test
    void lostExecutorLosesOnlyItsBlocks() {
        CountingSource src = new CountingSource(PARTS, ROWS);
        src.persist(StorageLevel.MEMORY_ONLY);
        run(src, new ArrayList<>());
        int onZero = 0;
        for (int p = 0; p < PARTS; p++) {
            if (cluster.blockManagerMaster().locations(src.id(), p).contains(0)) {
                onZero++;
            }
        }
        assertThat(onZero).isPositive();
        assertThat(cluster.loseExecutor(0).cachedBlocks()).isEqualTo(onZero);
        List<StageInfo> stages = new ArrayList<>();
        assertThat(run(src, stages)).isEqualTo(expectedSum(PARTS, ROWS));
        assertThat(total(stages, s -> s.cachedPartitionsComputed.get())).isEqualTo(onZero);
        assertThat(src.totalComputes()).isEqualTo(PARTS + onZero);
    }
}
