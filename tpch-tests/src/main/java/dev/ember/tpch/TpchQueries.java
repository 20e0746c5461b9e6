package dev.ember.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The 22 TPC-H queries with the specification's validation parameters, as resources {@code tpch/queries/qNN.sql}. */
public final class TpchQueries {
    public static final int COUNT = 22;

    private TpchQueries() {
    }

    public static String query(int n) {
        if (n < 1 || n > COUNT) {
            throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + n);
        }
        String name = String.format("tpch/queries/q%02d.sql", n);
        try (InputStream in = TpchQueries.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
