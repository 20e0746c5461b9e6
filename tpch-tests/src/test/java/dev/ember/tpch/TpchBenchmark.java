package dev.ember.tpch;

import dev.ember.columnar.tpch.TpchData;
import dev.ember.columnar.tpch.TpchScale;
import dev.ember.columnar.tpch.TpchTables;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the 22 TPC-H queries on Ember and on DuckDB in the same JVM, over the same rows, after
 * loading and one warm-up, and prints per-query medians and the ratio. Not a test: run it with
 * {@code ./ember bench} or
 * {@code mvn -pl tpch-tests -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.ember.tpch.TpchBenchmark -Dexec.args="--sf 1"}.
 */
public final class TpchBenchmark {
    private TpchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double sf = 1;
        int runs = 3;
        List<Integer> queries = new ArrayList<>();
        List<String[]> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sf" -> sf = Double.parseDouble(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--queries" -> Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).forEach(queries::add);
                case "--conf" -> settings.add(args[++i].split("=", 2));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (queries.isEmpty()) {
            for (int q = 1; q <= TpchQueries.COUNT; q++) {
                queries.add(q);
            }
        }
        long t0 = System.nanoTime();
        for (String t : TpchTables.names()) {
            TpchData.table(t, sf);
        }
        System.out.printf(Locale.ROOT, "generated SF %s in %.1f s%n", sf, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        try (DuckDbOracle duck = new DuckDbOracle(sf);
             EmberSession session = build(settings)) {
            System.out.printf(Locale.ROOT, "loaded DuckDB in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            session.sql("use tpch." + TpchScale.schemaName(sf));
            double emberTotal = 0;
            double duckTotal = 0;
            double worst = 0;
            System.out.printf(Locale.ROOT, "%-5s %10s %10s %7s  %s%n", "query", "ember ms", "duckdb ms", "ratio", "answer");
            for (int q : queries) {
                String sql = TpchQueries.query(q);
                List<List<Object>> expected = duck.query(sql);
                List<List<Object>> actual = ember(session, sql);
                String diff = ResultComparator.compare(expected, actual);
                double[] e = new double[runs];
                double[] d = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long s = System.nanoTime();
                    ember(session, sql);
                    e[r] = (System.nanoTime() - s) / 1e6;
                    s = System.nanoTime();
                    duck.query(sql);
                    d[r] = (System.nanoTime() - s) / 1e6;
                }
                double em = median(e);
                double dm = median(d);
                emberTotal += em;
                duckTotal += dm;
                worst = Math.max(worst, em / dm);
                System.out.printf(Locale.ROOT, "Q%02d   %10.1f %10.1f %7.2f  %s%n", q, em, dm, em / dm, diff == null ? "ok" : "WRONG: " + diff);
            }
            System.out.printf(Locale.ROOT, "total %10.1f %10.1f %7.2f  (worst query ratio %.2f)%n", emberTotal, duckTotal,
                    emberTotal / duckTotal, worst);
        }
    }

    private static EmberSession build(List<String[]> settings) {
        EmberSession.Builder b = EmberSession.builder();
        for (String[] kv : settings) {
            b.config(kv[0], kv[1]);
        }
        return b.getOrCreate();
    }

    private static List<List<Object>> ember(EmberSession session, String sql) {
        List<List<Object>> out = new ArrayList<>();
        for (Row r : session.sql(sql).collectAsList()) {
            out.add(r.toList());
        }
        return out;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
