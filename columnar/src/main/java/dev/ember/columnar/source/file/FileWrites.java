package dev.ember.columnar.source.file;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes batches as files of a format into a folder, the way Spark commits a job: every file is
 * written under {@code _temporary/<job>} first, in parallel, and moved into place only when all
 * succeeded (after the old data files are deleted, for OVERWRITE); a failed write leaves the
 * folder as it was. Files are named {@code part-NNNNN-<job>.<ext>}, so appends never collide and
 * reading the folder back returns rows in written order. With {@code partitionBy 'a,b'} rows go
 * to Hive folders {@code a=1/b=x/}, without those columns in the files.
 */
public final class FileWrites {
    /** Options every format understands when writing. */
    public static final Set<String> COMMON_OPTIONS = Set.of("path", "partitionBy", "compression", "maxRecordsPerFile");

    /** Bytes (in memory) that one written file aims for before the write is split over more files. */
    static final long TARGET_FILE_BYTES = 64L << 20;

    private FileWrites() {
    }

    /** What a write produced. */
    public record Result(List<Path> files, long rows, long bytes) {
    }

    public static Result write(FileFormat format, Schema schema, List<ColumnBatch> batches, Path dir,
                               SourceOptions options, SaveMode mode, int parallelism) {
        return write(format, schema, batches, null, dir, options, mode, parallelism);
    }

    /**
     * Writes each group of batches as its own file (or files, with maxRecordsPerFile), in parallel:
     * how a table already cut into partitions (the tpch export) keeps one file per partition.
     */
    public static Result writeGroups(FileFormat format, Schema schema, List<List<ColumnBatch>> groups, Path dir,
                                     SourceOptions options, SaveMode mode, int parallelism) {
        return write(format, schema, null, groups, dir, options, mode, parallelism);
    }

