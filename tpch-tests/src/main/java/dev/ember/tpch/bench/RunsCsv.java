package dev.ember.tpch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code runs.csv}: one line per run of a query on an engine, warm-ups included (flagged), with
 * a header: {@code engine,query,run,warmup,ms,rows,parse_ms,plan_ms,status}. Times in
 * milliseconds with microsecond precision; empty where an engine does not say (DuckDB's
 * planning) or a run failed.
 */
final class RunsCsv {
    static final String HEADER = "engine,query,run,warmup,ms,rows,parse_ms,plan_ms,status";

    private RunsCsv() {
    }

    static String format(List<RunRecord> runs) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (RunRecord r : runs) {
            sb.append(r.engine()).append(',').append(r.query()).append(',').append(r.run()).append(',')
                    .append(r.warmup()).append(',').append(number(r.millis())).append(',')
                    .append(r.rows() < 0 ? "" : String.valueOf(r.rows())).append(',')
                    .append(number(r.parseMillis())).append(',').append(number(r.planMillis())).append(',')
                    .append(r.status()).append('\n');
        }
        return sb.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Reads what {@link #format} wrote (columns found by the header's names, so added columns are fine). */
    static List<RunRecord> parse(String text) {
        List<RunRecord> out = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            return out;
        }
        List<String> head = List.of(lines[0].trim().split(","));
        int engine = column(head, "engine");
        int query = column(head, "query");
        int run = column(head, "run");
        int warmup = column(head, "warmup");
        int ms = column(head, "ms");
        int rows = head.indexOf("rows");
        int parse = head.indexOf("parse_ms");
        int plan = head.indexOf("plan_ms");
        int status = head.indexOf("status");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",", -1);
            out.add(new RunRecord(f[engine], Integer.parseInt(f[query]), Integer.parseInt(f[run]),
                    Boolean.parseBoolean(f[warmup]), dbl(f[ms]), rows < 0 || f[rows].isEmpty() ? -1 : Long.parseLong(f[rows]),
                    parse < 0 ? Double.NaN : dbl(f[parse]), plan < 0 ? Double.NaN : dbl(f[plan]),
                    status < 0 ? "" : f[status]));
        }
        return out;
    }

    private static int column(List<String> head, String name) {
        int i = head.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("not a runs.csv of ember bench: no '" + name + "' column in " + head);
        }
        return i;
    }

    private static double dbl(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
