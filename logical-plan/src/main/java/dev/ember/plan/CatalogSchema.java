package dev.ember.plan;

import dev.ember.catalog.Catalog;
import dev.ember.catalog.CatalogEntry;
import dev.ember.catalog.Namespace;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog presented as Calcite schemas, looked up by name on demand (so {@code tpch.sf7}
 * exists the moment it is named, and every query sees the catalog as it is now).
 */
final class CatalogSchema extends AbstractSchema {
    private final Catalog catalog;
    private final Namespace namespace;
    private final List<String> path;
    private final ViewExpander expander;

    private CatalogSchema(Catalog catalog, Namespace namespace, List<String> path, ViewExpander expander) {
        this.catalog = catalog;
        this.namespace = namespace;
        this.path = path;
        this.expander = expander;
    }

    /** The root: the catalog's top-level schemas. */
    static CatalogSchema root(Catalog catalog, ViewExpander expander) {
        return new CatalogSchema(catalog, null, List.of(), expander);
    }

    private Table toTable(CatalogEntry e) {
        return switch (e) {
            case CatalogEntry.SourceTable t -> {
                List<String> q = new ArrayList<>(path);
                q.add(t.name());
                yield new EmberTable(t, q, catalog.statistics(q).orElse(null));
            }
            case CatalogEntry.View v -> new EmberViewTable(v, path, expander);
        };
    }

    @Override
    public Lookup<Table> tables() {
        return new Lookup<>() {
            @Override
            public Table get(String name) {
                return namespace == null ? null : namespace.entry(name).map(CatalogSchema.this::toTable).orElse(null);
            }

            @Override
            public Named<Table> getIgnoreCase(String name) {
                if (namespace == null) {
                    return null;
                }
                return namespace.entry(name).map(e -> new Named<>(e.name(), toTable(e))).orElse(null);
            }

            @Override
            public Set<String> getNames(LikePattern pattern) {
                Set<String> out = new HashSet<>();
                if (namespace != null) {
                    for (String n : namespace.entryNames()) {
                        if (pattern.matcher().apply(n)) {
                            out.add(n);
                        }
                    }
                }
                return out;
            }
        };
    }

    private Namespace child(String name) {
        if (namespace == null) {
            return catalog.roots().get(name.toLowerCase(java.util.Locale.ROOT));
        }
        return namespace.child(name).orElse(null);
    }

    @Override
    public Lookup<? extends Schema> subSchemas() {
        return new Lookup<Schema>() {
            @Override
            public Schema get(String name) {
                Named<Schema> n = getIgnoreCase(name);
                return n == null ? null : n.entity();
            }

            @Override
            public Named<Schema> getIgnoreCase(String name) {
                Namespace c = child(name);
                if (c == null) {
                    return null;
                }
                List<String> p = new ArrayList<>(path);
                p.add(c.name());
                return new Named<>(c.name(), new CatalogSchema(catalog, c, p, expander));
            }

            @Override
            public Set<String> getNames(LikePattern pattern) {
                Set<String> names = namespace == null ? catalog.roots().keySet() : namespace.childNames();
                Set<String> out = new HashSet<>();
                for (String n : names) {
                    if (pattern.matcher().apply(n)) {
                        out.add(n);
                    }
                }
                return out;
            }
        };
    }

    @Override
    public boolean isMutable() {
        return false;
    }
}
