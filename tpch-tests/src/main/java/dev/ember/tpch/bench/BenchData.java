package dev.ember.tpch.bench;

import dev.ember.columnar.tpch.TpchScale;
import dev.ember.columnar.tpch.TpchTables;
import dev.ember.engine.EmberSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's files: TPC-H exported once per scale factor and format with
 * {@code CALL tpch_export} into {@code <data>/<schema>/<format>/} and reused by later runs. An
 * export is complete when its {@code create_tables.sql} exists (the export writes it last).
 */
final class BenchData {
    private final Path root;
    private final double sf;

    BenchData(Path root, double sf) {
        this.root = root;
        this.sf = sf;
    }

    Path dir(String format) {
        return root.resolve(TpchScale.schemaName(sf)).resolve(format);
    }

    boolean exists(String format) {
        Path d = dir(format);
        if (!Files.isRegularFile(d.resolve("create_tables.sql"))) {
            return false;
        }
        for (String t : TpchTables.names()) {
            if (!Files.isDirectory(d.resolve(t))) {
                return false;
            }
        }
        return true;
    }

    /** Exports the tables as {@code format} unless a complete export is there; true when it exported. */
    boolean ensure(EmberSession session, String format) throws IOException {
        if (exists(format)) {
            return false;
        }
        Path d = dir(format);
        Files.createDirectories(d);
        session.sql("CALL tpch_export('" + TpchScale.schemaName(sf) + "', '" + format + "', '"
                + d.toAbsolutePath().toString().replace("'", "''") + "')").collectAsList();
        return true;
    }

    /** The export's script that declares its tables in an Ember session. */
    String createTables(String format) throws IOException {
        return Files.readString(dir(format).resolve("create_tables.sql"));
    }
}
