package dev.ember.tpch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code ./ember bench compare A B}: per query, the median of A's and of B's timed runs on
 * Ember and the change from A to B, with DuckDB's change beside it as a measure of how much
 * the machine itself moved between the two. A and B are report folders or their runs.csv.
 */
public final class Compare {
    /** A change smaller than this is called noise, not faster or slower. */
    static final double NOISE = 0.05;

    private Compare() {
    }

    /** One report's medians by engine and query, and its description. */
    record Side(Path path, String description, Map<String, Map<Integer, Double>> medians) {
        double median(String engine, int query) {
            Double v = medians.getOrDefault(engine, Map.of()).get(query);
            return v == null ? Double.NaN : v;
        }
    }

    static Side load(Path path) throws IOException {
        Path csv = Files.isDirectory(path) ? path.resolve(BenchReport.RUNS) : path;
        if (!Files.isRegularFile(csv)) {
            throw new BenchOptions.UsageException("no " + BenchReport.RUNS + " in " + path + " (give a report folder or its runs.csv)");
        }
        Map<String, Map<Integer, List<Double>>> runs = new TreeMap<>();
        for (RunRecord r : RunsCsv.parse(Files.readString(csv, StandardCharsets.UTF_8))) {
            if (!r.warmup() && !Double.isNaN(r.millis()) && !r.status().equals("FAILED")) {
                runs.computeIfAbsent(r.engine(), e -> new TreeMap<>()).computeIfAbsent(r.query(), q -> new ArrayList<>()).add(r.millis());
            }
        }
        Map<String, Map<Integer, Double>> medians = new TreeMap<>();
        runs.forEach((engine, byQuery) -> byQuery.forEach((q, v) ->
                medians.computeIfAbsent(engine, e -> new TreeMap<>()).put(q, QueryOutcome.median(v))));
        String description = csv.getParent() == null ? csv.toString() : csv.getParent().toString();
        Path meta = csv.resolveSibling(BenchReport.META);
        if (Files.isRegularFile(meta)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            description += "  (SF " + p.getProperty("scaleFactor", "?") + ", " + p.getProperty("source", "?") + ", "
                    + p.getProperty("date", "?") + ", commit " + p.getProperty("commit", "?")
                    + (p.getProperty("settings", "{}").equals("{}") ? "" : ", " + p.getProperty("settings")) + ")";
        }
        return new Side(csv, description, medians);
    }

    public static int run(List<String> args, Path workingDir, PrintStream out) throws IOException {
        if (args.size() != 2) {
            throw new BenchOptions.UsageException("compare takes two reports: ember bench compare A B");
        }
        Side a = load(workingDir.resolve(args.get(0)));
        Side b = load(workingDir.resolve(args.get(1)));
        print(a, b, out);
        return 0;
    }

    static void print(Side a, Side b, PrintStream out) {
        out.println("A: " + a.description());
        out.println("B: " + b.description());
        boolean duck = a.medians().containsKey(RunRecord.DUCKDB) && b.medians().containsKey(RunRecord.DUCKDB);
        TreeSet<Integer> queries = new TreeSet<>();
        a.medians().getOrDefault(RunRecord.EMBER, Map.of()).keySet().forEach(queries::add);
        b.medians().getOrDefault(RunRecord.EMBER, Map.of()).keySet().forEach(queries::add);
        out.println();
        out.printf(Locale.ROOT, "%-6s %11s %11s %8s  %-8s%s%n", "query", "Ember A ms", "Ember B ms", "change", "",
                duck ? String.format(Locale.ROOT, " %11s %11s %8s", "DuckDB A", "DuckDB B", "change") : "");
        double totalA = 0;
        double totalB = 0;
        double duckA = 0;
        double duckB = 0;
        double logSum = 0;
        int common = 0;
        for (int q : queries) {
            double ea = a.median(RunRecord.EMBER, q);
            double eb = b.median(RunRecord.EMBER, q);
            double change = eb / ea - 1;
            String verdict = Double.isNaN(change) ? "" : change <= -NOISE ? "faster" : change >= NOISE ? "slower" : "";
            String duckPart = "";
            if (duck) {
                double da = a.median(RunRecord.DUCKDB, q);
                double db = b.median(RunRecord.DUCKDB, q);
                duckPart = String.format(Locale.ROOT, " %11s %11s %8s", Fmt.ms(da), Fmt.ms(db), Fmt.percent(db / da - 1));
                if (!Double.isNaN(ea) && !Double.isNaN(eb) && !Double.isNaN(da) && !Double.isNaN(db)) {
                    duckA += da;
                    duckB += db;
                }
            }
            out.printf(Locale.ROOT, "Q%02d    %11s %11s %8s  %-8s%s%n", q, Fmt.ms(ea), Fmt.ms(eb), Fmt.percent(change), verdict, duckPart);
            if (!Double.isNaN(ea) && !Double.isNaN(eb)) {
                totalA += ea;
                totalB += eb;
                logSum += Math.log(eb / ea);
                common++;
            }
        }
        out.printf(Locale.ROOT, "total  %11s %11s %8s  %-8s%s%n", Fmt.ms(totalA), Fmt.ms(totalB), Fmt.percent(totalB / totalA - 1), "",
                duck ? String.format(Locale.ROOT, " %11s %11s %8s", Fmt.ms(duckA), Fmt.ms(duckB), Fmt.percent(duckB / duckA - 1)) : "");
        out.println();
        out.printf(Locale.ROOT, "%d queries in both; Ember's geometric mean change %s (negative: B is faster); "
                + "changes within %.0f%% are called noise%s%n", common, common == 0 ? "-" : Fmt.percent(Math.exp(logSum / common) - 1),
                NOISE * 100, duck ? "; DuckDB's change shows how much the machine itself moved" : "");
    }
}
