package dev.ember.engine;

import dev.ember.columnar.source.file.FileFormat;
import dev.ember.columnar.source.file.FileWrites;
import dev.ember.columnar.source.file.SaveMode;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.scheduler.ProgressListener;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a DataFrame's rows as files or as a table, as Spark's {@code DataFrameWriter}: the
 * file writers of SQL's {@code CREATE TABLE ... USING} (docs/data-sources.md), with a save
 * mode for a target that already holds data (error, the default; append; overwrite; ignore).
 *
 * <pre>{@code
 * df.write().mode("overwrite").option("compression", "zstd").partitionBy("year").parquet("/tmp/trips");
 * df.write().format("csv").option("header", "true").saveAsTable("people");
 * }</pre>
 */
public final class DataFrameWriter {
    private static final AtomicInteger NEXT_VIEW = new AtomicInteger();

    private final DataFrame df;
    private String format = "parquet";
    private SaveMode mode = SaveMode.ERROR_IF_EXISTS;
    private final Map<String, String> options = new LinkedHashMap<>();
    private List<String> partitionBy = List.of();

    DataFrameWriter(DataFrame df) {
        this.df = df;
    }

    /** csv, tbl, parquet, arrow, json, text; or {@code memory} for {@link #saveAsTable} in memory. Parquet unless set. */
    public DataFrameWriter format(String source) {
        this.format = source.toLowerCase(Locale.ROOT);
        return this;
    }

    public DataFrameWriter mode(SaveMode mode) {
        this.mode = mode;
        return this;
    }

    /** {@code error} (or {@code errorifexists}, the default), {@code append}, {@code overwrite}, {@code ignore}. */
    public DataFrameWriter mode(String mode) {
        return mode(SaveMode.parse(mode));
    }

    public DataFrameWriter option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public DataFrameWriter option(String key, boolean value) {
        return option(key, String.valueOf(value));
    }

    public DataFrameWriter option(String key, long value) {
        return option(key, String.valueOf(value));
    }

    public DataFrameWriter options(Map<String, String> more) {
        options.putAll(more);
        return this;
    }

    /** Hive partition folders ({@code year=2024/}) by these columns, which the files then leave out. */
    public DataFrameWriter partitionBy(String... columns) {
        for (String c : columns) {
            df.col(c);
        }
        this.partitionBy = List.of(columns);
        return this;
    }

    private Map<String, String> allOptions() {
        Map<String, String> o = new LinkedHashMap<>(options);
        if (!partitionBy.isEmpty()) {
            o.put("partitionBy", String.join(",", partitionBy));
        }
        return o;
    }

    /** Writes into the folder {@code path}; what the mode says happens if it already holds data. */
    public FileWrites.Result save(String path) {
        FileFormat f = DataFrameReader.formatNamed(format);
        EmberSession session = df.sparkSession();
        Map<String, String> o = allOptions();
        if (f.name().equals("parquet") && SourceOptions.of(o).get("compression") == null) {
            o.put("compression", session.conf().get(FileTableCommands.PARQUET_COMPRESSION));
        }
        int writers = Math.max(1, session.conf().get(EmberConf.EXECUTOR_INSTANCES) * session.conf().get(EmberConf.EXECUTOR_CORES));
        if (df.isLocal()) {
            return session.createDataFrame(df.collectAsList(), df.schema()).write().format(format).mode(mode)
                    .options(options).partitionBy(partitionBy.toArray(new String[0])).save(path);
        }
        try (QueryResult r = df.execute(ProgressListener.NONE)) {
            return FileWrites.write(f, df.schema(), r.batches(), Path.of(path), SourceOptions.of(o), mode, writers);
        }
    }

    /** Writes to the path of the {@code path} option. */
    public FileWrites.Result save() {
        String path = SourceOptions.of(options).get("path");
        if (path == null) {
            throw new dev.ember.common.AnalysisException(dev.ember.common.ErrorClass.ANALYSIS_ERROR,
                    "save() needs a path: save(path) or option(\"path\", ...)");
        }
        options.remove("path");
        return save(path);
    }

    public FileWrites.Result csv(String path) {
        return format("csv").save(path);
    }

    public FileWrites.Result parquet(String path) {
        return format("parquet").save(path);
    }

    public FileWrites.Result json(String path) {
        return format("json").save(path);
    }

    public FileWrites.Result arrow(String path) {
        return format("arrow").save(path);
    }

    /** One line per row of a single STRING column. */
    public FileWrites.Result text(String path) {
        return format("text").save(path);
    }

    /**
     * Creates table {@code name} of the catalog from the rows, exactly as {@code CREATE TABLE name
     * USING format OPTIONS (...) AS SELECT ...} does (a managed table under
     * {@code ember.sql.warehouse.dir} without a {@code path} option); {@code format("memory")}
     * keeps it in memory. An existing table: error (default), {@code overwrite} replaces it,
     * {@code append} inserts into it, {@code ignore} leaves it.
     */
    public void saveAsTable(String name) {
        EmberSession session = df.sparkSession();
        boolean exists = session.catalog().lookup(Names.split(name)).isPresent();
        String view = "__save_" + NEXT_VIEW.incrementAndGet();
        df.createOrReplaceTempView(view);
        try {
            String target = quote(name);
            if (exists && mode == SaveMode.APPEND) {
                session.sql("INSERT INTO " + target + " SELECT * FROM " + view);
                return;
            }
            StringBuilder sql = new StringBuilder("CREATE ");
            if (mode == SaveMode.OVERWRITE) {
                sql.append("OR REPLACE ");
            }
            sql.append("TABLE ");
            if (mode == SaveMode.IGNORE) {
                sql.append("IF NOT EXISTS ");
            }
            sql.append(target);
            if (!format.equals("memory")) {
                sql.append(" USING ").append(DataFrameReader.formatNamed(format).name());
                Map<String, String> o = allOptions();
                if (!o.isEmpty()) {
                    sql.append(" OPTIONS (");
                    int i = 0;
                    for (Map.Entry<String, String> e : o.entrySet()) {
                        sql.append(i++ > 0 ? ", " : "").append('\'').append(e.getKey().replace("'", "''")).append("' '")
                                .append(e.getValue().replace("'", "''")).append("'");
                    }
                    sql.append(")");
                }
            } else if (!options.isEmpty() || !partitionBy.isEmpty()) {
                throw new dev.ember.common.AnalysisException(dev.ember.common.ErrorClass.ANALYSIS_ERROR,
                        "in-memory tables take no options or partitionBy");
            }
            sql.append(" AS SELECT * FROM ").append(view);
            session.sql(sql.toString());
        } finally {
            session.catalog().drop(List.of(view), false, true);
        }
    }

    /** Appends the rows to an existing table, by position ({@code INSERT INTO}); overwrite replaces its rows. */
    public void insertInto(String table) {
        EmberSession session = df.sparkSession();
        String view = "__insert_" + NEXT_VIEW.incrementAndGet();
        df.createOrReplaceTempView(view);
        try {
            session.sql("INSERT " + (mode == SaveMode.OVERWRITE ? "OVERWRITE " : "INTO ") + quote(table) + " SELECT * FROM " + view);
        } finally {
            session.catalog().drop(List.of(view), false, true);
        }
    }

    private static String quote(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : Names.split(name)) {
            sb.append(sb.length() > 0 ? "." : "").append('`').append(part.replace("`", "``")).append('`');
        }
        return sb.toString();
    }
}
