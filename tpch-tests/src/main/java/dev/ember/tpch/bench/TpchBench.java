package dev.ember.tpch.bench;

import dev.ember.columnar.tpch.TpchData;
import dev.ember.columnar.tpch.TpchScale;
import dev.ember.columnar.tpch.TpchTables;
import dev.ember.tpch.ResultComparator;
import dev.ember.tpch.TpchQueries;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code ./ember bench tpch}: prepares the data, loads both engines, runs each query's warm-ups
 * and timed runs on Ember and then on DuckDB, checks every Ember answer, prints progress, and
 * writes the report. Returns the exit status: 0 when every answer was right, 1 when one was
 * wrong or a query failed, 2 when the benchmark could not start.
 */
public final class TpchBench {
    private final BenchOptions options;
    private final PrintStream out;
    private final Path repo;
    private final long startNanos = System.nanoTime();

    public TpchBench(BenchOptions options, PrintStream out, Path repo) {
        this.options = options;
        this.out = out;
        this.repo = repo;
    }

    public int run() throws Exception {
        BenchOptions o = options;
        BenchReport report = new BenchReport(o, LocalDateTime.now());
        report.commit = Environment.commit(repo);
        report.loadBefore = Environment.loadAverage();
        boolean duck = o.useDuckDb() && DuckDbEngine.available();
        out.printf("ember bench: TPC-H SF %s from %s, %d queries, %d warm-up + %d timed runs each, on Ember%s%n",
                o.scaleText(), o.sourceName(), o.queries().size(), o.warmups(), o.runs(),
                duck ? " and DuckDB" : " only");
        double busy = Environment.loadPerCore();
        if (busy > 0.5) {
            report.busy = String.format(java.util.Locale.ROOT, "the machine was busy when the run started (load average %s on %d cores):"
                    + " other work competes for the cores, so the figures are noisy", report.loadBefore,
                    Runtime.getRuntime().availableProcessors());
            out.println("ember bench: warning: " + report.busy);
        }
        if (o.useDuckDb() && !duck) {
            out.println("ember bench: DuckDB's JDBC driver is not on the classpath: no DuckDB figures; answers are checked"
                    + " against those recorded by an earlier run");
        }
        Files.createDirectories(o.outputDir());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-timeout");
            t.setDaemon(true);
            return t;
        });
        try (EmberEngine ember = new EmberEngine(o.settings(), timer, o.timeoutSeconds());
             DuckDbEngine duckdb = duck ? new DuckDbEngine(timer, o.timeoutSeconds()) : null) {
            setUp(ember, duckdb, report);
            report.emberSettings = ember.effectiveSettings();
            report.duckdb = duckdb == null ? null : duckdb.describe();
            report.reference = duckdb != null ? "DuckDB " + duckdb.version() + ", in this run"
                    : "answers recorded by an earlier run (" + new Answers(o.dataDir(), schema()).file(1).getParent() + ")";
            if (o.explain()) {
                Files.createDirectories(o.outputDir().resolve("plans"));
            }
            Answers answers = new Answers(o.dataDir(), schema());
            for (int pass = 1; pass <= o.suiteWarmups(); pass++) {
                step(report, "warm-up pass " + pass + " over the " + o.queries().size() + " queries (untimed)", () -> {
                    for (int q : o.queries()) {
                        suiteWarmup(q, ember, duckdb);
                    }
                });
            }
            int i = 0;
            for (int q : o.queries()) {
                QueryOutcome outcome = runQuery(++i, q, ember, duckdb, answers, report.runs);
                report.outcomes.add(outcome);
            }
        } finally {
            timer.shutdownNow();
        }
        report.wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        report.loadAfter = Environment.loadAverage();
        report.write(o.outputDir());
        report.printSummary(out);
        return report.bad().isEmpty() ? 0 : 1;
    }

    private String schema() {
        return TpchScale.schemaName(options.scaleFactor());
    }

    private void setUp(EmberEngine ember, DuckDbEngine duckdb, BenchReport report) throws Exception {
        BenchOptions o = options;
        BenchData data = new BenchData(o.dataDir(), o.scaleFactor());
        String format = o.source() == BenchOptions.Source.MEMORY ? "parquet" : o.sourceName();
        if (o.source() == BenchOptions.Source.MEMORY) {
            step(report, "Ember: generate SF " + o.scaleText() + " in memory (tpch." + schema() + ")", () -> {
                for (String t : TpchTables.names()) {
                    TpchData.table(t, o.scaleFactor());
                }
                ember.execute("use tpch." + schema());
            });
        }
        if (o.source() != BenchOptions.Source.MEMORY || duckdb != null) {
            String what = (data.exists(format) ? "reuse " : "export ") + format + " files in " + data.dir(format)
                    + (o.source() == BenchOptions.Source.MEMORY ? " (for DuckDB)" : "");
            step(report, what, () -> data.ensure(ember.session(), format));
        }
        if (o.source() != BenchOptions.Source.MEMORY) {
            step(report, "Ember: declare the " + format + " tables", () -> ember.execute(data.createTables(format)));
        }
        if (o.cache()) {
            step(report, "Ember: CACHE TABLE each table", () -> ember.cache(TpchTables.names()));
        }
        if (duckdb != null) {
            boolean load = o.source() == BenchOptions.Source.MEMORY;
            step(report, load ? "DuckDB: load the parquet files into its tables" : "DuckDB: declare views over the " + format + " files",
                    () -> duckdb.declare(data.dir(format), format, load));
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(BenchReport report, String what, Step step) throws Exception {
        out.print("  " + what + " ... ");
        out.flush();
        long t0 = System.nanoTime();
        step.run();
        double s = (System.nanoTime() - t0) / 1e9;
        out.println(Fmt.seconds(s));
        report.setup.put(what, s);
    }

    /** One untimed run of a query on each engine; a failure here is left for the query's own runs to report. */
    private static void suiteWarmup(int q, EmberEngine ember, DuckDbEngine duckdb) {
        String sql = TpchQueries.query(q);
        try {
            ember.run(sql);
        } catch (RuntimeException e) {
            // Reported by runQuery, which runs it again.
        }
        if (duckdb != null) {
            try {
                duckdb.run(sql);
            } catch (java.sql.SQLException | RuntimeException e) {
                // Likewise.
            }
        }
    }

    private QueryOutcome runQuery(int index, int q, EmberEngine ember, DuckDbEngine duckdb, Answers answers,
                                  List<RunRecord> runs) throws Exception {
        BenchOptions o = options;
        QueryOutcome outcome = new QueryOutcome(q);
        String sql = TpchQueries.query(q);
        System.gc();
        int n = o.queries().size();
        out.printf("[%" + String.valueOf(n).length() + "d/%d] Q%02d  ember ", index, n, q);
        out.flush();
        List<List<Object>> emberAnswer = null;
        int total = o.warmups() + o.runs();
        for (int r = 0; r < total; r++) {
            boolean warmup = r < o.warmups();
            int run = warmup ? r + 1 : r - o.warmups() + 1;
            Timed t;
            try {
                t = ember.run(sql);
            } catch (RuntimeException e) {
                outcome.check = QueryOutcome.Check.FAILED;
                outcome.message = "Ember failed: " + e.getMessage();
                runs.add(new RunRecord(RunRecord.EMBER, q, run, warmup, Double.NaN, -1, Double.NaN, Double.NaN, "FAILED"));
                out.print("FAILED ");
                break;
            }
            String status = "ok";
            if (emberAnswer == null) {
                emberAnswer = t.rows();
            } else {
                String diff = ResultComparator.compare(emberAnswer, t.rows());
                if (diff != null && !outcome.check.bad()) {
                    outcome.check = QueryOutcome.Check.WRONG;
                    outcome.message = (warmup ? "warm-up " : "run ") + run + " answered differently from the first run: " + diff;
                    status = "WRONG";
                }
            }
            runs.add(new RunRecord(RunRecord.EMBER, q, run, warmup, t.millis(), t.rows().size(), t.parseMillis(),
                    t.planMillis(), status));
            if (!warmup) {
                outcome.ember.add(t.millis());
            }
            out.print((warmup ? "(" + Fmt.ms(t.millis()) + ") " : Fmt.ms(t.millis()) + " "));
            out.flush();
        }
        List<List<Object>> expected = null;
        boolean fromDuckDb = false;
        String recordedOrigin = null;
        if (duckdb != null) {
            out.print("ms | duckdb ");
            out.flush();
            try {
                for (int r = 0; r < total; r++) {
                    boolean warmup = r < o.warmups();
                    int run = warmup ? r + 1 : r - o.warmups() + 1;
                    Timed t = duckdb.run(sql);
                    if (expected == null) {
                        expected = t.rows();
                        fromDuckDb = true;
                    }
                    runs.add(new RunRecord(RunRecord.DUCKDB, q, run, warmup, t.millis(), t.rows().size(), Double.NaN,
                            Double.NaN, "ok"));
                    if (!warmup) {
                        outcome.duckdb.add(t.millis());
                    }
                    out.print((warmup ? "(" + Fmt.ms(t.millis()) + ") " : Fmt.ms(t.millis()) + " "));
                    out.flush();
                }
            } catch (java.sql.SQLException | RuntimeException e) {
                if (!outcome.check.bad()) {
                    outcome.check = QueryOutcome.Check.FAILED;
                    outcome.message = "DuckDB failed: " + e.getMessage();
                }
                out.print("FAILED ");
            }
            if (fromDuckDb && o.wrongAnswerQueries().isEmpty()) {
                answers.record(q, expected, "DuckDB " + duckdb.version());
            }
        } else {
            Optional<Answers.Recorded> rec = answers.load(q);
            if (rec.isPresent()) {
                expected = rec.get().rows();
                recordedOrigin = rec.get().origin();
            }
        }
        out.print("ms");
        if (expected != null && o.wrongAnswerQueries().contains(q)) {
            expected = corrupt(expected);
        }
        if (!outcome.check.bad() && emberAnswer != null) {
            if (expected == null) {
                answers.record(q, emberAnswer, Answers.EMBER_ORIGIN);
                outcome.check = QueryOutcome.Check.UNCHECKED;
                outcome.message = "no reference answer: Ember's answer is recorded, unchecked, for later runs";
            } else {
                String diff = ResultComparator.compare(expected, emberAnswer);
                String against = fromDuckDb ? "DuckDB's answer" : "the answer recorded from " + recordedOrigin;
                if (diff != null) {
                    outcome.check = QueryOutcome.Check.WRONG;
                    outcome.message = "differs from " + against + ": " + diff;
                } else if (fromDuckDb) {
                    outcome.check = QueryOutcome.Check.OK_DUCKDB;
                } else {
                    outcome.check = Answers.EMBER_ORIGIN.equals(recordedOrigin)
                            ? QueryOutcome.Check.UNCHECKED : QueryOutcome.Check.OK_RECORDED;
                    if (outcome.check == QueryOutcome.Check.UNCHECKED) {
                        outcome.message = "same as Ember's answer in an earlier run, which nothing checked";
                    }
                }
            }
        }
        outcome.rows = expected != null ? expected.size() : emberAnswer != null ? emberAnswer.size() : -1;
        if (o.explain()) {
            savePlans(q, sql, ember, duckdb);
        }
        double ratio = outcome.ratio();
        out.printf("  %s  %s  [%s]%n", Double.isNaN(ratio) ? "" : Fmt.ratio(ratio).replace('×', 'x'),
                outcome.check.bad() ? "<<< " + outcome.check.label + " >>>" : outcome.check.label,
                Fmt.clock((System.nanoTime() - startNanos) / 1e9));
        if (outcome.check.bad()) {
            out.println("        " + outcome.message.replace("\n", "\n        "));
        }
        return outcome;
    }

    private void savePlans(int q, String sql, EmberEngine ember, DuckDbEngine duckdb) {
        Path dir = options.outputDir().resolve("plans");
        try {
            String e;
            try {
                e = ember.explain(sql);
            } catch (RuntimeException ex) {
                e = "EXPLAIN failed: " + ex.getMessage();
            }
            Files.writeString(dir.resolve(String.format("q%02d-ember.txt", q)), e);
            if (duckdb != null) {
                String d;
                try {
                    d = duckdb.explain(sql);
                } catch (java.sql.SQLException | RuntimeException ex) {
                    d = "EXPLAIN failed: " + ex.getMessage();
                }
                Files.writeString(dir.resolve(String.format("q%02d-duckdb.txt", q)), d);
            }
        } catch (IOException ex) {
            out.println("ember bench: cannot save the plans of Q" + q + ": " + ex.getMessage());
        }
    }

    /**
     * The test hook behind {@code --test-wrong-answer}: a copy of the answer with its first value
     * changed (a number by one, a date by a day, a string by a character), or a row added to an
     * empty answer, so that a right answer from Ember no longer matches it.
     */
    static List<List<Object>> corrupt(List<List<Object>> answer) {
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : answer) {
            copy.add(new ArrayList<>(row));
        }
        if (copy.isEmpty() || copy.get(0).isEmpty()) {
            copy.add(List.of("a row that is not there"));
            return copy;
        }
        Object v = copy.get(0).get(0);
        Object changed = switch (v) {
            case null -> "not null";
            case BigDecimal b -> b.add(BigDecimal.ONE);
            case Long l -> l + 1;
            case Integer i -> i + 1;
            case Double d -> d + 1;
            case Number n -> new BigDecimal(n.toString()).add(BigDecimal.ONE);
            case LocalDate d -> d.plusDays(1);
            case java.sql.Date d -> d.toLocalDate().plusDays(1);
            default -> v + "?";
        };
        copy.get(0).set(0, changed);
        return copy;
    }

    /** Every setting and step the report lists, in order. */
    static Map<String, String> describeOptions(BenchOptions o) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scale factor", o.scaleText() + " (tpch." + TpchScale.schemaName(o.scaleFactor()) + ")");
        m.put("source", o.sourceName());
        m.put("queries", o.queries().size() == TpchQueries.COUNT ? "all 22" : o.queries().toString());
        m.put("runs", o.warmups() + " warm-up + " + o.runs() + " timed, per query and engine");
        m.put("explicit Ember settings", o.settings().isEmpty() ? "none" : o.settings().toString());
        m.put("cache", o.cache() ? "CACHE TABLE before the queries" : "no");
        m.put("timeout", o.timeoutSeconds() == 0 ? "none" : o.timeoutSeconds() + " s per run");
        m.put("data folder", o.dataDir().toString());
        if (!o.wrongAnswerQueries().isEmpty()) {
            m.put("test hook", "--test-wrong-answer " + o.wrongAnswerQueries() + ": expected answers altered on purpose");
        }
        return m;
    }
}
