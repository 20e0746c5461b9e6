package dev.ember.engine;

import dev.ember.catalog.Catalog;
import dev.ember.catalog.CatalogEntry;
import dev.ember.columnar.source.file.FileFormat;
import dev.ember.columnar.source.file.FileFormats;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.source.file.FileWrites;
import dev.ember.columnar.source.file.SaveMode;
import dev.ember.columnar.source.file.ScanSettings;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.source.tpch.TpchExport;
import dev.ember.columnar.tpch.TpchScale;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import dev.ember.common.config.ByteSize;
import dev.ember.common.config.ConfigEntry;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.sql.Statement;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL face of file sources: {@code CREATE TABLE ... USING fmt OPTIONS (...) [AS query]},
 * {@code CREATE TEMP VIEW ... USING}, {@code INSERT [OVERWRITE]} into file tables and
 * {@code CALL tpch_export(scale, format, path)}. Tables without a {@code path} are managed: their
 * files live under {@code ember.sql.warehouse.dir}/name and DROP TABLE deletes them; tables with a
 * path are external and DROP leaves their files. Every check runs before anything is written.
 */
final class FileTableCommands {
    static final ConfigEntry<Long> MAX_PARTITION_BYTES = EmberConf.define("ember.sql.files.maxPartitionBytes",
            () -> 128L << 20, "Most bytes of files packed into one scan partition (task).", ByteSize::parse);
    static final ConfigEntry<Long> OPEN_COST = EmberConf.define("ember.sql.files.openCostInBytes",
            () -> 4L << 20, "What opening a file costs, in bytes, when files are packed into partitions.", ByteSize::parse);
    static final ConfigEntry<String> WAREHOUSE = EmberConf.define("ember.sql.warehouse.dir",
            () -> "ember-warehouse", "Folder of managed file tables (CREATE TABLE ... USING without a path).",
            java.util.function.Function.identity());
    static final ConfigEntry<String> PARQUET_COMPRESSION = EmberConf.define("ember.sql.parquet.compression",
            () -> "snappy", "Codec of written Parquet files unless a table's options say: snappy, zstd, gzip, lz4_raw, none.",
            s -> {
                String v = s.toLowerCase(Locale.ROOT);
                if (!List.of("snappy", "zstd", "gzip", "lz4_raw", "lz4", "none", "uncompressed").contains(v)) {
                    throw new IllegalArgumentException("not a Parquet codec: " + s);
                }
                return v;
            });

    /** Declares the settings above (called when sessions are first built, so SET and the builder know them). */
    static void defineSettings() {
        // Loading this class ran the EmberConf.define calls of its static fields.
    }

    private final EmberSession session;
    /** Folders of managed tables, deleted with them. */
    private final Set<Path> managed = ConcurrentHashMap.newKeySet();

    FileTableCommands(EmberSession session) {
        this.session = session;
    }

    private ScanSettings settings() {
        EmberConf c = session.conf();
        return new ScanSettings(c.get(MAX_PARTITION_BYTES), c.get(OPEN_COST),
                c.get(EmberConf.EXECUTOR_INSTANCES) * c.get(EmberConf.EXECUTOR_CORES), c.get(EmberConf.BATCH_SIZE));
    }

    private int writers() {
        return Math.max(1, session.conf().get(EmberConf.EXECUTOR_INSTANCES) * session.conf().get(EmberConf.EXECUTOR_CORES));
    }

    private Map<String, String> withDefaults(FileFormat format, Map<String, String> options) {
        Map<String, String> o = new LinkedHashMap<>();
        if (format.name().equals("parquet") && SourceOptions.of(options).get("compression") == null) {
            o.put("compression", session.conf().get(PARQUET_COMPRESSION));
        }
        o.putAll(options);
        return o;
    }

    private static String simpleName(List<String> name) {
        return name.get(name.size() - 1).toLowerCase(Locale.ROOT);
    }

    private static Schema schemaOf(List<Statement.ColumnDef> columns) {
        if (columns == null || columns.isEmpty()) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        for (Statement.ColumnDef c : columns) {
            fields.add(new Field(c.name(), CommandRunner.typeOf(c.type()), c.nullable()));
        }
        return new Schema(fields);
    }

