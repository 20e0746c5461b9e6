package dev.ember.tpch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code report.md}: the verdict, the chart, the table, then the settings, the JVM and the machine. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(BenchReport r) {
        BenchOptions o = r.options;
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.title()).append("\n\n");
        sb.append(r.dateText()).append(" · commit `").append(r.commit).append("` · ")
                .append(o.runs()).append(" timed runs per query after ").append(o.warmups()).append(" warm-up")
                .append(o.warmups() == 1 ? "" : "s")
                .append(o.suiteWarmups() == 0 ? "" : ", after " + o.suiteWarmups() + " untimed pass"
                        + (o.suiteWarmups() == 1 ? "" : "es") + " over all the queries on both engines")
                .append("\n\n");
        List<QueryOutcome> bad = r.bad();
        if (!bad.isEmpty()) {
            sb.append("> **✗ ").append(bad.size()).append(" of ").append(r.outcomes.size())
                    .append(" answers are WRONG or FAILED** — their timings mean nothing:\n");
            for (QueryOutcome q : bad) {
                sb.append(">\n> - **Q").append(String.format("%02d", q.query)).append(' ').append(q.check.label).append("**: ")
                        .append(oneLine(q.message)).append('\n');
            }
            sb.append('\n');
        } else {
            long unchecked = r.outcomes.stream().filter(q -> q.check == QueryOutcome.Check.UNCHECKED).count();
            sb.append(unchecked == 0
                    ? "**All " + r.outcomes.size() + " answers correct**, checked against " + r.reference + ".\n\n"
                    : "**" + unchecked + " of " + r.outcomes.size() + " answers unchecked** (no reference answer; "
                            + "run once with DuckDB to record them).\n\n");
        }
        if (r.busy != null) {
            sb.append("> Note: ").append(r.busy).append(".\n\n");
        }
        sb.append("Ember: **").append(Fmt.duration(r.total(true))).append("**");
        if (r.hasDuckDb()) {
            sb.append(" · DuckDB: **").append(Fmt.duration(r.total(false))).append("** · Ember/DuckDB: **")
                    .append(Fmt.ratio(r.ratioOfTotals())).append("** (geometric mean of the per-query ratios: ")
                    .append(Fmt.ratio(r.geomeanRatio())).append(")");
        }
        sb.append(" — totals are sums of the per-query medians.\n\n");
        sb.append("![").append(r.title()).append("](").append(BenchReport.CHART).append(")\n\n");
        sb.append(table(r)).append('\n');
        sb.append("Times are milliseconds from the query text to the last row in Java objects, on one warm JVM "
                + "(Ember: `session.sql(text)` and collecting the rows; DuckDB: JDBC `executeQuery` and `getObject` on every value). "
                + "Ember's planning (parse, analyze, optimize, physical plan) is part of its time; its median is shown apart. "
                + "Ember/DuckDB above 1 means Ember is slower.\n\n");

        sb.append("## Settings\n\n");
        for (Map.Entry<String, String> e : TpchBench.describeOptions(o).entrySet()) {
            sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        sb.append("- reference answers: ").append(r.reference).append('\n');
        sb.append("- DuckDB: ").append(r.hasDuckDb() ? r.duckdb : "not run").append('\n');
        sb.append("- wall time: ").append(Fmt.seconds(r.wallSeconds)).append(" (set-up, warm-ups, runs and checks)\n");
        sb.append("\nSet-up:\n\n| step | time |\n|---|---:|\n");
        for (Map.Entry<String, Double> e : r.setup.entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ").append(Fmt.seconds(e.getValue())).append(" |\n");
        }
        sb.append("\n<details><summary>Every Ember setting in effect</summary>\n\n| key | value |\n|---|---|\n");
        for (Map.Entry<String, String> e : r.emberSettings.entrySet()) {
            sb.append("| `").append(e.getKey()).append("` | `").append(e.getValue()).append("` |\n");
        }
        sb.append("\n</details>\n\n");

        sb.append("## JVM\n\n");
        for (Map.Entry<String, String> e : Environment.jvm().entrySet()) {
            sb.append("- ").append(e.getKey()).append(": ").append(e.getValue().isEmpty() ? "none" : "`" + e.getValue() + "`")
                    .append('\n');
        }
        sb.append("\n## Machine\n\n");
        for (Map.Entry<String, String> e : Environment.machine().entrySet()) {
            sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        sb.append("- load average (1, 5, 15 min) before: ").append(r.loadBefore).append(", after: ").append(r.loadAfter)
                .append('\n');
        sb.append("\n## Files\n\n- `").append(BenchReport.RUNS).append("`: every run, warm-ups included\n- `")
                .append(BenchReport.CHART).append("`: the chart above\n- `").append(BenchReport.META)
                .append("`: what was measured, for `./ember bench compare`\n");
        if (o.explain()) {
            sb.append("- `plans/`: each query's Ember plans (logical, optimized, physical, analyzed) and DuckDB's EXPLAIN\n");
        }
        return sb.toString();
    }

    /** The per-query table, aligned so that it reads on a console too. */
    static String table(BenchReport r) {
        boolean duck = r.hasDuckDb();
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("query", "Ember min", "median", "max", "planning"));
        if (duck) {
            head.addAll(List.of("DuckDB min", "median", "max", "Ember/DuckDB"));
        }
        head.addAll(List.of("rows", "answer"));
        rows.add(head.toArray(new String[0]));
        for (QueryOutcome q : r.outcomes) {
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "Q%02d", q.query),
                    Fmt.ms(QueryOutcome.min(q.ember)), Fmt.ms(QueryOutcome.median(q.ember)), Fmt.ms(QueryOutcome.max(q.ember)),
                    Fmt.ms(planning(r, q.query))));
            if (duck) {
                row.addAll(List.of(Fmt.ms(QueryOutcome.min(q.duckdb)), Fmt.ms(QueryOutcome.median(q.duckdb)),
                        Fmt.ms(QueryOutcome.max(q.duckdb)), Fmt.ratio(q.ratio())));
            }
            row.addAll(List.of(q.rows < 0 ? "-" : String.valueOf(q.rows), q.check.bad() ? "**" + q.check.label + "**" : q.check.label));
            rows.add(row.toArray(new String[0]));
        }
        List<String> total = new ArrayList<>(List.of("total", "", Fmt.ms(r.total(true)), "", ""));
        if (duck) {
            total.addAll(List.of("", Fmt.ms(r.total(false)), "", Fmt.ratio(r.ratioOfTotals())));
        }
        total.addAll(List.of("", r.bad().isEmpty() ? "" : "**" + r.bad().size() + " bad**"));
        rows.add(total.toArray(new String[0]));

        int[] width = new int[head.size()];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            sb.append('|');
            for (int c = 0; c < row.length; c++) {
                boolean left = c == 0 || c == row.length - 1;
                sb.append(' ').append(left ? pad(row[c], width[c], false) : pad(row[c], width[c], true)).append(" |");
            }
            sb.append('\n');
            if (i == 0) {
                sb.append('|');
                for (int c = 0; c < row.length; c++) {
                    boolean left = c == 0 || c == row.length - 1;
                    sb.append(left ? "-".repeat(width[c] + 2) : "-".repeat(width[c] + 1) + ":").append('|');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Median over the timed runs of Ember's parse, analyze and planning time. */
    private static double planning(BenchReport r, int query) {
        List<Double> v = new ArrayList<>();
        for (RunRecord run : r.runs) {
            if (run.engine().equals(RunRecord.EMBER) && run.query() == query && !run.warmup() && !Double.isNaN(run.planMillis())) {
                v.add(run.parseMillis() + run.planMillis());
            }
        }
        return QueryOutcome.median(v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\n", " ").replace("|", "\\|");
    }
}
