package dev.ember.corpus;

import dev.ember.catalog.Catalog;
import dev.ember.catalog.CatalogEntry;
import dev.ember.catalog.Namespace;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.InMemoryTable;
import dev.ember.common.AnalysisException;
import dev.ember.common.EmberException;
import dev.ember.common.ParseException;
import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import dev.ember.sql.EmberSqlParser;
import dev.ember.sql.Statement;
import org.apache.calcite.sql.SqlOrderBy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The SQL corpus: every {@code sql/*.slt} file runs, record by record, in a fresh session over
 * the tables of {@code sql/setup.sql} (and {@link CorpusTables}), loaded into Ember and into
 * DuckDB alike. Queries are answered by both and compared; where Ember intentionally differs
 * (docs/decisions.md) the file states Ember's answer; errors are checked for class, position and
 * text, and the session, its settings and its catalog must be unchanged after each of them.
 * Every file runs twice: with the defaults, and with three-row batches, three shuffle
 * partitions and no broadcast joins, so that operators see many batches and exchanges.
 *
 * <p>See {@link CorpusFile} for the format.
 */
class SqlCorpusTest {
    /** Settings each file runs under. */
    static final Map<String, Map<String, String>> CONFIGS = new LinkedHashMap<>();

    static {
        CONFIGS.put("defaults", Map.of());
        CONFIGS.put("small batches, 3 shuffle partitions, no broadcast", Map.of(
                "ember.batch.size", "3",
                "ember.sql.shuffle.partitions", "3",
                "ember.sql.autoBroadcastJoinThreshold", "-1"));
    }

    @TestFactory
    Stream<DynamicContainer> corpus() throws Exception {
        List<DynamicContainer> configs = new ArrayList<>();
        String setup = CorpusTables.setupScript();
        for (Map.Entry<String, Map<String, String>> config : CONFIGS.entrySet()) {
            List<DynamicContainer> files = new ArrayList<>();
            for (Path file : files()) {
                String name = file.getFileName().toString();
                List<CorpusFile.Record> records = CorpusFile.parse(name, Files.readString(file, StandardCharsets.UTF_8));
                List<String> failures = run(records, config.getValue(), setup);
                List<DynamicTest> tests = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                    CorpusFile.Record r = records.get(i);
                    String failure = failures.get(i);
                    tests.add(DynamicTest.dynamicTest(r.title(), () -> report(r, failure)));
                }
                files.add(DynamicContainer.dynamicContainer(name, tests));
            }
            configs.add(DynamicContainer.dynamicContainer(config.getKey(), files));
        }
        return configs.stream();
    }

    private static void report(CorpusFile.Record r, String failure) {
        String where = r.file() + ":" + r.line();
        if (r.knownFailure() != null) {
            if (failure == null) {
                fail(where + " is marked known-failure (" + r.knownFailure() + ") but passes now: remove the marker");
            }
            Assumptions.abort("known failure at " + where + ": " + r.knownFailure() + "\n" + failure);
        }
        if (failure != null) {
            fail(where + "\n" + r.sql() + "\n" + failure);
        }
    }

    @Test
    void corpusHasAtLeast300Cases() throws IOException {
        int positive = 0;
        int negative = 0;
        for (Path file : files()) {
            for (CorpusFile.Record r : CorpusFile.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8))) {
                if (r.negative()) {
                    negative++;
                } else {
                    positive++;
                }
            }
        }
        System.out.println("SQL corpus: " + positive + " positive and " + negative + " negative cases");
        assertThat(positive + negative).isGreaterThanOrEqualTo(300);
        assertThat(negative).isGreaterThanOrEqualTo(50);
    }

    static List<Path> files() throws IOException {
        Path dir;
        try {
            dir = Path.of(Objects.requireNonNull(SqlCorpusTest.class.getResource("/sql")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String only = System.getProperty("ember.corpus.only");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".slt"))
                    .filter(p -> only == null || p.getFileName().toString().startsWith(only))
                    .sorted().toList();
        }
    }

    /** Runs a file's records in order in one session; returns each record's failure (null when it passed). */
    private static List<String> run(List<CorpusFile.Record> records, Map<String, String> config, String setup)
            throws SQLException {
        List<String> failures = new ArrayList<>();
        EmberSession.Builder b = EmberSession.builder();
        config.forEach(b::config);
        try (EmberSession session = b.getOrCreate(); Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            duckExecute(duck, "SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
            duckExecute(duck, "SET integer_division = true");
            // Division by zero is NULL in Ember (docs/decisions.md), an error in DuckDB unless told
            duckExecute(duck, "SET error_on_division_by_zero = false");
            for (String statement : CorpusTables.statements(setup)) {
                session.sql(statement);
                duckExecute(duck, statement);
            }
            for (CorpusFile.Record r : records) {
                String failure;
                try {
                    failure = runRecord(session, duck, r);
                } catch (Throwable t) {
                    failure = "unexpected " + stackTrace(t);
                }
                failures.add(failure);
            }
        }
        return failures;
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s;
    }

    private static void duckExecute(Connection duck, String sql) throws SQLException {
        try (java.sql.Statement s = duck.createStatement()) {
            s.execute(sql);
        }
    }

    private static String runRecord(EmberSession session, Connection duck, CorpusFile.Record r) throws SQLException {
        return switch (r.kind()) {
            case STATEMENT_OK -> {
                Result e = ember(session, r.sql());
                if (e.error() != null) {
                    yield "failed: " + e.error().display();
                }
                if (r.duckToo()) {
                    duckExecute(duck, r.duckSql() != null ? r.duckSql() : r.sql());
                }
                yield null;
            }
            case STATEMENT_ERROR -> expectError(session, r);
            case QUERY_ORACLE -> {
                Result e = ember(session, r.sql());
                if (e.error() != null) {
                    yield "failed: " + e.error().display();
                }
                List<List<Object>> expected = duckQuery(duck, r.duckSql() != null ? r.duckSql() : r.sql());
                String diff = CorpusValues.compare(e.rows(), expected, ordered(r.sql()));
                yield diff == null ? null : diff + "\n-- DuckDB\n" + String.join("\n", CorpusValues.renderRows(expected))
                        + "\n-- Ember\n" + String.join("\n", CorpusValues.renderRows(e.rows()));
            }
            case QUERY_EXPECT -> {
                Result e = ember(session, r.sql());
                if (e.error() != null) {
                    yield "failed: " + e.error().display();
                }
                yield expectRows(r, e);
            }
            case PLAN -> {
                Result e = ember(session, "explain " + r.sql());
                if (e.error() != null) {
                    yield "failed: " + e.error().display();
                }
                String plan = (String) e.rows().get(0).get(0);
                int from = 0;
                for (String want : r.block()) {
                    int at = plan.indexOf(want.strip(), from);
                    if (at < 0) {
                        yield "the plan lacks '" + want.strip() + "' (after what matched before):\n" + plan;
                    }
                    from = at + want.strip().length();
                }
                yield null;
            }
        };
    }

    private static String expectRows(CorpusFile.Record r, Result e) {
        List<String> block = r.block();
        List<String> expected = new ArrayList<>(block);
        StringBuilder problems = new StringBuilder();
        if (!expected.isEmpty() && expected.get(0).startsWith("::")) {
            String types = expected.remove(0).substring(2).strip();
            String actualTypes = e.types().stream().collect(Collectors.joining(", "));
            if (!types.equals(actualTypes)) {
                problems.append("types differ: expected ").append(types).append(", got ").append(actualTypes).append('\n');
            }
        }
        List<String> actual = CorpusValues.renderRows(e.rows());
        boolean ordered = ordered(r.sql());
        List<String> a = ordered ? actual : actual.stream().sorted().toList();
        List<String> x = ordered ? expected : expected.stream().sorted().toList();
        if (!a.equals(x)) {
            problems.append("rows differ\n-- expected\n").append(String.join("\n", x)).append("\n-- Ember\n")
                    .append(String.join("\n", a));
        }
        return problems.isEmpty() ? null : problems.toString();
    }

    private static String expectError(EmberSession session, CorpusFile.Record r) {
        Snapshot before = Snapshot.of(session);
        Result e = ember(session, r.sql());
        if (e.error() == null) {
            return "succeeded, but should fail with " + r.errorClass() + "; rows: " + CorpusValues.renderRows(e.rows());
        }
        EmberException ex = e.error();
        StringBuilder problems = new StringBuilder();
        if (!ex.errorClass().name().equals(r.errorClass())) {
            problems.append("error class ").append(ex.errorClass()).append(", expected ").append(r.errorClass()).append('\n');
        }
        String position = position(ex);
        if (!Objects.equals(position, r.position())) {
            problems.append("position ").append(position).append(", expected ").append(r.position()).append('\n');
        }
        String message = ex.getMessage().lines().map(String::stripTrailing).collect(Collectors.joining("\n"));
        String expected = String.join("\n", r.block());
        if (!message.equals(expected)) {
            problems.append("message differs\n-- expected\n").append(expected).append("\n-- actual\n").append(message).append('\n');
        }
        Snapshot after = Snapshot.of(session);
        if (!before.equals(after)) {
            problems.append("the failed statement changed the session:\n  before ").append(before).append("\n  after  ").append(after);
        }
        Result probe = ember(session, "select 1");
        if (probe.error() != null || probe.rows().size() != 1) {
            problems.append("the session no longer runs queries: ").append(probe.error());
        }
        if (problems.isEmpty()) {
            return null;
        }
        return problems + "\n(full error: " + ex.display() + ")";
    }

    private static String position(EmberException e) {
        int line = 0;
        int col = 0;
        if (e instanceof ParseException p) {
            line = p.line();
            col = p.column();
        } else if (e instanceof AnalysisException a) {
            line = a.line();
            col = a.column();
        }
        return line <= 0 ? null : line + ":" + col;
    }

    /** True when the statement is a query whose outermost clause is ORDER BY (its rows come in order). */
    static boolean ordered(String sql) {
        try {
            Statement s = EmberSqlParser.parseStatement(sql).statement();
            return s instanceof Statement.Query q && q.query() instanceof SqlOrderBy o && !o.orderList.isEmpty();
        } catch (ParseException e) {
            return false;
        }
    }

    /** What a statement gave: rows with their column types, or an Ember error. */
    record Result(List<List<Object>> rows, List<String> types, EmberException error) {
    }

    static Result ember(EmberSession session, String sql) {
        try {
            DataFrame df = session.sql(sql);
            List<List<Object>> rows = new ArrayList<>();
            for (Row row : df.collectAsList()) {
                rows.add(row.toList());
            }
            List<String> types = df.schema().fields().stream().map(f -> f.type().sql()).toList();
            return new Result(rows, types, null);
        } catch (EmberException e) {
            return new Result(List.of(), List.of(), e);
        }
    }

    static List<List<Object>> duckQuery(Connection duck, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (java.sql.Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** What a failed statement must leave as it was: settings, current schema, and every object of the default schema. */
    record Snapshot(Map<String, String> settings, List<String> currentSchema, long catalogVersion, Map<String, String> objects) {
        static Snapshot of(EmberSession session) {
            Catalog c = session.catalog();
            Map<String, String> objects = new TreeMap<>();
            Namespace ns = c.requireNamespace(List.of(Catalog.DEFAULT_SCHEMA));
            for (String n : ns.entryNames()) {
                CatalogEntry e = ns.entry(n).orElseThrow();
                objects.put(n, switch (e) {
                    case CatalogEntry.View v -> "view " + v.sql();
                    case CatalogEntry.SourceTable t -> "table " + t.source().schema() + " rows=" + rows(t);
                });
            }
            return new Snapshot(new TreeMap<>(session.conf().explicitValues()), List.copyOf(c.currentSchema()), c.version(), objects);
        }

        private static long rows(CatalogEntry.SourceTable t) {
            if (!(t.source() instanceof InMemoryTable m)) {
                return -1;
            }
            long n = 0;
            for (List<ColumnBatch> p : m.partitions()) {
                for (ColumnBatch b : p) {
                    n += b.rowCount();
                }
            }
            return n;
        }
    }
}
