package dev.ember.physical.scheduler;

import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.physical.rdd.CheckpointData;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.storage.BlockFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes checkpoints: after a job, every Rdd of its lineage marked with {@code checkpoint()} is
 * written by a job of its own (one task per partition, each writing one Arrow IPC file under
 * {@code ember.checkpoint.dir}), as Spark does after the action. Persist an Rdd before
 * checkpointing it, or that second job computes it again.
 */
public final class Checkpointer {
    private Checkpointer() {
    }

    static void writeMarked(DagScheduler scheduler, JobContext job, Rdd<?> root) {
        for (Rdd<?> r : Lineage.rdds(root)) {
            if (r.checkpointData() instanceof CheckpointData.Marked) {
                write(scheduler, job, r);
            }
        }
    }

    /** Writes {@code rdd}'s partitions now and cuts its lineage. */
    public static void write(DagScheduler scheduler, JobContext job, Rdd<?> rdd) {
        Path dir = Path.of(job.conf().get(ResilienceSettings.CHECKPOINT_DIR), "rdd-" + rdd.id() + "-" + System.nanoTime());
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot create checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
        BlockFiles.Written[] files = new BlockFiles.Written[rdd.numPartitions()];
        write(scheduler, job, rdd, dir, files);
        List<BlockFiles.Written> list = new ArrayList<>(Arrays.asList(files));
        rdd.checkpointWritten(new CheckpointData.Written(dir, list));
    }

    private static <T> void write(DagScheduler scheduler, JobContext job, Rdd<T> rdd, Path dir, BlockFiles.Written[] files) {
        int[] all = new int[rdd.numPartitions()];
        Arrays.setAll(all, i -> i);
        scheduler.runStages(job, rdd, all, (ctx, it) -> BlockFiles.write(dir.resolve("part-" + ctx.partition() + ".arrow"), it,
                ctx.allocator()), (p, w) -> files[p] = w);
    }
}
