package dev.ember.tpch.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the benchmark found for one query: the timed runs of each engine, the answer's check and
 * the number of rows. Ember's figures are empty when its runs failed; DuckDB's when it was not run.
 */
public final class QueryOutcome {
    /** How the answer compared with the reference. */
    public enum Check {
        /** Equal to DuckDB's answer in this run. */
        OK_DUCKDB("ok"),
        /** Equal to the answer recorded by an earlier run. */
        OK_RECORDED("ok (recorded)"),
        /** No reference answer: Ember's is recorded, unchecked. */
        UNCHECKED("unchecked"),
        WRONG("WRONG"),
        FAILED("FAILED");

        public final String label;

        Check(String label) {
            this.label = label;
        }

        public boolean bad() {
            return this == WRONG || this == FAILED;
        }
    }

    public final int query;
    public final List<Double> ember = new ArrayList<>();
    public final List<Double> duckdb = new ArrayList<>();
    public Check check = Check.UNCHECKED;
    public String message;
    public long rows = -1;

    public QueryOutcome(int query) {
        this.query = query;
    }

    public static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The median; the mean of the middle two for an even count; NaN when empty. */
    public static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Ember's median over DuckDB's: how many times slower Ember is (NaN without both). */
    public double ratio() {
        return median(ember) / median(duckdb);
    }
}
