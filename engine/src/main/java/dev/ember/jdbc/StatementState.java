package dev.ember.jdbc;

import dev.ember.common.CancelledException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ParseException;
import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.ResultStream;
import dev.ember.engine.Row;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.sql.EmberSqlParser;
import dev.ember.sql.ParsedStatement;
import dev.ember.sql.Statement;
import org.apache.calcite.avatica.Meta;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one JDBC statement is doing on the session: the results of its last execution (the one
 * a result set reads now and those {@code getMoreResults} will hand out), the query still
 * running for it, its timeout, and, for a prepared statement, what was prepared.
 *
 * <p>A script runs all its statements at execution, in order, as a database runs a batch:
 * commands take effect at once; the last statement's query streams to its result set; a query
 * before the last is read in full so that the statements after it can run.
 */
final class StatementState implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ember-jdbc-timeout");
        t.setDaemon(true);
        return t;
    });

    private final EmberSession session;
    private final boolean sharedSession;
    private final Deque<JdbcResult> pending = new ArrayDeque<>();
    private JdbcResult current;
    private volatile ResultStream running;
    private volatile boolean runningCommand;
    private volatile boolean timedOut;
    /** Set by {@link #cancel}, cleared when the next execution starts: a cancel that comes before the query's job exists still stops it. */
    private volatile boolean cancelRequested;
    private ScheduledFuture<?> timer;
    /** Set for prepared statements. */
    PreparedSql prepared;

    StatementState(EmberSession session, boolean sharedSession) {
        this.session = session;
        this.sharedSession = sharedSession;
    }

    boolean timedOut() {
        return timedOut;
    }

    /**
     * Runs every statement of {@code sql} and returns the first result (the others wait for
     * {@link #nextResult}). A failure closes whatever the script produced and is thrown; the
     * statements before it have taken effect.
     */
    synchronized JdbcResult run(String sql, long maxRows, int timeoutMillis) {
        closeResults();
        timedOut = false;
        cancelRequested = false;
        List<ParsedStatement> statements = EmberSqlParser.parseScript(sql);
        if (statements.isEmpty()) {
            throw new ParseException(ErrorClass.PARSE_EMPTY_STATEMENT, "no statement to run", sql, 0, 0);
        }
        startTimer(timeoutMillis);
        List<JdbcResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < statements.size(); i++) {
                results.add(runOne(statements.get(i), sql, i == statements.size() - 1, maxRows));
            }
        } catch (RuntimeException | Error e) {
            results.forEach(JdbcResult::close);
            stopTimer();
            throw e;
        }
        if (running == null) {
            stopTimer();
        }
        current = results.remove(0);
        pending.addAll(results);
        return current;
    }

    private JdbcResult runOne(ParsedStatement ps, String sql, boolean last, long maxRows) {
        if (cancelRequested) {
            throw new CancelledException("query cancelled");
        }
        DataFrame df;
        runningCommand = !(ps.statement() instanceof Statement.Query);
        try {
            df = session.execute(ps, sql);
        } finally {
            runningCommand = false;
        }
        if (df.isLocal()) {
            if (ps.statement() instanceof Statement.Insert) {
                List<Row> rows = df.collectAsList();
                return new JdbcResult.Count(rows.isEmpty() ? 0 : rows.get(0).getLong(0), Meta.StatementType.INSERT);
            }
            if (df.schema().size() == 0) {
                return new JdbcResult.Count(0, JdbcResult.typeOf(ps.statement()));
            }
            List<Object[]> rows = new ArrayList<>();
            for (Row r : df.collectAsList()) {
                if (maxRows > 0 && rows.size() >= maxRows) {
                    break;
                }
                rows.add(RowSource.values(r));
            }
            return new JdbcResult.Rows(df.schema(), RowSource.of(rows), false, ps.text());
        }
        ResultStream stream = ResultStream.open(df, ProgressListener.NONE);
        running = stream;
        if (cancelRequested) {
            stream.cancel();
        }
        try {
            stream.awaitFirstRows();
        } catch (RuntimeException e) {
            stream.close();
            running = null;
            throw e;
        }
        RowSource rows = RowSource.of(stream, maxRows);
        if (!last) {
            List<Object[]> all = new ArrayList<>();
            try {
                while (rows.hasNext()) {
                    all.add(rows.next());
                }
            } finally {
                rows.close();
                running = null;
            }
            return new JdbcResult.Rows(df.schema(), RowSource.of(all), true, ps.text());
        }
        return new JdbcResult.Rows(df.schema(), new Finishing(rows), true, ps.text());
    }

    /** The streamed rows of the last query: when they end or are closed, the timeout stops. */
    private final class Finishing implements RowSource {
        private final RowSource rows;

        Finishing(RowSource rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Object[] next() {
            return rows.next();
        }

        @Override
        public void close() {
            rows.close();
            running = null;
            stopTimer();
        }
    }

    /** The current result's rows, for the result set that reads them. */
    synchronized RowSource takeRows() {
        if (current instanceof JdbcResult.Rows r) {
            return r.rows();
        }
        return RowSource.of(List.of());
    }

    synchronized JdbcResult current() {
        return current;
    }

    /** Drops the current result and makes the next one current; null when there is none. */
    synchronized JdbcResult nextResult() {
        if (current != null) {
            current.close();
        }
        current = pending.poll();
        return current;
    }

    /** Cancels what runs for this statement (from any thread). */
    void cancel() {
        cancelRequested = true;
        ResultStream s = running;
        if (s != null) {
            s.cancel();
        } else if (runningCommand && !sharedSession) {
            // A command's own queries (INSERT ... SELECT) are the session's; only a connection's
            // own session can be cancelled as a whole without touching other connections.
            session.cancelAll();
        }
    }

    private void startTimer(int timeoutMillis) {
        stopTimer();
        if (timeoutMillis > 0) {
            timer = TIMER.schedule(() -> {
                timedOut = true;
                cancel();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void stopTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void closeResults() {
        if (current != null) {
            current.close();
            current = null;
        }
        while (!pending.isEmpty()) {
            pending.poll().close();
        }
    }

    @Override
    public void close() {
        cancel();
        synchronized (this) {
            closeResults();
            stopTimer();
        }
    }
}
