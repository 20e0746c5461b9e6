package dev.ember.tpch.bench;

import dev.ember.columnar.tpch.TpchScale;
import dev.ember.tpch.TpchQueries;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The options of {@code ./ember bench tpch}, parsed from the command line. Unknown options and
 * bad values are errors ({@link UsageException}) that name what was expected.
 */
public record BenchOptions(double scaleFactor, int runs, int warmups, int suiteWarmups, List<Integer> queries, Source source,
                           Map<String, String> settings, boolean explain, boolean cache, boolean useDuckDb,
                           Path outputDir, Path dataDir, int timeoutSeconds, List<Integer> wrongAnswerQueries) {

    /** Where Ember's tables come from; DuckDB reads the same rows the same way. */
    public enum Source { MEMORY, PARQUET, CSV }

    static final String USAGE = """
            usage: ember bench [tpch] [options]        run the 22 TPC-H queries on Ember and DuckDB, write a report
                   ember bench compare A B             per-query change between two reports (folders or runs.csv)
                   ember bench jmh [JMH options]       microbenchmarks of the hot kernels (see docs/benchmarks.md)
            options of tpch:
              --sf N                scale factor (default 1; 0.01, 0.1, 1, 10, ...)
              --runs N              timed runs of each query per engine (default 3)
              --warmup N            untimed runs of a query just before its timed runs (default 1; at least 1
                                    when DuckDB checks the answers)
              --suite-warmup N      untimed passes over all the queries, on both engines, before the first
                                    query's runs (default 1): the JVM's JIT has then seen every query once,
                                    as in a long-running session, instead of the first queries paying for it
              --queries LIST        subset, e.g. 1,3,5-7 (default all 22)
              --source S            memory (default), parquet or csv: where the tables are read from
              -c, --conf K=V        an ember.* setting (repeatable)
              --explain             save each query's plans (Ember's EXPLAIN and EXPLAIN ANALYZE, DuckDB's EXPLAIN)
              --cache               CACHE TABLE every table before the queries
              --no-duckdb           do not run DuckDB; check against the answers recorded by an earlier run
              --out DIR             report folder (default bench-reports/<date>-<time>-sf<N>-<source>)
              --data DIR            data folder, reused between runs (default ember-bench-data)
              --timeout S           cancel a query run after S seconds and count it as failed (default 0: never)
              --test-wrong-answer Q test hook: alter the expected answer of query Q, to see a wrong answer reported
              -h, --help            this help
            """;

    /** A command-line mistake; the message says what was wrong. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param workingDir where relative {@code --out} and {@code --data} paths start
     * @param homeDir    where the default folders go (the repository, from the launcher)
     */
    public static BenchOptions parse(List<String> args, Path workingDir, Path homeDir) {
        double sf = 1;
        int runs = 3;
        int warmups = 1;
        int suiteWarmups = 1;
        List<Integer> queries = allQueries();
        Source source = Source.MEMORY;
        Map<String, String> settings = new LinkedHashMap<>();
        boolean explain = false;
        boolean cache = false;
        boolean duck = true;
        Path out = null;
        Path data = homeDir.resolve("ember-bench-data");
        int timeout = 0;
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--sf", "--scale" -> {
                    String v = value != null ? value : next(args, ++i, a);
                    sf = positiveDouble(v, a);
                    if (TpchScale.scaleFactor(TpchScale.schemaName(sf)).isEmpty()) {
                        throw new UsageException("--sf " + v + " is not a scale factor Ember can generate");
                    }
                }
                case "--runs" -> runs = atLeast(value != null ? value : next(args, ++i, a), 1, a);
                case "--warmup", "--warmups" -> warmups = atLeast(value != null ? value : next(args, ++i, a), 0, a);
                case "--suite-warmup", "--suite-warmups" ->
                        suiteWarmups = atLeast(value != null ? value : next(args, ++i, a), 0, a);
                case "--queries", "-q" -> queries = queryList(value != null ? value : next(args, ++i, a));
                case "--source" -> source = source(value != null ? value : next(args, ++i, a));
                case "-c", "--conf" -> {
                    String kv = value != null ? value : next(args, ++i, a);
                    int e = kv.indexOf('=');
                    if (e <= 0) {
                        throw new UsageException(a + " takes KEY=VALUE, got '" + kv + "'");
                    }
                    settings.put(kv.substring(0, e).trim(), kv.substring(e + 1).trim());
                }
                case "--explain" -> explain = true;
                case "--cache" -> cache = true;
                case "--no-duckdb" -> duck = false;
                case "--out" -> out = workingDir.resolve(value != null ? value : next(args, ++i, a));
                case "--data" -> data = workingDir.resolve(value != null ? value : next(args, ++i, a));
                case "--timeout" -> timeout = atLeast(value != null ? value : next(args, ++i, a), 0, a);
                case "--test-wrong-answer" -> wrong.addAll(queryList(value != null ? value : next(args, ++i, a)));
                default -> throw new UsageException("unknown option '" + args.get(i) + "'");
            }
        }
        if (out == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
            out = homeDir.resolve("bench-reports").resolve(stamp + "-" + TpchScale.schemaName(sf) + "-"
                    + source.name().toLowerCase(Locale.ROOT));
        }
        return new BenchOptions(sf, runs, warmups, suiteWarmups, List.copyOf(queries), source, Map.copyOf(settings), explain, cache,
                duck, out.normalize(), data.normalize(), timeout, List.copyOf(wrong));
    }

    /** The scale factor as people write it: 1, 0.1, 0.01. */
    public String scaleText() {
        return scaleText(scaleFactor);
    }

    static String scaleText(double sf) {
        return sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf);
    }

    public String sourceName() {
        return source.name().toLowerCase(Locale.ROOT);
    }

    private static List<Integer> allQueries() {
        List<Integer> all = new ArrayList<>();
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            all.add(q);
        }
        return all;
    }

    private static String next(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static double positiveDouble(String v, String option) {
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a positive number, got '" + v + "'");
    }

    private static int atLeast(String v, int min, String option) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a whole number >= " + min + ", got '" + v + "'");
    }

    private static Source source(String v) {
        try {
            return Source.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--source takes memory, parquet or csv, got '" + v + "'");
        }
    }

    /** {@code 1,3,5-7} (also {@code q1,Q3}); sorted, without repeats. */
    static List<Integer> queryList(String v) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : v.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT).replace("q", "");
            if (p.isEmpty()) {
                continue;
            }
            try {
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 1 || to > TpchQueries.COUNT || from > to) {
                    throw new UsageException("TPC-H has queries 1 to 22; '" + part.trim() + "' is not a query or range of them");
                }
                for (int q = from; q <= to; q++) {
                    out.add(q);
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--queries takes numbers and ranges like 1,3,5-7, got '" + v + "'");
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--queries names no query");
        }
        return new ArrayList<>(out);
    }
}
