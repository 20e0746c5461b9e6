package dev.ember.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The 22 TPC-H queries as shipped with io.trino.tpch (on the classpath through ember-columnar). */
final class TpchQueries {
    static final int COUNT = 22;

    private TpchQueries() {
    }

    static String text(int number) {
        String path = "io/trino/tpch/queries/q" + number + ".sql";
        try (InputStream in = TpchQueries.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
