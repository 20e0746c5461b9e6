package dev.ember.columnar.source.tpch;

import dev.ember.columnar.source.file.FileFormat;
import dev.ember.columnar.source.file.FileWrites;
import dev.ember.columnar.source.file.SaveMode;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.tpch.TpchData;
import dev.ember.columnar.tpch.TpchScale;
import dev.ember.columnar.tpch.TpchTableData;
import dev.ember.columnar.tpch.TpchTables;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the eight TPC-H tables of a scale factor as files: {@code <dir>/<table>/part-*.<ext>},
 * one file per generated partition (about 150K rows), written in parallel, and a script
 * {@code <dir>/create_tables.sql} that declares them as tables (with their exact types, which
 * CSV and JSON cannot carry). CSV is written with a header; {@code tbl} as dbgen writes it.
 *
 * <pre>{@code CALL tpch_export('sf1', 'parquet', '/data/tpch/sf1')}</pre>
 */
public final class TpchExport {
    private TpchExport() {
    }

    /** One exported table. */
    public record Exported(String table, int files, long rows, long bytes, double seconds) {
    }

    public static List<Exported> export(double sf, FileFormat format, Path dir, Map<String, String> options, int parallelism) {
        Map<String, String> opts = new LinkedHashMap<>();
        if (format.name().equals("csv")) {
            opts.put("header", "true");
        }
        opts.putAll(options);
        SourceOptions so = SourceOptions.of(opts);
        Path root = dir.toAbsolutePath().normalize();
        List<Exported> out = new ArrayList<>();
        StringBuilder script = new StringBuilder("-- TPC-H at scale factor " + sf + " (" + TpchScale.schemaName(sf) + ") as "
                + format.name() + ", written by CALL tpch_export. Run with: ./ember -f " + root.resolve("create_tables.sql") + "\n");
        for (String table : TpchTables.names()) {
            long start = System.nanoTime();
            TpchTableData data = TpchData.table(table, sf);
            Path target = root.resolve(table);
            FileWrites.Result r = FileWrites.writeGroups(format, data.schema(), data.partitions(), target, so,
                    SaveMode.OVERWRITE, parallelism);
            out.add(new Exported(table, r.files().size(), r.rows(), r.bytes(), (System.nanoTime() - start) / 1e9));
            Map<String, String> tableOptions = new LinkedHashMap<>(opts);
            StringBuilder keys = new StringBuilder();
            for (int[] key : TpchTables.primaryKey(table)) {
                for (int c : key) {
                    keys.append(keys.isEmpty() ? "" : ",").append(data.schema().field(c).name());
                }
            }
            tableOptions.put("primaryKey", keys.toString());
            script.append(ddl(table, data.schema(), format, target, tableOptions)).append('\n');
        }
        try {
            Files.writeString(root.resolve("create_tables.sql"), script);
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot write " + root.resolve("create_tables.sql") + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    static String ddl(String table, Schema schema, FileFormat format, Path path, Map<String, String> options) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (");
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            sb.append(i > 0 ? ", " : "").append(f.name()).append(' ').append(f.type().sql()).append(f.nullable() ? "" : " NOT NULL");
        }
        sb.append(") USING ").append(format.name()).append(" OPTIONS (path '").append(path.toString().replace("'", "''")).append('\'');
        for (var e : options.entrySet()) {
            sb.append(", ").append(e.getKey()).append(" '").append(e.getValue().replace("'", "''")).append('\'');
        }
        return sb.append(");").toString();
    }
}
