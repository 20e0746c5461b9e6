package dev.ember.catalog;

import dev.ember.columnar.tpch.TpchScale;
import dev.ember.columnar.tpch.TpchTableSource;
import dev.ember.columnar.tpch.TpchTables;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in, read-only {@code tpch} catalog: one schema per scale factor ({@code tiny},
 * {@code sf1}, {@code sf0_1}, any {@code sfN}), each with the eight TPC-H tables, generated on
 * first use.
 */
public final class TpchNamespace implements Namespace {
    /** Schemas listed by SHOW SCHEMAS (any other sfN also resolves). */
    public static final List<String> LISTED = List.of("tiny", "sf0_1", "sf1", "sf10", "sf100");

    private static final Map<Double, Namespace> SCALES = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "tpch";
    }

    @Override
    public Optional<CatalogEntry> entry(String name) {
        return Optional.empty();
    }

    @Override
    public Set<String> entryNames() {
        return Set.of();
    }

    @Override
    public Optional<Namespace> child(String name) {
        return TpchScale.scaleFactor(name).map(sf -> SCALES.computeIfAbsent(sf, ScaleNamespace::new));
    }

    @Override
    public Set<String> childNames() {
        return new LinkedHashSet<>(LISTED);
    }

    @Override
    public boolean writable() {
        return false;
    }

    /** The tables of one scale factor. */
    private static final class ScaleNamespace implements Namespace {
        private final double sf;
        private final Map<String, CatalogEntry> tables = new ConcurrentHashMap<>();

        ScaleNamespace(double sf) {
            this.sf = sf;
            for (String t : TpchTables.names()) {
                tables.put(t, new CatalogEntry.SourceTable(t, new TpchTableSource(TpchTables.table(t).orElseThrow(), sf), "tpch"));
            }
        }

        @Override
        public String name() {
            return TpchScale.schemaName(sf);
        }

        @Override
        public Optional<CatalogEntry> entry(String name) {
            return Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
        }

        @Override
        public Set<String> entryNames() {
            return new java.util.TreeSet<>(tables.keySet());
        }

        @Override
        public Optional<Namespace> child(String name) {
            return Optional.empty();
        }

        @Override
        public Set<String> childNames() {
            return Set.of();
        }

        @Override
        public boolean writable() {
            return false;
        }
    }
}
