package dev.ember.jdbc;

import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.ArrayImpl;
import org.apache.calcite.avatica.util.Cursor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * Avatica's cursor over Ember rows: moves through a {@link RowSource} and hands each column to a
 * {@link ValueAccessor}. The source is released as soon as it is exhausted, so a query's memory
 * goes back when its last row is read, not when the application gets round to closing.
 */
final class RowCursor implements Cursor {
    private final RowSource rows;
    private Object[] current;
    private boolean wasNull;
    private boolean done;

    RowCursor(RowSource rows) {
        this.rows = rows;
    }

    @Override
    public List<Accessor> createAccessors(List<ColumnMetaData> types, Calendar localCalendar, ArrayImpl.Factory factory) {
        List<Accessor> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            out.add(new ValueAccessor(this, i, types.get(i).type.id, localCalendar));
        }
        return out;
    }

    /** Advances; an Ember failure of the query surfaces here as an unchecked exception. */
    @Override
    public boolean next() {
        current = null;
        if (done) {
            return false;
        }
        if (rows.hasNext()) {
            current = rows.next();
            return true;
        }
        done = true;
        rows.close();
        return false;
    }

    Object value(int column) throws SQLException {
        if (current == null) {
            throw new SQLException("the result set is not on a row (call next() first)", "24000");
        }
        Object v = current[column];
        wasNull = v == null;
        return v;
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    @Override
    public void close() {
        current = null;
        done = true;
        rows.close();
    }
}
