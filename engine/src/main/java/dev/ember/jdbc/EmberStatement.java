package dev.ember.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A statement on an Ember connection. On top of Avatica's: errors carry Ember's SQLState,
 * {@link #cancel} works from another thread while the statement runs, and a script of several
 * statements gives several results ({@link #getMoreResults}).
 */
public class EmberStatement extends AvaticaStatement {
    EmberStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType, int resultSetConcurrency,
                   int resultSetHoldability) {
        super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    EmberConnection emberConnection() {
        return (EmberConnection) connection;
    }

    StatementState state() {
        return emberConnection().emberMeta().state(handle.id);
    }

    SQLException translate(Throwable e) {
        return SqlErrors.translate(e, state().timedOut());
    }

    @Override
    protected void executeInternal(String sql) throws SQLException {
        try {
            super.executeInternal(sql);
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        checkOpen();
        executeInternal(sql);
        if (openResultSet == null) {
            throw new SQLException("executeQuery: the statement returned no rows (use execute or executeUpdate)", "07000");
        }
        return openResultSet;
    }

    /** A query fails executeUpdate; a command's rows (SET, SHOW) are dropped and count as 0. */
    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        checkOpen();
        executeInternal(sql);
        return updateCountOrFail();
    }

    long updateCountOrFail() throws SQLException {
        if (openResultSet != null) {
            JdbcResult r = state().current();
            AvaticaResultSet rs = openResultSet;
            openResultSet = null;
            rs.close();
            if (r instanceof JdbcResult.Rows rows && rows.query()) {
                throw new SQLException("executeUpdate ran a query that returns rows (use executeQuery)", "07000");
            }
            updateCount = 0;
        }
        return updateCount;
    }

    /** Cancels the running statement; safe to call from another thread (it does not wait for the statement). */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        cancelFlag.set(true);
        state().cancel();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current == KEEP_CURRENT_RESULT) {
            throw SqlErrors.unsupported("getMoreResults(KEEP_CURRENT_RESULT)");
        }
        if (current != CLOSE_CURRENT_RESULT && current != CLOSE_ALL_RESULTS) {
            throw new SQLException("getMoreResults: " + current + " is not a Statement constant", "HY024");
        }
        synchronized (this) {
            if (openResultSet != null) {
                AvaticaResultSet rs = openResultSet;
                openResultSet = null;
                rs.close();
            }
            updateCount = -1;
            JdbcResult next = state().nextResult();
            if (next == null) {
                return false;
            }
            if (next instanceof JdbcResult.Count c) {
                updateCount = c.count();
                return false;
            }
            setSignature(EmberMeta.signatureOf(next, ""));
            openResultSet = emberConnection().openResultSet(this, ((JdbcResult.Rows) next).signature());
            return true;
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        try {
            return super.executeLargeBatch();
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        }
    }
}
