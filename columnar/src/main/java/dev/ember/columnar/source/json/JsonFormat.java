package dev.ember.columnar.source.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
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
 * JSON lines (one object per line, {@code .json}/{@code .jsonl}, gzip by extension), split at
 * line boundaries and read in parallel like CSV; columns inferred from a sample of lines.
 */
public final class JsonFormat implements FileFormat {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String fileSuffix(SourceOptions options) {
        return ".json" + (JsonOptions.parse(options).gzipOutput() ? ".gz" : "");
    }

    @Override
    public Set<String> readOptions() {
        return JsonOptions.READ;
    }

    @Override
    public Set<String> writeOptions() {
        return JsonOptions.WRITE;
    }

    @Override
    public Schema inferSchema(List<DataFile> files, SourceOptions options) {
        return JsonInference.infer(files, JsonOptions.parse(options));
    }

    @Override
    public List<FileSplit> split(DataFile file, SourceOptions options, long maxSplitBytes) {
        if (file.gzipped() || file.size() <= maxSplitBytes) {
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
        return new JsonReader(split, dataSchema, columns, ctx, JsonOptions.parse(ctx.options()));
    }

    @Override
    public FileWriter writer(Path file, Schema schema, SourceOptions options, BufferAllocator allocator) {
        try {
            return new JsonWriter(file, schema, JsonOptions.parse(options));
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
