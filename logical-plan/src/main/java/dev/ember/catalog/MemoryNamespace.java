package dev.ember.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** A writable schema held in memory (the {@code default} schema, and schemas users create). */
public final class MemoryNamespace implements Namespace {
    private final String name;
    private final Map<String, CatalogEntry> entries = new ConcurrentHashMap<>();

    public MemoryNamespace(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<CatalogEntry> entry(String n) {
        return Optional.ofNullable(entries.get(n.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Set<String> entryNames() {
        return new TreeSet<>(entries.keySet());
    }

    @Override
    public Optional<Namespace> child(String n) {
        return Optional.empty();
    }

    @Override
    public Set<String> childNames() {
        return Set.of();
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void put(CatalogEntry entry) {
        entries.put(entry.name().toLowerCase(Locale.ROOT), entry);
    }

    @Override
    public boolean remove(String n) {
        return entries.remove(n.toLowerCase(Locale.ROOT)) != null;
    }
}
