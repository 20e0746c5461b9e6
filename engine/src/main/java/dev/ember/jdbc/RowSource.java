package dev.ember.jdbc;

import dev.ember.engine.ResultStream;
import dev.ember.engine.Row;

import java.util.Iterator;
import java.util.List;

/** Rows for a result set: a running query's stream or rows already at hand. Closing is idempotent. */
interface RowSource extends Iterator<Object[]>, AutoCloseable {
    @Override
    void close();

    static RowSource of(List<Object[]> rows) {
        Iterator<Object[]> it = rows.iterator();
        return new RowSource() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    static Object[] values(Row r) {
        Object[] out = new Object[r.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.get(i);
        }
        return out;
    }

    /**
     * A query's rows as they are produced; with {@code maxRows > 0} at most that many, and the
     * query is stopped once they are read (JDBC's {@code setMaxRows}).
     */
    static RowSource of(ResultStream stream, long maxRows) {
        return new RowSource() {
            private long returned;
            private boolean closed;

            @Override
            public boolean hasNext() {
                if (closed) {
                    return false;
                }
                if (maxRows > 0 && returned >= maxRows) {
                    close();
                    return false;
                }
                return stream.hasNext();
            }

            @Override
            public Object[] next() {
                returned++;
                return values(stream.next());
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    stream.close();
                }
            }
        };
    }
}
