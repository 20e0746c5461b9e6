package dev.ember.columnar.source.file;

import dev.ember.columnar.source.arrow.ArrowFormat;
import dev.ember.columnar.source.csv.CsvFormat;
import dev.ember.columnar.source.json.JsonFormat;
import dev.ember.columnar.source.parquet.ParquetFormat;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.Suggestions;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The file formats Ember reads and writes, by the name {@code USING} takes: {@code csv},
 * {@code tbl} (TPC-H's '|'-separated text), {@code parquet}, {@code arrow} (IPC files and
 * streams; also {@code ipc}, {@code feather}), {@code json} (JSON lines; also {@code jsonl}).
 */
public final class FileFormats {
    private static final Map<String, FileFormat> FORMATS = new LinkedHashMap<>();

    static {
        register(new CsvFormat("csv"), "csv");
        register(new CsvFormat("tbl"), "tbl");
        register(new ParquetFormat(), "parquet");
        FileFormat arrow = new ArrowFormat();
        register(arrow, "arrow", "ipc", "feather");
        FileFormat json = new JsonFormat();
        register(json, "json", "jsonl", "ndjson");
    }

    private FileFormats() {
    }

    private static void register(FileFormat f, String... names) {
        for (String n : names) {
            FORMATS.put(n, f);
        }
    }

    public static Optional<FileFormat> find(String name) {
        return Optional.ofNullable(FORMATS.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The format called {@code name}, or an error listing the known ones. */
    public static FileFormat get(String name) {
        return find(name).orElseThrow(() -> {
            String hint = Suggestions.didYouMean(name, FORMATS.keySet());
            return new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "unknown file format '" + name + "'"
                    + (hint.isEmpty() ? "" : "; " + hint) + " (formats: csv, tbl, parquet, arrow, json)");
        });
    }
}
