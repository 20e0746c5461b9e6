package dev.ember.tpch.bench;

import dev.ember.common.config.ConfigEntry;
import dev.ember.common.config.EmberConf;
import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ember, in this JVM: one session for the whole benchmark. A timed run is what a user waits
 * for: {@code session.sql(text)} (parse, analyze), planning, running, and every row collected.
 */
final class EmberEngine implements AutoCloseable {
    private final EmberSession session;
    private final ScheduledExecutorService timer;
    private final int timeoutSeconds;

    EmberEngine(Map<String, String> settings, ScheduledExecutorService timer, int timeoutSeconds) {
        EmberSession.Builder b = EmberSession.builder();
        settings.forEach(b::config);
        this.session = b.getOrCreate();
        this.timer = timer;
        this.timeoutSeconds = timeoutSeconds;
    }

    EmberSession session() {
        return session;
    }

    void execute(String sql) {
        DataFrame df = session.sql(sql);
        if (!df.isLocal()) {
            df.collectAsList();
        }
    }

    Timed run(String sql) {
        ScheduledFuture<?> cancel = timeoutSeconds > 0
                ? timer.schedule(session::cancelAll, timeoutSeconds, TimeUnit.SECONDS) : null;
        try {
            long t0 = System.nanoTime();
            DataFrame df = session.sql(sql);
            long t1 = System.nanoTime();
            df.queryExecution().physical();
            long t2 = System.nanoTime();
            List<Row> rows = df.collectAsList();
            long t3 = System.nanoTime();
            List<List<Object>> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(r.toList());
            }
            return new Timed(out, (t3 - t0) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        } finally {
            if (cancel != null) {
                cancel.cancel(false);
            }
        }
    }

    /** Logical, optimized and physical plans, then EXPLAIN ANALYZE (one more, untimed, run). */
    String explain(String sql) {
        DataFrame df = session.sql(sql);
        return df.explainString("extended") + "\n" + df.explainString("analyze");
    }

    /** {@code CACHE TABLE} for each table: the queries then read the block managers, not the source. */
    void cache(List<String> tables) {
        for (String t : tables) {
            session.sql("CACHE TABLE " + t);
        }
    }

    /** Every setting's effective value in this session, by key. */
    Map<String, String> effectiveSettings() {
        Map<String, String> out = new LinkedHashMap<>();
        EmberConf conf = session.conf();
        for (ConfigEntry<?> e : EmberConf.entries()) {
            out.put(e.key(), String.valueOf(conf.get(e)));
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
    }
}