    private static Result write(FileFormat format, Schema schema, List<ColumnBatch> batches, List<List<ColumnBatch>> groups,
                                Path dir, SourceOptions options, SaveMode mode, int parallelism) {
        Set<String> known = new HashSet<>(COMMON_OPTIONS);
        known.addAll(format.writeOptions());
        // A table's options serve its reads and its writes: reading options are accepted (and ignored) here.
        known.addAll(format.readOptions());
        known.addAll(FileTableSource.COMMON_OPTIONS);
        options.checkKnown(known, format.name() + " tables");
        Path target = dir.toAbsolutePath().normalize();
        boolean hasData = hasData(target);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "cannot write into " + target + ": it is a file, not a folder");
        }
        if (hasData) {
            if (mode == SaveMode.ERROR_IF_EXISTS) {
                throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_ALREADY_EXISTS, "path " + target
                        + " already holds data (use mode overwrite or append)");
            }
            if (mode == SaveMode.IGNORE) {
                return new Result(List.of(), 0, 0);
            }
        }
        List<String> partitionBy = partitionColumns(options, schema);
        String job = UUID.randomUUID().toString().substring(0, 8);
        Path staging = target.resolve("_temporary").resolve(job);
        try (BufferAllocator allocator = dev.ember.columnar.ArrowRuntime.newChild("write-" + job, Long.MAX_VALUE)) {
            Files.createDirectories(staging);
            List<Task> tasks;
            if (groups != null) {
                if (!partitionBy.isEmpty()) {
                    throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "partitionBy with grouped writes");
                }
                tasks = new ArrayList<>();
                for (List<ColumnBatch> g : groups) {
                    tasks.add(new Task("", schema, g, false));
                }
            } else {
                tasks = partitionBy.isEmpty() ? plain(schema, batches, parallelism)
                        : partitioned(schema, batches, partitionBy, allocator);
            }
            List<Path> written = new ArrayList<>();
            long rows = 0;
            long maxRecords = options.integer("maxRecordsPerFile", 0);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, tasks.size())), r -> {
                Thread t = new Thread(r, "file-writer");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<List<Path>>> futures = new ArrayList<>();
                for (int i = 0; i < tasks.size(); i++) {
                    Task t = tasks.get(i);
                    int index = i;
                    futures.add(pool.submit(() -> t.run(format, options, staging, job, index, maxRecords, allocator)));
                }
                for (Future<List<Path>> f : futures) {
                    written.addAll(f.get());
                }
                for (Task t : tasks) {
                    rows += t.rows();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            } finally {
                pool.shutdownNow();
                tasks.forEach(Task::close);
            }
            if (hasData && mode == SaveMode.OVERWRITE) {
                deleteData(target);
            }
            List<Path> committed = new ArrayList<>();
            long bytes = 0;
            for (Path p : written) {
                Path dest = target.resolve(staging.relativize(p));
                Files.createDirectories(dest.getParent());
                Files.move(p, dest, StandardCopyOption.ATOMIC_MOVE);
                committed.add(dest);
                bytes += Files.size(dest);
            }
            deleteTree(target.resolve("_temporary"));
            Files.writeString(target.resolve("_SUCCESS"), "");
            return new Result(committed, rows, bytes);
        } catch (EmberException e) {
            deleteTree(staging);
            throw e;
        } catch (Throwable e) {
            deleteTree(staging);
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write " + format.name() + " files to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** True when the folder exists and holds visible files (data). */
    public static boolean hasData(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> Files.isRegularFile(p) && FileListing.visible(dir, p));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Deletes the visible files and folders of {@code dir} (its data), keeping hidden ones. */
    public static void deleteData(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith("_") && !n.startsWith(".")) {
                    deleteTree(p);
                }
            }
        }
    }

    public static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover folder under _temporary is hidden from readers
        }
    }

    private static List<String> partitionColumns(SourceOptions options, Schema schema) {
        List<String> out = new ArrayList<>();
        String spec = options.get("partitionBy");
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String c : spec.split(",")) {
            String n = c.trim();
            int i = schema.indexOf(n);
            if (i < 0) {
                throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "partitionBy column `" + n + "` is not a column of "
                        + schema.names());
            }
            out.add(schema.field(i).name());
        }
        if (out.size() == schema.size()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "cannot partition by every column: files would have none");
        }
        return out;
    }

    /** Unpartitioned: the batches in order, cut into up to {@code parallelism} files of about TARGET_FILE_BYTES. */
    private static List<Task> plain(Schema schema, List<ColumnBatch> batches, int parallelism) {
        long bytes = 0;
        for (ColumnBatch b : batches) {
            bytes += b.sizeInBytes();
        }
        int files = (int) Math.max(1, Math.min(parallelism, (bytes + TARGET_FILE_BYTES - 1) / TARGET_FILE_BYTES));
        files = Math.min(files, Math.max(1, batches.size()));
        List<Task> tasks = new ArrayList<>();
        long per = Math.max(1, bytes / files);
        List<ColumnBatch> current = new ArrayList<>();
        long acc = 0;
        for (ColumnBatch b : batches) {
            current.add(b);
            acc += b.sizeInBytes();
            if (acc >= per && tasks.size() < files - 1) {
                tasks.add(new Task("", schema, current, false));
                current = new ArrayList<>();
                acc = 0;
            }
        }
        if (!current.isEmpty() || tasks.isEmpty()) {
            tasks.add(new Task("", schema, current, false));
        }
        return tasks;
    }

    /** Partitioned: rows grouped by their partition values, one task (folder) per distinct value. */
    private static List<Task> partitioned(Schema schema, List<ColumnBatch> batches, List<String> partitionBy,
                                          BufferAllocator allocator) {
        int[] keyCols = partitionBy.stream().mapToInt(schema::indexOf).toArray();
        List<Integer> dataCols = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            int c = i;
            if (java.util.Arrays.stream(keyCols).noneMatch(k -> k == c)) {
                dataCols.add(i);
            }
        }
        int[] data = dataCols.stream().mapToInt(Integer::intValue).toArray();
        Schema dataSchema = schema.project(data);
        Map<List<Object>, List<ColumnBatch>> out = new LinkedHashMap<>();
        for (ColumnBatch b : batches) {
            Map<List<Object>, List<Integer>> rows = new LinkedHashMap<>();
            for (int r = 0; r < b.rowCount(); r++) {
                List<Object> key = new ArrayList<>(keyCols.length);
                for (int k : keyCols) {
                    key.add(Values.get(b.vector(k), schema.type(k), r));
                }
                rows.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
            }
            for (var e : rows.entrySet()) {
                out.computeIfAbsent(e.getKey(), x -> new ArrayList<>())
                        .add(select(b, dataSchema, data, e.getValue(), allocator));
            }
        }
        List<Task> tasks = new ArrayList<>();
        for (var e : out.entrySet()) {
            StringBuilder folder = new StringBuilder();
            for (int k = 0; k < partitionBy.size(); k++) {
                folder.append(FileListing.partitionFolder(partitionBy.get(k), e.getKey().get(k))).append('/');
            }
            tasks.add(new Task(folder.toString(), dataSchema, e.getValue(), true));
        }
        return tasks;
    }

    /** The rows {@code rows} of the columns {@code cols} of {@code b}, copied. */
    private static ColumnBatch select(ColumnBatch b, Schema outSchema, int[] cols, List<Integer> rows, BufferAllocator allocator) {
        FieldVector[] vs = new FieldVector[cols.length];
        for (int i = 0; i < cols.length; i++) {
            Field f = outSchema.field(i);
            FieldVector to = Vectors.allocate(f.name(), f.type(), allocator, rows.size());
            TransferPair tp = b.vector(cols[i]).makeTransferPair(to);
            for (int r = 0; r < rows.size(); r++) {
                tp.copyValueSafe(rows.get(r), r);
            }
            to.setValueCount(rows.size());
            vs[i] = to;
        }
        return new ColumnBatch(outSchema, vs, rows.size());
    }

    /** One file (or several, with maxRecordsPerFile) written from a list of batches. */
    private static final class Task {
        private final String folder;
        private final Schema schema;
        private final List<ColumnBatch> batches;
        private final boolean owned;
        private long rows;

        Task(String folder, Schema schema, List<ColumnBatch> batches, boolean owned) {
            this.folder = folder;
            this.schema = schema;
            this.batches = batches;
            this.owned = owned;
        }

        long rows() {
            return rows;
        }

        List<Path> run(FileFormat format, SourceOptions options, Path staging, String job, int index, long maxRecords,
                       BufferAllocator allocator) throws IOException {
            List<Path> files = new ArrayList<>();
            Path dir = staging.resolve(folder);
            Files.createDirectories(dir);
            FileWriter w = null;
            long inFile = 0;
            try {
                for (ColumnBatch b : batches) {
                    if (w == null || (maxRecords > 0 && inFile >= maxRecords)) {
                        if (w != null) {
                            w.close();
                        }
                        Path p = dir.resolve(String.format("part-%05d-%s%s%s", index, job,
                                files.isEmpty() ? "" : "-c" + files.size(), format.fileSuffix(options)));
                        files.add(p);
                        w = format.writer(p, schema, options, allocator);
                        inFile = 0;
                    }
                    w.write(b);
                    inFile += b.rowCount();
                    rows += b.rowCount();
                }
                if (w == null) {
                    // An empty result still writes one file, so that the table keeps its schema.
                    Path p = dir.resolve(String.format("part-%05d-%s%s", index, job, format.fileSuffix(options)));
                    files.add(p);
                    w = format.writer(p, schema, options, allocator);
                }
                w.close();
                w = null;
                return files;
            } finally {
                if (w != null) {
                    w.abort();
                }
            }
        }

        void close() {
            if (owned) {
                batches.forEach(ColumnBatch::close);
            }
        }
    }
}
