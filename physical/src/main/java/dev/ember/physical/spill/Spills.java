package dev.ember.physical.spill;

import dev.ember.columnar.types.Schema;
import dev.ember.common.ErrorClass;
import dev.ember.common.ResourceException;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.scheduler.TaskContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where spill files go: one directory per JVM under {@code ember.spill.dir}, removed when the JVM
 * exits. Each file is also deleted by its owner as soon as it has been read for the last time.
 */
public final class Spills {
    private static final Map<Path, Path> DIRS = new ConcurrentHashMap<>();
    private static final AtomicLong COUNTER = new AtomicLong();

    private Spills() {
    }

    /** A new, empty spill file for batches of {@code schema}, written by the task {@code ctx}. */
    public static SpillFile create(TaskContext ctx, Schema schema, String purpose) {
        return create(Path.of(ctx.conf().get(EmberConf.SPILL_DIR)), schema,
                purpose + "-s" + ctx.stageId() + "-p" + ctx.partition());
    }

    public static SpillFile create(Path base, Schema schema, String name) {
        Path dir = DIRS.computeIfAbsent(base.toAbsolutePath(), Spills::newDirectory);
        return new SpillFile(dir.resolve(name + "-" + COUNTER.incrementAndGet() + ".arrows"), schema);
    }

    private static Path newDirectory(Path base) {
        try {
            Files.createDirectories(base);
            Path dir = Files.createTempDirectory(base, "ember-spill-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "ember-spill-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new ResourceException(ErrorClass.IO_ERROR,
                    "cannot create a spill directory under " + base + " (ember.spill.dir): " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
