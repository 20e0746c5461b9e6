package dev.ember.catalog;

import java.util.Optional;
import java.util.Set;

/** A schema of the catalog: tables and views, and nested schemas. Names are matched case-insensitively. */
public interface Namespace {
    String name();

    Optional<CatalogEntry> entry(String name);

    Set<String> entryNames();

    Optional<Namespace> child(String name);

    Set<String> childNames();

    /** True when tables and views may be created and dropped here. */
    boolean writable();

    default void put(CatalogEntry entry) {
        throw new UnsupportedOperationException(name() + " is read-only");
    }

    default boolean remove(String name) {
        throw new UnsupportedOperationException(name() + " is read-only");
    }
}
