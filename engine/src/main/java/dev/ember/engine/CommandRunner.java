package dev.ember.engine;

import dev.ember.catalog.Catalog;
import dev.ember.catalog.CatalogEntry;
import dev.ember.catalog.Namespace;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.InMemoryTable;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.config.ConfigEntry;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.rdd.StorageLevel;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.physical.storage.CacheStatus;
import dev.ember.plan.Functions;
import dev.ember.plan.TypeMapping;
import dev.ember.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Runs the engine's own statements (SET, SHOW, DESCRIBE, USE, CREATE, INSERT, DROP, EXPLAIN).
 * Each checks everything it can before it changes anything, so a failed command leaves the
 * session, its settings and its catalog as they were.
 */
final class CommandRunner implements AutoCloseable {
    private final EmberSession session;
    private final BufferAllocator tableMemory;
    private final FileTableCommands files;
    private final TableStatisticsCommands statistics;

    CommandRunner(EmberSession session) {
        this.session = session;
        this.tableMemory = session.allocator().newChildAllocator("tables", 0, Long.MAX_VALUE);
        this.files = new FileTableCommands(session);
        this.statistics = new TableStatisticsCommands(session);
    }

    private static Schema schema(String... namesAndTypes) {
        List<Field> fields = new ArrayList<>();
        for (String n : namesAndTypes) {
            fields.add(Field.of(n, DataType.STRING));
        }
        return new Schema(fields);
    }

    private DataFrame rows(Schema schema, List<Row> rows) {
        return session.local(schema, rows);
    }

    private DataFrame ok() {
        return rows(new Schema(List.of()), List.of());
    }

    DataFrame run(Statement s, String source) {
        return switch (s) {
            case Statement.Query q -> throw new IllegalStateException("queries are not commands");
            case Statement.Explain e -> explain(e, source);
            case Statement.SetConfig c -> {
                session.conf().set(c.key(), c.value());
                session.settingsChanged();
                yield rows(schema("key", "value"), List.of(Row.of(c.key(), session.conf().getText(c.key()))));
            }
            case Statement.ShowConfig c -> showConfig(c.verbose());
            case Statement.ResetConfig r -> {
                if (r.key() == null) {
                    session.conf().clear();
                } else {
                    session.conf().unset(r.key());
                }
                session.settingsChanged();
                yield ok();
            }
            case Statement.Use u -> {
                session.catalog().use(u.schema());
                yield ok();
            }
            case Statement.ShowTables t -> showTables(t);
            case Statement.ShowSchemas s2 -> showSchemas(s2.likePattern());
            case Statement.ShowFunctions f -> {
                List<Row> rows = new ArrayList<>();
                for (String n : Functions.names()) {
                    if (matches(f.likePattern(), n)) {
                        rows.add(Row.of(n));
                    }
                }
                yield rows(schema("function"), rows);
            }
            case Statement.ShowColumns c -> describe(c.table());
            case Statement.Describe d -> describe(d);
            case Statement.DescribeQuery d -> {
                RelDataType t = session.analyzer().describe(d.query(), source);
                yield describeSchema(TypeMapping.schema(t));
            }
            case Statement.CreateView v -> createView(v, source);
            case Statement.CreateTable t -> createTable(t, source);
            case Statement.Insert i -> {
                DataFrame out = insert(i, source);
                session.cacheManager().invalidate(i.table());
                // New rows make ANALYZE TABLE's measurements stale (as in Spark, which drops them).
                session.catalog().forgetStatistics(i.table());
                yield out;
            }
            case Statement.Drop d -> {
                // Cached data of a dropped table or view is stale: forget it, as Spark does.
                session.cacheManager().uncache(d.name().get(d.name().size() - 1), true);
                session.cacheManager().invalidate(d.name());
                session.catalog().drop(d.name(), d.view(), d.ifExists()).ifPresent(e -> {
                    if (e instanceof CatalogEntry.SourceTable t && t.source() instanceof InMemoryTable m) {
                        m.close();
                    }
                    files.dropped(e);
                });
                yield ok();
            }
            case Statement.CreateTempViewUsing v -> {
                files.createTempView(v);
                yield ok();
            }
            case Statement.CacheTable c -> cacheTable(c, source);
            case Statement.UncacheTable c -> {
                session.cacheManager().uncache(c.name().get(c.name().size() - 1), c.ifExists());
                yield ok();
            }
            case Statement.ClearCache c -> {
                session.cacheManager().clear();
                yield ok();
            }
            case Statement.ShowCache c -> showCache();
            case Statement.AnalyzeTable a -> statistics.analyze(a);
            case Statement.Call c -> files.call(c);
        };
    }

