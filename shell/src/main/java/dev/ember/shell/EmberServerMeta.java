package dev.ember.shell;

import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The server side of {@code ember server}: Avatica's JdbcMeta over Ember's embedded driver, so
 * that a remote client sees exactly what an in-process one sees. JdbcMeta sends a failure as
 * "unknown SQLState"; this sends the SQLException's own SQLState, error code and message, so a
 * remote {@code SQLException.getSQLState()} is Ember's (42P01, 22003, 57014...).
 */
final class EmberServerMeta extends JdbcMeta {
    EmberServerMeta(String url, Properties info) throws SQLException {
        super(url, info);
    }

    static RuntimeException translate(RuntimeException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException se && se.getSQLState() != null) {
                return new AvaticaRuntimeException(se.getMessage(), se.getErrorCode(), se.getSQLState(), AvaticaSeverity.ERROR);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return e;
    }

    private static <T> T call(Supplier<T> body) {
        try {
            return body.get();
        } catch (AvaticaRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Like {@link Supplier}, for the calls that declare Avatica's checked exceptions. */
    private interface Call<T> {
        T get() throws NoSuchStatementException, MissingResultsException;
    }

    private static <T> T checked(Call<T> body) throws NoSuchStatementException, MissingResultsException {
        try {
            return body.get();
        } catch (AvaticaRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        call(() -> {
            super.openConnection(ch, info);
            return null;
        });
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
        return call(() -> super.connectionSync(ch, connProps));
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        return call(() -> super.prepare(ch, sql, maxRowCount));
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        try {
            return checked(() -> super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
        } catch (MissingResultsException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        try {
            return checked(() -> super.execute(h, parameterValues, maxRowsInFirstFrame));
        } catch (MissingResultsException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        return checked(() -> super.fetch(h, offset, fetchMaxRowCount));
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        try {
            return checked(() -> super.prepareAndExecuteBatch(h, sqlCommands));
        } catch (MissingResultsException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        try {
            return checked(() -> super.executeBatch(h, parameterValues));
        } catch (MissingResultsException e) {
            throw new IllegalStateException(e);
        }
    }
}
