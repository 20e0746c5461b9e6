package dev.ember.catalog;

import dev.ember.columnar.source.TableSource;

import java.util.List;

/** What a name in the catalog stands for: a table with a data source, or a view over a query. */
public sealed interface CatalogEntry {
    String name();

    /** A table whose rows come from a {@link TableSource} (tpch, in-memory, files). */
    record SourceTable(String name, TableSource source, String format) implements CatalogEntry {
    }

    /** A named query, expanded wherever it is used; temporary views die with the session. */
    record View(String name, String sql, List<String> columnAliases, boolean temporary) implements CatalogEntry {
    }
}
