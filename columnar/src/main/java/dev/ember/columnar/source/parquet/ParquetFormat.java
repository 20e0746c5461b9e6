package dev.ember.columnar.source.parquet;

import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.PushedPredicate;
import dev.ember.columnar.source.file.DataFile;
import dev.ember.columnar.source.file.FileFormat;
import dev.ember.columnar.source.file.FileSplit;
import dev.ember.columnar.source.file.FileWriter;
import dev.ember.columnar.source.file.ReadContext;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.types.Schema;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Apache Parquet. A file is split into its row groups (each a split, read by one task with
 * others of its partition); pushed predicates prune row groups whose statistics rule them out;
 * only the requested columns' chunks are read. Written with Snappy by default ({@code compression}
 * zstd, gzip, lz4_raw or none), in row groups of {@code rowGroupRows} rows (122880, as DuckDB)
 * or {@code rowGroupSize} bytes (128 MB), whichever comes first.
 */
public final class ParquetFormat implements FileFormat {
    /** Rows per written row group (DuckDB's default): small enough to prune and to split work. */
    public static final long DEFAULT_ROW_GROUP_ROWS = 122_880;

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public Set<String> readOptions() {
        return Set.of("mergeSchema");
    }

    @Override
    public Set<String> writeOptions() {
        return Set.of("rowGroupRows", "rowGroupSize", "pageVersion");
    }

    @Override
    public Schema inferSchema(List<DataFile> files, SourceOptions options) {
        DataFile first = files.get(0);
        Schema schema = ParquetSchemas.toEmber(ParquetFooters.footer(first).getFileMetaData().getSchema(), first.path());
        if (!options.bool("mergeSchema", false)) {
            return schema;
        }
        // mergeSchema: the union of the files' columns, in order of appearance.
        List<dev.ember.columnar.types.Field> fields = new ArrayList<>(schema.fields());
        for (DataFile f : files.subList(1, files.size())) {
            Schema s = ParquetSchemas.toEmber(ParquetFooters.footer(f).getFileMetaData().getSchema(), f.path());
            for (dev.ember.columnar.types.Field field : s.fields()) {
                if (new Schema(fields).indexOf(field.name()) < 0) {
                    fields.add(new dev.ember.columnar.types.Field(field.name(), field.type(), true));
                }
            }
        }
        return new Schema(fields);
    }

    @Override
    public List<FileSplit> split(DataFile file, SourceOptions options, long maxSplitBytes) {
        ParquetMetadata footer = ParquetFooters.footer(file);
        List<FileSplit> out = new ArrayList<>();
        List<BlockMetaData> blocks = footer.getBlocks();
        for (int i = 0; i < blocks.size(); i++) {
            BlockMetaData b = blocks.get(i);
            out.add(new FileSplit(file, b.getStartingPos(), b.getCompressedSize(), i, b.getRowCount()));
        }
        return out;
    }

    @Override
    public boolean mayMatch(FileSplit split, Schema dataSchema, List<PushedPredicate> predicates) {
        if (predicates.isEmpty() || split.unit() < 0) {
            return true;
        }
        BlockMetaData block = ParquetFooters.footer(split.file()).getBlocks().get(split.unit());
        return ParquetStatistics.mayMatch(block, dataSchema, predicates);
    }

    @Override
    public BatchReader read(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx) {
        return new RowGroupReader(split, dataSchema, columns, ctx);
    }

    /** {@code pageVersion '2'} writes data pages v2 with Parquet 2 encodings (delta, RLE dictionaries). */
    private static boolean pageVersion(SourceOptions options) {
        String v = options.get("pageVersion", "1");
        if (!v.equals("1") && !v.equals("2")) {
            throw new dev.ember.common.AnalysisException(ErrorClass.ANALYSIS_ERROR, "pageVersion is 1 or 2, not '" + v + "'");
        }
        return v.equals("2");
    }

    @Override
    public FileWriter writer(Path file, Schema schema, SourceOptions options, BufferAllocator allocator) {
        try {
            return new ParquetBatchWriter(file, schema, ParquetCodecs.parse(options.get("compression", "snappy")),
                    Math.max(1, options.bytes("rowGroupRows", DEFAULT_ROW_GROUP_ROWS)),
                    Math.max(1 << 16, options.bytes("rowGroupSize", 128L << 20)), pageVersion(options));
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
