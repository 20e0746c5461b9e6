package dev.ember.columnar.source.csv;

import dev.ember.columnar.source.BatchReader;
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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CSV text ({@code csv}), and TPC-H's {@code .tbl} ({@code tbl}: '|'-separated, no header, a
 * '|' after the last field). Files are split at line boundaries into pieces of about
 * {@code maxSplitBytes}, read in parallel; gzip files ({@code .gz}) and {@code multiLine} files
 * (records with quoted line breaks) are read whole.
 */
public final class CsvFormat implements FileFormat {
    private final String name;

    public CsvFormat(String name) {
        this.name = name;
    }

    private CsvOptions options(SourceOptions o) {
        return CsvOptions.parse(o, name.equals("tbl"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String extension() {
        return name;
    }

    @Override
    public String fileSuffix(SourceOptions options) {
        return "." + name + (options(options).gzipOutput() ? ".gz" : "");
    }

    @Override
    public Set<String> readOptions() {
        return CsvOptions.READ;
    }

    @Override
    public Set<String> writeOptions() {
        return CsvOptions.WRITE;
    }

    @Override
    public Schema inferSchema(List<DataFile> files, SourceOptions options) {
        return CsvInference.infer(files, options(options));
    }

    @Override
    public List<FileSplit> split(DataFile file, SourceOptions options, long maxSplitBytes) {
        if (file.gzipped() || options(options).multiLine() || file.size() <= maxSplitBytes) {
            return List.of(FileSplit.whole(file));
        }
        List<FileSplit> out = new ArrayList<>();
        for (long at = 0; at < file.size(); at += maxSplitBytes) {
            out.add(new FileSplit(file, at, Math.min(maxSplitBytes, file.size() - at), -1, -1));
        }
        return out;
    }

    @Override
    public BatchReader read(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx) {
        return new CsvReader(split, dataSchema, columns, ctx, options(ctx.options()));
    }

    @Override
    public FileWriter writer(Path file, Schema schema, SourceOptions options, BufferAllocator allocator) {
        try {
            return new CsvWriter(file, schema, options(options));
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
