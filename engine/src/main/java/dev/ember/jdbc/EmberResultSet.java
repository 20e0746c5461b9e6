package dev.ember.jdbc;

import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * A forward-only result set over Ember rows: a query's stream (read while the query runs) or
 * rows at hand (commands, metadata). Reading is through {@link RowCursor} and
 * {@link ValueAccessor}; a query failing mid-stream fails {@link #next} with its SQLState.
 */
public final class EmberResultSet extends AvaticaResultSet {
    EmberResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
                   ResultSetMetaData resultSetMetaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
    }

    /** Binds the cursor: the frame's rows (metadata) or the statement's current result. */
    @Override
    protected AvaticaResultSet execute() throws SQLException {
        RowSource rows;
        if (firstFrame != null) {
            List<Object[]> list = new ArrayList<>();
            for (Object o : firstFrame.rows) {
                list.add(o instanceof Object[] a ? a : ((List<?>) o).toArray());
            }
            rows = RowSource.of(list);
        } else {
            rows = ((EmberConnection) statement.connection).emberMeta().state(statement.getId()).takeRows();
        }
        execute2(new RowCursor(rows), columnMetaDataList);
        return this;
    }

    void start() throws SQLException {
        execute();
    }

    private boolean timedOut() {
        return statement != null
                && ((EmberConnection) statement.connection).emberMeta().state(statement.getId()).timedOut();
    }

    @Override
    public boolean next() throws SQLException {
        try {
            return super.next();
        } catch (SQLException e) {
            if (e.getSQLState() == null && "Statement canceled".equals(e.getMessage())) {
                throw new SQLException("[QUERY_CANCELLED] the statement was cancelled", "57014");
            }
            throw SqlErrors.translate(e, timedOut());
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e, timedOut());
        }
    }
}
