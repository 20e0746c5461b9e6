package dev.ember.columnar.source.file;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.PushedPredicate;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file format (CSV, Parquet, Arrow IPC, JSON lines): how its files describe or reveal their
 * schema, how one file is cut into independently readable splits, how a split is read into
 * Ember's Arrow layouts, and how batches are written to a file. Tables over folders of files
 * ({@link FileTableSource}) and writes ({@link FileWrites}) are built on these.
 *
 * <pre>{@code
 * FileTableSource t = FileFormats.get("parquet").open("/data/lineitem", Map.of());
 * FileFormats.get("csv").write(schema, batches, Path.of("/tmp/out"), Map.of("header", "true"), SaveMode.OVERWRITE);
 * }</pre>
 */
public interface FileFormat {

    /** The name in {@code USING name}: csv, parquet, arrow, json. */
    String name();

    /** The extension of files this format writes (without a compression suffix). */
    String extension();

    /** The suffix of a written file's name: {@code .csv}, {@code .csv.gz} when compressed. */
    default String fileSuffix(SourceOptions options) {
        return "." + extension();
    }

    /** Option keys understood when reading (besides {@link FileTableSource#COMMON_OPTIONS}). */
    Set<String> readOptions();

    /** Option keys understood when writing (besides {@link FileWrites#COMMON_OPTIONS}). */
    Set<String> writeOptions();

    /** The columns of these files: read from their metadata, or inferred from a sample of records. */
    Schema inferSchema(List<DataFile> files, SourceOptions options);

    /** The pieces of one file that can be read independently, each at most about {@code maxSplitBytes}. */
    List<FileSplit> split(DataFile file, SourceOptions options, long maxSplitBytes);

    /**
     * False when statistics show that no row of {@code split} satisfies all {@code predicates}
     * (whose columns index {@code dataSchema}). Formats without statistics keep every split.
     */
    default boolean mayMatch(FileSplit split, Schema dataSchema, List<PushedPredicate> predicates) {
        return true;
    }

    /**
     * Reads a split: batches holding exactly {@code columns} (indices into {@code dataSchema}),
     * in Ember's layouts, at most {@code ctx.batchSize()} rows each, borrowed.
     */
    BatchReader read(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx);

    /** A writer of one new file at {@code file}. */
    FileWriter writer(Path file, Schema schema, SourceOptions options, BufferAllocator allocator);

    /** The table over {@code path} (a file, a folder, Hive partition folders or a glob). */
    default FileTableSource open(String path, Map<String, String> options) {
        return FileTableSource.open(path, this, null, SourceOptions.of(options).with("path", path), ScanSettings.defaults());
    }

    /** Writes {@code batches} (of {@code schema}) as files of this format into the folder {@code path}. */
    default FileWrites.Result write(Schema schema, List<ColumnBatch> batches, Path path, Map<String, String> options,
                                    SaveMode mode) {
        return FileWrites.write(this, schema, batches, path, SourceOptions.of(options), mode,
                Runtime.getRuntime().availableProcessors());
    }
}
