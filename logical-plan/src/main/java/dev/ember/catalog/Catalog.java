package dev.ember.catalog;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's catalog: top-level schemas ({@code default}, writable and in memory; {@code tpch},
 * built in), the current schema that resolves unqualified names, and the DDL that changes it.
 * Every change is checked before it happens, so a failed statement leaves the catalog as it was.
 */
public final class Catalog {
    public static final String DEFAULT_SCHEMA = "default";

    private final Map<String, Namespace> roots = new LinkedHashMap<>();
    private volatile List<String> currentSchema = List.of(DEFAULT_SCHEMA);
    private final AtomicLong version = new AtomicLong();
    /** ANALYZE TABLE results by canonical qualified name; forgotten when the table changes. */
    private final Map<List<String>, AnalyzedStatistics> analyzed = new java.util.concurrent.ConcurrentHashMap<>();

    public Catalog() {
        roots.put(DEFAULT_SCHEMA, new MemoryNamespace(DEFAULT_SCHEMA));
        roots.put("tpch", new TpchNamespace());
    }

    /** A resolved table or view and the schema path it was found in. */
    public record Resolved(List<String> schemaPath, CatalogEntry entry) {
        public List<String> qualifiedName() {
            List<String> q = new ArrayList<>(schemaPath);
            q.add(entry.name());
            return q;
        }
    }

    public List<String> currentSchema() {
        return currentSchema;
    }

    /** Increases on every change (plans cached against an older version are stale). */
    public long version() {
        return version.get();
    }

    public Map<String, Namespace> roots() {
        return roots;
    }

    public Optional<Namespace> namespace(List<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Namespace ns = roots.get(path.get(0).toLowerCase(Locale.ROOT));
        for (int i = 1; ns != null && i < path.size(); i++) {
            ns = ns.child(path.get(i)).orElse(null);
        }
        return Optional.ofNullable(ns);
    }

    public Namespace requireNamespace(List<String> path) {
        return namespace(path).orElseThrow(() -> new AnalysisException(ErrorClass.SCHEMA_NOT_FOUND,
                "schema `" + String.join(".", path) + "` does not exist" + hint(path.get(path.size() - 1), allSchemaNames())));
    }

    public void use(List<String> schema) {
        requireNamespace(schema);
        currentSchema = List.copyOf(schema);
        version.incrementAndGet();
    }

    /** Looks a name up relative to the current schema, then as a fully qualified name. */
    public Optional<Resolved> lookup(List<String> name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<String> table = List.of(name.get(name.size() - 1));
        List<String> qualifier = name.subList(0, name.size() - 1);
        List<List<String>> candidates = new ArrayList<>();
        List<String> relative = new ArrayList<>(currentSchema);
        relative.addAll(qualifier);
        candidates.add(relative);
        if (!qualifier.isEmpty()) {
            candidates.add(qualifier);
        }
        for (List<String> schema : candidates) {
            Optional<Namespace> ns = namespace(schema);
            if (ns.isPresent()) {
                Optional<CatalogEntry> e = ns.get().entry(table.get(0));
                if (e.isPresent()) {
                    return Optional.of(new Resolved(canonical(schema), e.get()));
                }
            }
        }
        return Optional.empty();
    }