    void createTable(Statement.CreateTable t, String source) {
        FileFormat format = FileFormats.get(t.format());
        String name = simpleName(t.name());
        Map<String, String> options = withDefaults(format, t.options());
        SourceOptions probe = SourceOptions.of(options);
        boolean isManaged = !probe.has("path") && !probe.has("paths");
        Path path = isManaged ? Path.of(session.conf().get(WAREHOUSE)).toAbsolutePath().normalize().resolve(name)
                : Path.of(probe.has("path") ? probe.get("path") : probe.get("paths").split(",")[0].trim()).toAbsolutePath();
        if (isManaged) {
            options.put("path", path.toString());
        }
        SourceOptions so = SourceOptions.of(options);
        Catalog catalog = session.catalog();
        boolean exists = catalog.lookup(t.name()).isPresent();
        if (exists && t.ifNotExists()) {
            return;
        }
        if (exists && !t.orReplace()) {
            throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_ALREADY_EXISTS, "table `" + String.join(".", t.name())
                    + "` already exists");
        }
        FileTableSource table;
        if (t.query() != null) {
            QueryExecution qe = session.analyze(t.query(), source);
            SaveMode mode = t.orReplace() ? SaveMode.OVERWRITE : SaveMode.ERROR_IF_EXISTS;
            if (isManaged && !t.orReplace() && FileWrites.hasData(path)) {
                throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_ALREADY_EXISTS, "the folder of managed table `" + name
                        + "`, " + path + ", already holds data: remove it, use CREATE OR REPLACE, or give OPTIONS (path ...)");
            }
            write(qe, format, path, so, mode);
            table = FileTableSource.open(name, format, partitionedLast(qe.schema(), so), so, settings());
        } else {
            Schema declared = schemaOf(t.columns());
            if (isManaged && declared == null) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "CREATE TABLE " + name + " USING " + format.name()
                        + " needs OPTIONS (path '...') to read files, or columns for a new empty table");
            }
            if (isManaged && FileWrites.hasData(path)) {
                throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_ALREADY_EXISTS, "the folder of managed table `" + name
                        + "`, " + path + ", already holds data: remove it, or read it with OPTIONS (path '" + path + "')");
            }
            if (!Files.exists(path) && !so.get("path", "").matches(".*[*?\\[{].*")) {
                if (declared == null) {
                    throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "path does not exist: " + path
                            + " (name the columns to create an empty table there)");
                }
                mkdirs(path);
            }
            table = FileTableSource.open(name, format, declared, so, settings());
        }
        catalog.create(t.name(), new CatalogEntry.SourceTable(name, table, format.name()), t.orReplace(), t.ifNotExists());
        if (isManaged) {
            managed.add(path);
        }
    }

    /** A written table's schema: partition columns move to the end, where reading puts them. */
    private static Schema partitionedLast(Schema schema, SourceOptions so) {
        String spec = so.get("partitionBy");
        if (spec == null || spec.isBlank()) {
            return schema;
        }
        List<Field> data = new ArrayList<>();
        List<Field> parts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String k : spec.split(",")) {
            keys.add(k.trim().toLowerCase(Locale.ROOT));
        }
        for (Field f : schema.fields()) {
            (keys.contains(f.name().toLowerCase(Locale.ROOT)) ? parts : data).add(f);
        }
        parts.sort(java.util.Comparator.comparingInt(f -> keys.indexOf(f.name().toLowerCase(Locale.ROOT))));
        data.addAll(parts);
        return new Schema(data);
    }

    private static void mkdirs(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    private FileWrites.Result write(QueryExecution qe, FileFormat format, Path path, SourceOptions so, SaveMode mode) {
        try (QueryResult r = qe.execute(ProgressListener.NONE)) {
            return FileWrites.write(format, qe.schema(), r.batches(), path, so, mode, writers());
        }
    }

    void createTempView(Statement.CreateTempViewUsing v) {
        FileFormat format = FileFormats.get(v.format());
        String name = simpleName(v.name());
        SourceOptions so = SourceOptions.of(withDefaults(format, v.options()));
        FileTableSource table = FileTableSource.open(name, format, schemaOf(v.columns()), so, settings());
        session.catalog().create(v.name(), new CatalogEntry.SourceTable(name, table, format.name()), v.orReplace(), false);
    }

    /** INSERT [OVERWRITE] into a file table: new files beside the old ones (or instead of them). */
    long insert(Catalog.Resolved r, FileTableSource table, QueryExecution rows, boolean overwrite) {
        List<String> paths = table.paths();
        Path dir = Path.of(paths.get(0)).toAbsolutePath();
        if (paths.size() != 1 || (Files.exists(dir) && !Files.isDirectory(dir)) || paths.get(0).matches(".*[*?\\[{].*")) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "INSERT into `" + String.join(".", r.qualifiedName())
                    + "` needs its path to be one folder; it reads " + paths);
        }
        SourceOptions so = table.options();
        if (table.partitionSchema().size() > 0) {
            so = so.with("partitionBy", String.join(",", table.partitionSchema().names()));
        }
        FileWrites.Result res;
        try (QueryResult result = rows.execute(ProgressListener.NONE)) {
            res = FileWrites.write(table.format(), table.schema(), result.batches(), dir, so,
                    overwrite ? SaveMode.OVERWRITE : SaveMode.APPEND, writers());
        }
        FileTableSource refreshed = table.refresh();
        session.catalog().create(r.qualifiedName(), new CatalogEntry.SourceTable(table.name(), refreshed, table.format().name()),
                true, false);
        return res.rows();
    }

    /** After DROP TABLE: a managed table's files go with it. */
    void dropped(CatalogEntry e) {
        if (e instanceof CatalogEntry.SourceTable t && t.source() instanceof FileTableSource f) {
            Path p = Path.of(f.paths().get(0)).toAbsolutePath().normalize();
            if (managed.remove(p)) {
                FileWrites.deleteTree(p);
            }
        }
    }

    DataFrame call(Statement.Call c) {
        String proc = String.join(".", c.procedure()).toLowerCase(Locale.ROOT);
        if (!proc.equals("tpch_export") && !proc.equals("system.tpch_export")) {
            throw new AnalysisException(ErrorClass.UNRESOLVED_ROUTINE, "procedure `" + proc
                    + "` does not exist (procedures: tpch_export(scale, format, path))");
        }
        List<SqlNode> args = c.arguments();
        if (args.size() < 3 || args.size() % 2 == 0) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "tpch_export takes (scale, format, path [, option, value]...),"
                    + " e.g. CALL tpch_export('sf1', 'parquet', '/data/tpch/sf1')");
        }
        String scale = literal(args.get(0), "scale");
        double sf = TpchScale.scaleFactor(scale).orElseGet(() -> {
            try {
                return Double.parseDouble(scale);
            } catch (NumberFormatException e) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "tpch_export: scale '" + scale
                        + "' is not a scale factor (tiny, sf1, sf0_1, 0.1, ...)");
            }
        });
        FileFormat format = FileFormats.get(literal(args.get(1), "format"));
        Path dir = Path.of(literal(args.get(2), "path"));
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 3; i + 1 < args.size(); i += 2) {
            options.put(literal(args.get(i), "option"), literal(args.get(i + 1), "value"));
        }
        List<TpchExport.Exported> done = TpchExport.export(sf, format, dir, withDefaults(format, options), writers());
        Schema out = Schema.of(Field.of("table", DataType.STRING), Field.of("files", DataType.INT),
                Field.of("rows", DataType.BIGINT), Field.of("bytes", DataType.BIGINT), Field.of("seconds", DataType.DOUBLE));
        List<Row> rows = new ArrayList<>();
        for (TpchExport.Exported e : done) {
            rows.add(Row.of(e.table(), e.files(), e.rows(), e.bytes(), Math.round(e.seconds() * 1000) / 1000.0));
        }
        return session.local(out, rows);
    }

    private static String literal(SqlNode n, String what) {
        if (n instanceof SqlLiteral l) {
            Object v = l.getValue();
            if (v instanceof org.apache.calcite.util.NlsString s) {
                return s.getValue();
            }
            return l.toValue();
        }
        throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "tpch_export: " + what + " must be a literal, not " + n);
    }
}
