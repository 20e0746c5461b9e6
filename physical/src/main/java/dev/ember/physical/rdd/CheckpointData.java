package dev.ember.physical.rdd;

import dev.ember.physical.storage.BlockFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * The state of an Rdd's checkpoint: asked for (written after the next job that computes the
 * Rdd) or written (one Arrow IPC file per partition; the Rdd's lineage is cut there, and its
 * partitions are read back from the files, never recomputed).
 */
public sealed interface CheckpointData {

    /** {@code Rdd.checkpoint()} was called; the files do not exist yet. */
    record Marked() implements CheckpointData {
    }

    /** The partitions are on disk, {@code files.get(p)} holding partition p. */
    record Written(Path dir, List<BlockFiles.Written> files) implements CheckpointData {
    }
}