    private List<String> canonical(List<String> schema) {
        List<String> out = new ArrayList<>();
        for (String s : schema) {
            out.add(s.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    public Resolved require(List<String> name) {
        return lookup(name).orElseThrow(() -> notFound(name));
    }

    public AnalysisException notFound(List<String> name) {
        String last = name.get(name.size() - 1);
        List<String> qualifier = name.subList(0, name.size() - 1);
        // Candidates as the user would write them, each with its simple name (what is compared).
        Map<String, String> near = new LinkedHashMap<>();
        Optional<Namespace> ns = qualifier.isEmpty() ? namespace(currentSchema) : namespace(qualifier);
        if (ns.isEmpty() && !qualifier.isEmpty()) {
            List<String> rel = new ArrayList<>(currentSchema);
            rel.addAll(qualifier);
            ns = namespace(rel);
        }
        String prefix = qualifier.isEmpty() ? "" : String.join(".", qualifier) + ".";
        ns.ifPresent(n -> n.entryNames().forEach(e -> near.put(prefix + e, e)));
        if (ns.isEmpty() && !qualifier.isEmpty()) {
            String schema = String.join(".", qualifier);
            return new AnalysisException(ErrorClass.TABLE_OR_VIEW_NOT_FOUND, "table or view `" + String.join(".", name)
                    + "` does not exist: there is no schema `" + schema + "`" + hint(schema, allSchemaNames()));
        }
        String hint = tableHint(last, near);
        if (hint.isEmpty() && qualifier.isEmpty()) {
            // Nothing near in the current schema: any schema's tables, qualified, since they
            // do not resolve as written (and the same name lives in tpch.tiny, tpch.sf1, ...).
            hint = tableHint(last, allTableNames());
        }
        return new AnalysisException(ErrorClass.TABLE_OR_VIEW_NOT_FOUND,
                "table or view `" + String.join(".", name) + "` does not exist" + hint);
    }

    private static String hint(String name, Iterable<String> candidates) {
        String h = Suggestions.didYouMean(name, candidates);
        return h.isEmpty() ? "" : "; " + h;
    }

    /**
     * The candidates (written name to simple name) whose simple names are closest, at most three,
     * each simple name once: in the first schema that has it, in catalog order (tpch.tiny before
     * tpch.sf1), so that a table present at every scale is not suggested once per scale.
     */
    private static String tableHint(String name, Map<String, String> candidates) {
        List<String> best = Suggestions.closest(name, new java.util.LinkedHashSet<>(candidates.values()), 3);
        List<String> out = new ArrayList<>();
        for (String simple : best) {
            candidates.entrySet().stream().filter(c -> c.getValue().equals(simple)).findFirst()
                    .ifPresent(c -> out.add(c.getKey()));
        }
        if (out.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; did you mean ");
        for (int i = 0; i < out.size(); i++) {
            if (i > 0) {
                sb.append(i == out.size() - 1 ? " or " : ", ");
            }
            sb.append('`').append(out.get(i)).append('`');
        }
        return sb.append('?').toString();
    }

    /** Every table of every listed schema: its qualified name to its simple name (for suggestions). */
    public Map<String, String> allTableNames() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Namespace root : roots.values()) {
            root.entryNames().forEach(e -> out.put(root.name() + "." + e, e));
            for (String c : root.childNames()) {
                root.child(c).ifPresent(n -> n.entryNames().forEach(e -> out.put(root.name() + "." + c + "." + e, e)));
            }
        }
        return out;
    }

    public List<String> allSchemaNames() {
        List<String> out = new ArrayList<>();
        for (Namespace root : roots.values()) {
            out.add(root.name());
            for (String c : root.childNames()) {
                out.add(root.name() + "." + c);
            }
        }
        return out;
    }

    /** Where a new object named {@code name} goes: its schema (which must be writable) and simple name. */
    private record Target(Namespace schema, String name) {
    }

    private Target target(List<String> name) {
        List<String> schema = name.size() == 1 ? currentSchema : name.subList(0, name.size() - 1);
        Namespace ns = requireNamespace(schema);
        if (!ns.writable()) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "schema `" + String.join(".", schema)
                    + "` is read-only; create tables in `" + DEFAULT_SCHEMA + "`");
        }
        return new Target(ns, name.get(name.size() - 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Adds a table or view. With {@code replace}, an existing object of the same name is replaced;
     * with {@code ifNotExists}, an existing one is kept and false returned.
     */
    public synchronized boolean create(List<String> name, CatalogEntry entry, boolean replace, boolean ifNotExists) {
        Target t = target(name);
        Optional<CatalogEntry> existing = t.schema().entry(t.name());
        if (existing.isPresent()) {
            if (ifNotExists) {
                return false;
            }
            if (!replace) {
                throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_ALREADY_EXISTS,
                        (existing.get() instanceof CatalogEntry.View ? "view" : "table") + " `" + String.join(".", name)
                                + "` already exists");
            }
        }
        t.schema().put(entry);
        List<String> schema = name.size() == 1 ? currentSchema : name.subList(0, name.size() - 1);
        List<String> q = new ArrayList<>(canonical(schema));
        q.add(t.name());
        analyzed.remove(q);
        version.incrementAndGet();
        return true;
    }

    /** Removes a table or view; returns the removed entry, or empty if absent and {@code ifExists}. */
    public synchronized Optional<CatalogEntry> drop(List<String> name, boolean view, boolean ifExists) {
        Optional<Resolved> r = lookup(name);
        if (r.isEmpty()) {
            if (ifExists) {
                return Optional.empty();
            }
            throw notFound(name);
        }
        CatalogEntry e = r.get().entry();
        if (view != (e instanceof CatalogEntry.View)) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "`" + String.join(".", name) + "` is a "
                    + (e instanceof CatalogEntry.View ? "view: use DROP VIEW" : "table: use DROP TABLE"));
        }
        Namespace ns = requireNamespace(r.get().schemaPath());
        if (!ns.writable()) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "schema `" + String.join(".", r.get().schemaPath())
                    + "` is read-only");
        }
        ns.remove(e.name());
        analyzed.remove(r.get().qualifiedName());
        version.incrementAndGet();
        return Optional.of(e);
    }

    /** The ANALYZE TABLE statistics of a table (by its qualified name), if measured since it last changed. */
    public Optional<AnalyzedStatistics> statistics(List<String> qualifiedName) {
        return Optional.ofNullable(analyzed.get(canonical(qualifiedName)));
    }

    /** Records what ANALYZE TABLE measured, over what an earlier ANALYZE measured of other columns. */
    public void putStatistics(List<String> qualifiedName, AnalyzedStatistics stats) {
        analyzed.merge(canonical(qualifiedName), stats, AnalyzedStatistics::then);
        version.incrementAndGet();
    }

    /** Forgets a table's measured statistics: its rows changed (INSERT), so they are stale. */
    public void forgetStatistics(List<String> name) {
        lookup(name).ifPresent(r -> {
            if (analyzed.remove(r.qualifiedName()) != null) {
                version.incrementAndGet();
            }
        });
    }
}
