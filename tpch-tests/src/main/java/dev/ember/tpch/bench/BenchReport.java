package dev.ember.tpch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The results of one benchmark and the report folder made from them: {@code report.md} (for
 * people), {@code chart.svg} (the figure it shows), {@code runs.csv} (every run, for
 * {@code bench compare} and spreadsheets) and {@code meta.properties} (what was measured).
 */
final class BenchReport {
    static final String MARKDOWN = "report.md";
    static final String CHART = "chart.svg";
    static final String RUNS = "runs.csv";
    static final String META = "meta.properties";

    final BenchOptions options;
    final LocalDateTime started;
    final List<QueryOutcome> outcomes = new ArrayList<>();
    final List<RunRecord> runs = new ArrayList<>();
    final Map<String, Double> setup = new LinkedHashMap<>();
    Map<String, String> emberSettings = Map.of();
    String duckdb;
    String reference;
    String commit = "unknown";
    String loadBefore = "unknown";
    String loadAfter = "unknown";
    /** Set when the machine was busy at the start: a warning for the report. */
    String busy;
    double wallSeconds;

    BenchReport(BenchOptions options, LocalDateTime started) {
        this.options = options;
        this.started = started;
    }

    List<QueryOutcome> bad() {
        return outcomes.stream().filter(o -> o.check.bad()).toList();
    }

    boolean hasDuckDb() {
        return duckdb != null;
    }

    /** Sum over queries of the median run, ms (queries without a figure, failed ones, count nothing). */
    double total(boolean ember) {
        double t = 0;
        for (QueryOutcome o : outcomes) {
            double m = QueryOutcome.median(ember ? o.ember : o.duckdb);
            t += Double.isNaN(m) ? 0 : m;
        }
        return t;
    }

    /** Ember's total over DuckDB's, over the queries both have figures for. */
    double ratioOfTotals() {
        double e = 0;
        double d = 0;
        for (QueryOutcome o : outcomes) {
            double r = o.ratio();
            if (!Double.isNaN(r)) {
                e += QueryOutcome.median(o.ember);
                d += QueryOutcome.median(o.duckdb);
            }
        }
        return d == 0 ? Double.NaN : e / d;
    }

    /** The geometric mean of the per-query ratios Ember / DuckDB. */
    double geomeanRatio() {
        double logSum = 0;
        int n = 0;
        for (QueryOutcome o : outcomes) {
            double r = o.ratio();
            if (!Double.isNaN(r) && r > 0 && !Double.isInfinite(r)) {
                logSum += Math.log(r);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(logSum / n);
    }

    String title() {
        return "TPC-H SF " + options.scaleText() + " (" + options.sourceName() + ")" + (hasDuckDb() ? ": Ember vs DuckDB" : ": Ember");
    }

    String dateText() {
        return started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT));
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RUNS), RunsCsv.format(runs), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(CHART), SvgChart.render(this), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MARKDOWN), MarkdownReport.render(this), StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.setProperty("date", dateText());
        p.setProperty("scaleFactor", options.scaleText());
        p.setProperty("source", options.sourceName());
        p.setProperty("runs", String.valueOf(options.runs()));
        p.setProperty("warmups", String.valueOf(options.warmups()));
        p.setProperty("suiteWarmups", String.valueOf(options.suiteWarmups()));
        p.setProperty("commit", commit);
        p.setProperty("duckdb", duckdb == null ? "none" : duckdb);
        p.setProperty("settings", options.settings().toString());
        p.setProperty("wrongAnswers", String.valueOf(bad().size()));
        try (var w = Files.newBufferedWriter(dir.resolve(META), StandardCharsets.UTF_8)) {
            p.store(w, "ember bench tpch");
        }
    }

    /** The closing summary on the console; wrong answers in a banner no one can miss. */
    void printSummary(PrintStream out) {
        out.println();
        out.print(MarkdownReport.table(this).replace('×', 'x'));
        out.println();
        out.printf(Locale.ROOT, "Ember total %s%s; wall time %s (%s)%n", Fmt.duration(total(true)),
                hasDuckDb() ? String.format(Locale.ROOT, ", DuckDB total %s, Ember/DuckDB %s (geometric mean of the per-query ratios %s)",
                        Fmt.duration(total(false)), Fmt.ratio(ratioOfTotals()).replace('×', 'x'),
                        Fmt.ratio(geomeanRatio()).replace('×', 'x')) : "",
                Fmt.seconds(wallSeconds), Fmt.clock(wallSeconds));
        out.println("report: " + options.outputDir().resolve(MARKDOWN));
        out.println("        " + options.outputDir().resolve(CHART) + ", " + options.outputDir().resolve(RUNS));
        List<QueryOutcome> bad = bad();
        if (!bad.isEmpty()) {
            String bar = "!".repeat(78);
            out.println(bar);
            out.printf("!!! %d of %d TPC-H answers are WRONG or FAILED: %s%n", bad.size(), outcomes.size(),
                    String.join(", ", bad.stream().map(o -> String.format("Q%02d", o.query)).toList()));
            for (QueryOutcome o : bad) {
                out.printf("!!! Q%02d %s: %s%n", o.query, o.check.label, o.message.replace("\n", "\n!!!     "));
            }
            out.println("!!! The timings of these queries mean nothing. Exit status 1.");
            out.println(bar);
        } else {
            long unchecked = outcomes.stream().filter(o -> o.check == QueryOutcome.Check.UNCHECKED).count();
            out.println("answers: " + (unchecked == 0 ? "all " + outcomes.size() + " correct (checked against " + reference + ")"
                    : unchecked + " of " + outcomes.size() + " unchecked (no reference answer)"));
        }
    }
}