    /**
     * {@code CACHE [LAZY] TABLE t [OPTIONS ('storageLevel' 'X')] [AS query]}: with a query, t becomes
     * a temporary view of it first (as in Spark); then the plan of {@code select * from t} is cached.
     */
    private DataFrame cacheTable(Statement.CacheTable c, String source) {
        StorageLevel level = StorageLevel.MEMORY_AND_DISK;
        for (var o : c.options().entrySet()) {
            if (!o.getKey().equalsIgnoreCase("storageLevel")) {
                throw new AnalysisException(ErrorClass.INVALID_CONFIG, "unknown CACHE TABLE option '" + o.getKey()
                        + "' (the only option is 'storageLevel')");
            }
            try {
                level = StorageLevel.parse(o.getValue());
            } catch (IllegalArgumentException e) {
                throw new AnalysisException(ErrorClass.INVALID_CONFIG, e.getMessage());
            }
            if (level == StorageLevel.NONE) {
                throw new AnalysisException(ErrorClass.INVALID_CONFIG, "storageLevel NONE caches nothing; use UNCACHE TABLE");
            }
        }
        String name = c.name().get(c.name().size() - 1);
        // Re-caching replaces: forget the old cache first, so the new plan reads the source, not it.
        session.cacheManager().uncache(name, true);
        if (c.query() != null) {
            QueryExecution qe = session.analyze(c.query(), source);
            String text = queryText(c.query(), source);
            String viewName = c.name().get(c.name().size() - 1).toLowerCase(Locale.ROOT);
            session.catalog().create(c.name(), new CatalogEntry.View(viewName, text, List.of(), true), true, false);
            if (qe.schema().size() == 0) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "the cached query returns no columns");
            }
        }
        QueryExecution qe = session.analyze(dev.ember.sql.EmberSqlParser.parseQuery("select * from " + quoted(c.name())),
                "select * from " + quoted(c.name()));
        List<String> qualified = session.catalog().require(c.name()).qualifiedName();
        session.cacheManager().cache(name, qualified, qe, level, c.lazy());
        return ok();
    }

    /** The text of a query inside the statement, from its parser positions (CACHE TABLE ... AS query). */
    private static String queryText(org.apache.calcite.sql.SqlNode query, String source) {
        var pos = query.getParserPosition();
        String[] lines = source.split("\n", -1);
        int start = offset(lines, pos.getLineNum(), pos.getColumnNum());
        int end = offset(lines, pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
        if (start < 0 || end > source.length() || start >= end) {
            return query.toString();
        }
        return source.substring(start, end);
    }

    private static int offset(String[] lines, int line, int column) {
        if (line < 1 || line > lines.length) {
            return -1;
        }
        int off = 0;
        for (int i = 0; i < line - 1; i++) {
            off += lines[i].length() + 1;
        }
        return off + column - 1;
    }

    private DataFrame showCache() {
        List<Row> rows = new ArrayList<>();
        for (CachedRelation r : session.cacheManager().relations()) {
            CacheStatus st = r.status();
            rows.add(Row.of(r.name(), r.level().name(), (long) st.partitions(), (long) st.inMemory(), (long) st.onDisk(),
                    (long) st.missing(), st.memoryBytes(), st.diskBytes()));
        }
        Schema s = new Schema(List.of(Field.of("name", DataType.STRING), Field.of("storage_level", DataType.STRING),
                Field.of("partitions", DataType.BIGINT), Field.of("in_memory", DataType.BIGINT),
                Field.of("on_disk", DataType.BIGINT), Field.of("missing", DataType.BIGINT),
                Field.of("memory_bytes", DataType.BIGINT), Field.of("disk_bytes", DataType.BIGINT)));
        return rows(s, rows);
    }

    private static boolean matches(String like, String name) {
        if (like == null) {
            return true;
        }
        String regex = Pattern.quote(like.toLowerCase(Locale.ROOT)).replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q")
                .replace("*", "\\E.*\\Q");
        return name.toLowerCase(Locale.ROOT).matches(regex);
    }

    private DataFrame explain(Statement.Explain e, String source) {
        if (!(e.target() instanceof Statement.Query q)) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "EXPLAIN works on queries");
        }
        QueryExecution qe = session.analyze(q.query(), source);
        String text = qe.explain(e.mode());
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text));
        return rows(schema("plan"), rows);
    }

    private DataFrame showConfig(boolean verbose) {
        List<Row> rows = new ArrayList<>();
        if (verbose) {
            for (ConfigEntry<?> e : EmberConf.entries()) {
                rows.add(Row.of(e.key(), session.conf().getText(e.key()), e.doc()));
            }
            return rows(schema("key", "value", "meaning"), rows);
        }
        for (var e : session.conf().explicitValues().entrySet()) {
            rows.add(Row.of(e.getKey(), e.getValue()));
        }
        return rows(schema("key", "value"), rows);
    }

    private DataFrame showTables(Statement.ShowTables t) {
        Catalog catalog = session.catalog();
        List<String> schemaPath = t.schema() == null ? catalog.currentSchema() : t.schema();
        Namespace ns = catalog.requireNamespace(schemaPath);
        List<Row> rows = new ArrayList<>();
        for (String n : ns.entryNames()) {
            if (!matches(t.likePattern(), n)) {
                continue;
            }
            CatalogEntry e = ns.entry(n).orElseThrow();
            String kind = e instanceof CatalogEntry.View v ? (v.temporary() ? "temporary view" : "view") : "table";
            rows.add(Row.of(String.join(".", schemaPath), n, kind));
        }
        return rows(schema("schema", "name", "type"), rows);
    }

    private DataFrame showSchemas(String like) {
        List<Row> rows = new ArrayList<>();
        for (String s : session.catalog().allSchemaNames()) {
            if (matches(like, s)) {
                rows.add(Row.of(s));
            }
        }
        return rows(schema("schema"), rows);
    }

    private DataFrame describe(List<String> name) {
        return describe(new Statement.Describe(name));
    }

    /**
     * {@code DESCRIBE [EXTENDED] t [col]}: the columns; with EXTENDED, Spark's "# Detailed Table
     * Information" rows after a blank one, with {@code Statistics} when ANALYZE TABLE measured it.
     */
    private DataFrame describe(Statement.Describe d) {
        Catalog.Resolved r = session.catalog().require(d.table());
        Schema s = switch (r.entry()) {
            case CatalogEntry.SourceTable t -> t.source().schema();
            case CatalogEntry.View v -> session.sql("select * from " + quoted(r.qualifiedName())).schema();
        };
        if (d.column() != null) {
            return statistics.describeColumn(r, s, d.column(), d.extended());
        }
        if (!d.extended()) {
            return describeSchema(s);
        }
        List<Row> rows = new ArrayList<>();
        for (Field f : s.fields()) {
            rows.add(Row.of(f.name(), f.type().sql(), f.nullable() ? "YES" : "NO"));
        }
        rows.add(Row.of("", "", ""));
        rows.add(Row.of("# Detailed Table Information", "", ""));
        rows.add(Row.of("Table", String.join(".", r.qualifiedName()), ""));
        rows.add(Row.of("Type", r.entry() instanceof CatalogEntry.View ? "VIEW" : "TABLE", ""));
        if (r.entry() instanceof CatalogEntry.SourceTable t) {
            rows.add(Row.of("Provider", t.format(), ""));
            String stats = statistics.statisticsLine(r.qualifiedName());
            if (stats != null) {
                rows.add(Row.of("Statistics", stats, ""));
            }
        }
        return rows(schema("column", "type", "nullable"), rows);
    }

    private static String quoted(List<String> name) {
        return String.join(".", name.stream().map(n -> "`" + n.replace("`", "``") + "`").toList());
    }

    private DataFrame describeSchema(Schema s) {
        List<Row> rows = new ArrayList<>();
        for (Field f : s.fields()) {
            rows.add(Row.of(f.name(), f.type().sql(), f.nullable() ? "YES" : "NO"));
        }
        return rows(schema("column", "type", "nullable"), rows);
    }

    private DataFrame createView(Statement.CreateView v, String source) {
        // Validate the query (and its column list) before the catalog changes.
        QueryExecution qe = session.analyze(v.query(), source);
        if (v.columnAliases() != null && !v.columnAliases().isEmpty() && v.columnAliases().size() != qe.schema().size()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "the view names " + v.columnAliases().size()
                    + " columns but its query returns " + qe.schema().size());
        }
        String name = v.name().get(v.name().size() - 1).toLowerCase(Locale.ROOT);
        session.catalog().create(v.name(), new CatalogEntry.View(name, v.queryText(),
                v.columnAliases() == null ? List.of() : v.columnAliases(), v.temporary()), v.orReplace(), v.ifNotExists());
        return ok();
    }

    static DataType typeOf(SqlDataTypeSpec spec) {
        if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec b)) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "type " + spec + " is not supported");
        }
        String n = b.getTypeName().getSimple().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "BOOLEAN" -> DataType.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "INT" -> DataType.INT;
            case "BIGINT" -> DataType.BIGINT;
            case "FLOAT", "REAL", "DOUBLE" -> DataType.DOUBLE;
            case "DECIMAL", "NUMERIC", "DEC" -> DataType.decimal(b.getPrecision() < 0 ? 10 : b.getPrecision(),
                    Math.max(0, b.getScale()));
            case "DATE" -> DataType.DATE;
            case "TIMESTAMP" -> DataType.TIMESTAMP;
            case "VARCHAR", "CHAR", "STRING", "TEXT" -> DataType.STRING;
            default -> throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "type " + n + " is not supported");
        };
    }

    private DataFrame createTable(Statement.CreateTable t, String source) {
        if (t.format() != null) {
            files.createTable(t, source);
            return ok();
        }
        String name = t.name().get(t.name().size() - 1).toLowerCase(Locale.ROOT);
        InMemoryTable table;
        if (t.query() != null) {
            QueryExecution qe = session.analyze(t.query(), source);
            List<ColumnBatch> batches = run(qe);
            table = new InMemoryTable(name, qe.schema(), batches.isEmpty() ? List.of() : List.of(batches));
        } else {
            List<Field> fields = new ArrayList<>();
            for (Statement.ColumnDef c : t.columns()) {
                fields.add(new Field(c.name(), typeOf(c.type()), c.nullable()));
            }
            table = new InMemoryTable(name, new Schema(fields), List.of());
        }
        boolean created;
        java.util.Optional<Catalog.Resolved> replaced = t.orReplace() ? session.catalog().lookup(t.name()) : java.util.Optional.empty();
        try {
            created = session.catalog().create(t.name(), new CatalogEntry.SourceTable(name, table, "memory"),
                    t.orReplace(), t.ifNotExists());
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
        if (!created) {
            table.close();
        } else if (replaced.isPresent() && replaced.get().entry() instanceof CatalogEntry.SourceTable old
                && old.source() instanceof InMemoryTable m) {
            // The replaced table's rows are unreachable now: free them, as DROP TABLE does.
            session.cacheManager().invalidate(t.name());
            m.close();
        }
        return ok();
    }

    /** Runs a query and moves its batches into the tables' memory. */
    private List<ColumnBatch> run(QueryExecution qe) {
        try (QueryResult r = qe.execute(ProgressListener.NONE)) {
            List<ColumnBatch> out = new ArrayList<>();
            for (ColumnBatch b : r.batches()) {
                out.add(b.copy(tableMemory));
            }
            return out;
        }
    }

    private DataFrame insert(Statement.Insert i, String source) {
        Catalog.Resolved r = session.catalog().require(i.table());
        if (!(r.entry() instanceof CatalogEntry.SourceTable st)
                || !(st.source() instanceof InMemoryTable || st.source() instanceof FileTableSource)) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "INSERT into `" + String.join(".", i.table())
                    + "` is not supported (only in-memory and file tables take INSERT)");
        }
        Schema target = st.source().schema();
        QueryExecution qe = session.analyze(i.source(), source);
        RelNode rel = qe.analyzed();
        List<String> columns = i.columns();
        int[] positions = new int[target.size()];
        java.util.Arrays.fill(positions, -1);
        if (columns == null || columns.isEmpty()) {
            if (rel.getRowType().getFieldCount() != target.size()) {
                throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "`" + String.join(".", i.table()) + "` has "
                        + target.size() + " columns but the inserted rows have " + rel.getRowType().getFieldCount());
            }
            for (int k = 0; k < positions.length; k++) {
                positions[k] = k;
            }
        } else {
            for (int k = 0; k < columns.size(); k++) {
                int idx = target.indexOf(columns.get(k));
                if (idx < 0) {
                    throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "column `" + columns.get(k) + "` does not exist in `"
                            + String.join(".", i.table()) + "`; " + dev.ember.common.Suggestions.didYouMean(columns.get(k), target.names()));
                }
                positions[idx] = k;
            }
            if (columns.size() != rel.getRowType().getFieldCount()) {
                throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, columns.size() + " columns are named but the inserted rows have "
                        + rel.getRowType().getFieldCount());
            }
        }
        var rb = rel.getCluster().getRexBuilder();
        List<org.apache.calcite.rex.RexNode> exprs = new ArrayList<>();
        for (int k = 0; k < target.size(); k++) {
            RelDataType t = TypeMapping.toCalcite(target.type(k), true, rel.getCluster().getTypeFactory());
            exprs.add(positions[k] < 0 ? rb.makeNullLiteral(t) : rb.makeCast(t, rb.makeInputRef(rel, positions[k]), true, false));
        }
        RelNode cast = org.apache.calcite.rel.logical.LogicalProject.create(rel, List.of(), exprs, target.names(), java.util.Set.of());
        for (int k = 0; k < target.size(); k++) {
            if (!target.field(k).nullable() && positions[k] < 0) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "column `" + target.field(k).name() + "` is NOT NULL and needs a value");
            }
        }
        QueryExecution insertQe = new QueryExecution(session, cast, target);
        if (st.source() instanceof FileTableSource fileTable) {
            long inserted = files.insert(r, fileTable, insertQe, i.overwrite());
            return rows(new Schema(List.of(Field.of("num_inserted_rows", DataType.BIGINT))), List.of(Row.of(inserted)));
        }
        InMemoryTable table = (InMemoryTable) st.source();
        List<ColumnBatch> batches = run(insertQe);
        long rows = batches.stream().mapToLong(ColumnBatch::rowCount).sum();
        if (i.overwrite()) {
            table.replace(batches.isEmpty() ? List.of() : List.of(batches));
        } else {
            table.append(batches);
        }
        return rows(new Schema(List.of(Field.of("num_inserted_rows", DataType.BIGINT))), List.of(Row.of(rows)));
    }

    static String plan(RelNode rel) {
        return RelOptUtil.toString(rel);
    }

    @Override
    public void close() {
        for (Namespace ns : session.catalog().roots().values()) {
            if (!ns.writable()) {
                continue;
            }
            for (String n : ns.entryNames()) {
                ns.entry(n).ifPresent(e -> {
                    if (e instanceof CatalogEntry.SourceTable t && t.source() instanceof InMemoryTable m) {
                        m.close();
                    }
                });
            }
        }
        tableMemory.close();
    }
}
