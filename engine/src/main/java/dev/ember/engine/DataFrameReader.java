package dev.ember.engine;

import dev.ember.columnar.source.file.FileFormat;
import dev.ember.columnar.source.file.FileFormats;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.source.file.ScanSettings;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.config.EmberConf;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads files (or a table) as a DataFrame, as Spark's {@code DataFrameReader}: a format, its
 * options (the same as SQL's {@code OPTIONS}, see docs/data-sources.md), and an explicit
 * schema or one inferred from the files. Files are listed and split when {@code load} is called.
 *
 * <pre>{@code
 * DataFrame people = session.read().format("csv").option("header", "true").schema("id INT, name STRING").load("/data/people.csv");
 * DataFrame trips = session.read().parquet("/data/trips");
 * }</pre>
 */
public final class DataFrameReader {
    private final EmberSession session;
    private String format = "parquet";
    private final Map<String, String> options = new LinkedHashMap<>();
    private Schema schema;

    DataFrameReader(EmberSession session) {
        this.session = session;
    }

    /** csv, tbl, parquet, arrow (ipc, feather), json (jsonl), text. Parquet unless set, as in Spark. */
    public DataFrameReader format(String source) {
        this.format = source.toLowerCase(Locale.ROOT);
        return this;
    }

    public DataFrameReader option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public DataFrameReader option(String key, boolean value) {
        return option(key, String.valueOf(value));
    }

    public DataFrameReader option(String key, long value) {
        return option(key, String.valueOf(value));
    }

    public DataFrameReader option(String key, double value) {
        return option(key, String.valueOf(value));
    }

    public DataFrameReader options(Map<String, String> more) {
        options.putAll(more);
        return this;
    }

    /** The columns, instead of inferring them (partition folders still add theirs). */
    public DataFrameReader schema(Schema schema) {
        this.schema = schema;
        return this;
    }

    /** The columns in DDL: {@code "id INT, name STRING, amount DECIMAL(10,2)"}. */
    public DataFrameReader schema(String ddl) {
        return schema(Schemas.parse(ddl));
    }

    /** Files at the {@code path} option. */
    public DataFrame load() {
        SourceOptions so = SourceOptions.of(options);
        if (!so.has("path") && !so.has("paths")) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "load() needs a path: load(path) or option(\"path\", ...)");
        }
        return open(so.has("path") ? so.get("path") : so.get("paths").split(",")[0].trim(), so);
    }

    /** A file, a folder of files (Hive partition folders become columns) or a glob. */
    public DataFrame load(String path) {
        return open(path, SourceOptions.of(options).with("path", path));
    }

    public DataFrame load(String... paths) {
        if (paths.length == 1) {
            return load(paths[0]);
        }
        return open(paths[0], SourceOptions.of(options).without("path").with("paths", String.join(",", paths)));
    }

    public DataFrame csv(String... paths) {
        return format("csv").load(paths);
    }

    public DataFrame parquet(String... paths) {
        return format("parquet").load(paths);
    }

    public DataFrame json(String... paths) {
        return format("json").load(paths);
    }

    public DataFrame arrow(String... paths) {
        return format("arrow").load(paths);
    }

    /** Lines of text as one STRING column {@code value}. */
    public DataFrame text(String... paths) {
        return format("text").load(paths);
    }

    /** A table or view of the catalog. */
    public DataFrame table(String name) {
        return session.table(name);
    }

    static FileFormat formatNamed(String name) {
        return name.equalsIgnoreCase("text") || name.equalsIgnoreCase("txt") ? TextFormat.INSTANCE : FileFormats.get(name);
    }

    private DataFrame open(String firstPath, SourceOptions so) {
        FileFormat f = formatNamed(format);
        String name = Path.of(firstPath).getFileName() == null ? f.name() : Path.of(firstPath).getFileName().toString();
        FileTableSource source = FileTableSource.open(name, f, schema, so, scanSettings(session));
        return new DataFrame(session, SourcePlans.scan(session, source, name, f.name(), null));
    }

    static ScanSettings scanSettings(EmberSession session) {
        EmberConf c = session.conf();
        return new ScanSettings(c.get(FileTableCommands.MAX_PARTITION_BYTES), c.get(FileTableCommands.OPEN_COST),
                c.get(EmberConf.EXECUTOR_INSTANCES) * c.get(EmberConf.EXECUTOR_CORES), c.get(EmberConf.BATCH_SIZE));
    }

    List<String> optionKeys() {
        return List.copyOf(options.keySet());
    }
}
