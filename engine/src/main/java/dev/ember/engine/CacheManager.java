package dev.ember.engine;

import dev.ember.catalog.CatalogEntry;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.physical.rdd.StorageLevel;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.LocalCluster;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.plan.EmberTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlExplainLevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The session's cached relations, keyed by the analyzed plan they stand for, as Spark's
 * {@code CacheManager}: before a query is optimized, every fragment of its plan equal to a cached
 * plan is replaced by a scan of the cache ({@link #useCachedData}), so a query over a cached view
 * or table never recomputes it. Plans compare by their digest (operators, expressions, types and
 * the tables scanned), which is the same for the same query text over the same catalog.
 */
public final class CacheManager implements AutoCloseable {
    /** The schema where cached relations are visible as tables ({@code cached.<name>}). */
    static final String SCHEMA = "cached";

    private final EmberSession session;
    /** Qualified name of the table or view each relation caches (lower case) to its name in {@link #SCHEMA}. */
    private final Map<String, String> byQualifiedName = new LinkedHashMap<>();
    /** By relation name (lower case). */
    private final Map<String, CachedRelation> byName = new LinkedHashMap<>();
    /** By plan digest; a relation may be reachable by two digests (with and without an identity projection on top). */
    private final Map<String, CachedRelation> byPlan = new LinkedHashMap<>();

    CacheManager(EmberSession session) {
        this.session = session;
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Caches the result of {@code execution} as {@code name}; eagerly computes every partition
     * unless {@code lazy}. Replaces an earlier cache of the same name.
     */
    public CachedRelation cache(String name, QueryExecution execution, StorageLevel level, boolean lazy) {
        return cache(name, null, execution, level, lazy);
    }

    /**
     * As {@link #cache(String, QueryExecution, StorageLevel, boolean)}, also redirecting every later
     * reference to the table or view {@code qualifiedName} to the cache.
     */
    public CachedRelation cache(String name, List<String> qualifiedName, QueryExecution execution, StorageLevel level,
                                boolean lazy) {
        // Plan now, while this relation is not registered: its own plan may use other caches, never itself.
        execution.physical();
        CachedRelation relation;
        synchronized (this) {
            uncache(name, true);
            relation = new CachedRelation(name, execution, level, session.allocator(), session.confSnapshot(),
                    session::cluster);
            byName.put(normalize(name), relation);
            for (String key : keys(execution.analyzed())) {
                byPlan.putIfAbsent(key, relation);
            }
            var catalog = session.catalog();
            catalog.roots().computeIfAbsent(SCHEMA, n -> new dev.ember.catalog.MemoryNamespace(SCHEMA));
            catalog.create(List.of(SCHEMA, normalize(name)), new CatalogEntry.SourceTable(normalize(name), relation, "cache"),
                    true, false);
            if (qualifiedName != null) {
                byQualifiedName.put(String.join(".", qualifiedName).toLowerCase(Locale.ROOT), normalize(name));
            }
        }
        if (!lazy) {
            materialize(relation);
        }
        return relation;
    }

    /** Computes and stores every partition (CACHE TABLE without LAZY). */
    private void materialize(CachedRelation relation) {
        LocalCluster cluster = session.cluster();
        var rdd = relation.rdd(cluster);
        try (JobContext job = new JobContext(session.confSnapshot(),
                session.allocator().newChildAllocator("cache-fill", 0, Long.MAX_VALUE))) {
            job.setProgress(ProgressListener.NONE);
            session.register(job);
            try {
                cluster.scheduler().runJob(job, rdd, (ctx, it) -> {
                    long rows = 0;
                    while (it.hasNext()) {
                        rows += it.next().rowCount();
                    }
                    return rows;
                }, (p, rows) -> { });
            } finally {
                session.unregister(job);
            }
        } catch (RuntimeException e) {
            throw QueryExecution.translate(e);
        }
    }

    private final java.util.concurrent.atomic.AtomicInteger nextCheckpoint = new java.util.concurrent.atomic.AtomicInteger(1);

    /**
     * Computes {@code execution} now, writes its partitions under {@code ember.checkpoint.dir} and
     * returns a query over the files (Spark's eager {@code Dataset.checkpoint()}): its lineage is
     * cut there, so later plans over it stay small and recovery reads the files. The files are
     * also the table {@code cached.checkpoint_N}. The DataFrame API's checkpoint() hook calls this.
     */
    public QueryExecution checkpoint(QueryExecution execution) {
        String name = "checkpoint_" + nextCheckpoint.getAndIncrement();
        LocalCluster cluster = session.cluster();
        long[] rows = {0};
        var physical = execution.physical();
        try (JobContext job = new JobContext(session.confSnapshot(),
                session.allocator().newChildAllocator("checkpoint", 0, Long.MAX_VALUE))) {
            session.register(job);
            try {
                var rdd = new dev.ember.physical.exec.PlanCompiler(cluster, job).compile(physical.root());
                rdd.setName("Checkpoint " + name);
                // One job writes every partition's file and cuts the lineage.
                dev.ember.physical.scheduler.Checkpointer.write(cluster.scheduler(), job, rdd);
                if (rdd.checkpointData() instanceof dev.ember.physical.rdd.CheckpointData.Written w) {
                    for (var f : w.files()) {
                        rows[0] += f.rows();
                    }
                }
                CheckpointedRelation relation = new CheckpointedRelation(name, execution.schema(), rdd, rows[0]);
                synchronized (this) {
                    var catalog = session.catalog();
                    catalog.roots().computeIfAbsent(SCHEMA, n -> new dev.ember.catalog.MemoryNamespace(SCHEMA));
                    catalog.create(List.of(SCHEMA, name), new CatalogEntry.SourceTable(name, relation, "checkpoint"), true, false);
                }
            } finally {
                session.unregister(job);
            }
        } catch (RuntimeException e) {
            throw QueryExecution.translate(e);
        }
        String sql = "select * from " + SCHEMA + "." + name;
        return session.analyze(dev.ember.sql.EmberSqlParser.parseQuery(sql), sql);
    }

    /** Drops a cached relation; false when there was none (and {@code ifExists}). */
    public synchronized boolean uncache(String name, boolean ifExists) {
        CachedRelation r = byName.remove(normalize(name));
        if (r == null) {
            if (!ifExists) {
                throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_NOT_FOUND, "`" + name + "` is not cached"
                        + dev.ember.common.Suggestions.didYouMean(name, byName.keySet()).transform(h -> h.isEmpty() ? "" : "; " + h));
            }
            return false;
        }
        byPlan.values().removeIf(v -> v == r);
        byQualifiedName.values().removeIf(v -> v.equals(normalize(name)));
        session.catalog().drop(List.of(SCHEMA, normalize(name)), false, true);
        r.release();
        return true;
    }

    public synchronized void clear() {
        for (String n : new ArrayList<>(byName.keySet())) {
            uncache(n, true);
        }
    }

    /** Points the query's references to cached tables and views at their caches (see {@link CachedNameRewriter}). */
    org.apache.calcite.sql.SqlNode rewriteNames(org.apache.calcite.sql.SqlNode query) {
        Map<String, String> names;
        synchronized (this) {
            if (byQualifiedName.isEmpty()) {
                return query;
            }
            names = Map.copyOf(byQualifiedName);
        }
        return new CachedNameRewriter(session.catalog(), names).rewrite(query);
    }

    public synchronized List<CachedRelation> relations() {
        return new ArrayList<>(byName.values());
    }

    public synchronized CachedRelation lookup(String name) {
        return byName.get(normalize(name));
    }

    /**
     * A table changed (INSERT) or went away (DROP): every cached relation that reads it frees its
     * blocks and is recompiled on next use, so it never serves stale rows.
     */
    public synchronized void invalidate(List<String> tableName) {
        // Resolve as the statement did (current schema first), so `t` never matches `other.st`.
        String t = session.catalog().lookup(tableName).map(dev.ember.catalog.Catalog.Resolved::qualifiedName)
                .map(q -> String.join(".", q)).orElse(String.join(".", tableName)).toLowerCase(Locale.ROOT);
        for (CachedRelation r : byName.values()) {
            for (RelOptTable table : RelOptUtil.findAllTables(r.execution().analyzed())) {
                if (String.join(".", table.getQualifiedName()).toLowerCase(Locale.ROOT).equals(t)) {
                    r.release();
                    break;
                }
            }
        }
    }

    // ---------------------------------------------------------------- substitution

    /** Replaces every fragment of {@code plan} equal to a cached plan by a scan of the cache. */
    public RelNode useCachedData(RelNode plan) {
        synchronized (this) {
            if (byPlan.isEmpty()) {
                return plan;
            }
        }
        return substitute(plan);
    }

    private RelNode substitute(RelNode rel) {
        CachedRelation hit;
        synchronized (this) {
            hit = byPlan.get(digest(rel));
        }
        if (hit != null) {
            return scanOf(hit, rel);
        }
        List<RelNode> inputs = rel.getInputs();
        List<RelNode> replaced = new ArrayList<>(inputs.size());
        boolean changed = false;
        for (RelNode in : inputs) {
            RelNode r = substitute(in);
            changed |= r != in;
            replaced.add(r);
        }
        return changed ? rel.copy(rel.getTraitSet(), replaced) : rel;
    }

    private static RelNode scanOf(CachedRelation relation, RelNode replaced) {
        List<String> name = List.of(SCHEMA, relation.name());
        EmberTable table = new EmberTable(new CatalogEntry.SourceTable(relation.name(), relation, "cache"), name);
        RelOptTable relOptTable = RelOptTableImpl.create(null, replaced.getRowType(), name, table,
                (org.apache.calcite.linq4j.tree.Expression) null);
        return LogicalTableScan.create(replaced.getCluster(), relOptTable, List.of());
    }

    /** The digests a cached plan is found by: itself, and without identity projections on top. */
    private static List<String> keys(RelNode plan) {
        List<String> keys = new ArrayList<>();
        RelNode r = plan;
        keys.add(digest(r));
        while (r instanceof Project p && RexUtil.isIdentity(p.getProjects(), p.getInput().getRowType())
                && p.getRowType().getFieldNames().equals(p.getInput().getRowType().getFieldNames())) {
            r = p.getInput();
            keys.add(digest(r));
        }
        return keys;
    }

    static String digest(RelNode rel) {
        return RelOptUtil.toString(rel, SqlExplainLevel.DIGEST_ATTRIBUTES);
    }

    @Override
    public synchronized void close() {
        clear();
    }
}
