package dev.ember.tpch.bench;

/**
 * One run of one query on one engine: a line of the report's {@code runs.csv}. {@code run} counts
 * from 1 among the timed runs; warm-up runs have {@code warmup} set and are not in the figures.
 * {@code parseMillis} (parse and analyze) and {@code planMillis} (optimize and physical planning)
 * are Ember's share of {@code millis}; NaN for DuckDB, which does not report them.
 */
public record RunRecord(String engine, int query, int run, boolean warmup, double millis, long rows,
                        double parseMillis, double planMillis, String status) {
    public static final String EMBER = "ember";
    public static final String DUCKDB = "duckdb";
}
