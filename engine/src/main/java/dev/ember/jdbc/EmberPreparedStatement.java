package dev.ember.jdbc;

import dev.ember.columnar.types.DataType;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Calendar;

/**
 * A prepared statement: {@code ?} parameters bound by value ({@link Parameters}). Every setter is
 * Ember's own, so that nothing is lost on the way (microseconds of a timestamp, the type of a
 * NULL); a setter for a type Ember does not have (bytes, TIME, LOBs, arrays) throws
 * SQLFeatureNotSupportedException rather than binding something else.
 */
public final class EmberPreparedStatement extends AvaticaPreparedStatement {
    EmberPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
                           int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    /** True while this statement runs itself (see {@link #isWrapperFor}). */
    private boolean executing;

    private StatementState state() {
        return ((EmberConnection) connection).emberMeta().state(handle.id);
    }

    private SQLException translate(Throwable e) {
        return SqlErrors.translate(e, state().timedOut());
    }

    private void bind(int index, Object value, DataType type) throws SQLException {
        checkOpen();
        if (index < 1 || index > slots.length) {
            throw new SQLException("parameter index " + index + " is out of range (1 to " + slots.length + ")", "07009");
        }
        slots[index - 1] = TypedValue.ofSerial(ColumnMetaData.Rep.OBJECT, new Parameters.Bound(value, type));
    }

    private void bindValue(int index, Object value) throws SQLException {
        bind(index, value, null);
    }

    // ------------------------------------------------------------------ execution

    @Override
    public ResultSet executeQuery() throws SQLException {
        ResultSet rs;
        executing = true;
        try {
            rs = super.executeQuery();
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        } finally {
            executing = false;
        }
        if (rs == null) {
            throw new SQLException("executeQuery: the statement returned no rows (use execute or executeUpdate)", "07000");
        }
        return rs;
    }

    @Override
    public boolean execute() throws SQLException {
        executing = true;
        try {
            return super.execute();
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        } finally {
            executing = false;
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        executing = true;
        try {
            super.execute();
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        } finally {
            executing = false;
        }
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

    @Override
    public long[] executeLargeBatch() throws SQLException {
        try {
            return super.executeLargeBatch();
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        cancelFlag.set(true);
        state().cancel();
    }

    /** The columns, or null when they depend on the parameters' values and the statement has not run yet. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (openResultSet != null) {
            return openResultSet.getMetaData();
        }
        PreparedSql p = state().prepared;
        if (p != null && !p.columnsKnown()) {
            return null;
        }
        return super.getMetaData();
    }

    /**
     * Avatica's JdbcMeta (behind {@code ember server}) takes the columns of an executed
     * AvaticaPreparedStatement from its prepare-time description. With parameters, their values
     * may decide the columns' types, so to JdbcMeta (asking after execution) this statement does
     * not claim to be one and JdbcMeta reads the executed result's columns. Avatica's own
     * execution path (asking during execution) still sees what the statement is.
     */
    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        PreparedSql p = state().prepared;
        if (iface == AvaticaPreparedStatement.class && !executing && p != null && p.markers().length > 0) {
            return false;
        }
        return super.isWrapperFor(iface);
    }

    // ------------------------------------------------------------------ setters

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        bind(parameterIndex, null, nullType(sqlType));
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        setNull(parameterIndex, sqlType);
    }

    private static DataType nullType(int sqlType) throws SQLException {
        DataType t = ColumnTypes.fromSqlType(sqlType, 0);
        return t == DataType.NULL ? null : t;
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        bindValue(parameterIndex, x);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        bindValue(parameterIndex, (int) x);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        bindValue(parameterIndex, (int) x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        bindValue(parameterIndex, x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        bindValue(parameterIndex, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        bindValue(parameterIndex, Parameters.native_(x));
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        bindValue(parameterIndex, x);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        bind(parameterIndex, x, x == null ? DataType.decimal(38, 0) : null);
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        bind(parameterIndex, x, x == null ? DataType.STRING : null);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        setString(parameterIndex, value);
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.toLocalDate(), x == null ? DataType.DATE : null);
    }

    /** The date that {@code x} is in the calendar's zone. */
    @Override
    public void setDate(int parameterIndex, Date x, Calendar calendar) throws SQLException {
        if (x == null || calendar == null) {
            setDate(parameterIndex, x);
            return;
        }
        bindValue(parameterIndex, x.toInstant().atZone(calendar.getTimeZone().toZoneId()).toLocalDate());
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.toLocalDateTime(), x == null ? DataType.TIMESTAMP : null);
    }

    /** The date and time that {@code x} is in the calendar's zone (nanoseconds kept). */
    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar calendar) throws SQLException {
        if (x == null || calendar == null) {
            setTimestamp(parameterIndex, x);
            return;
        }
        ZoneId zone = calendar.getTimeZone().toZoneId();
        bindValue(parameterIndex, LocalDateTime.ofInstant(x.toInstant(), zone));
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        throw SqlErrors.unsupported("setTime (Ember has no TIME type)");
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar calendar) throws SQLException {
        setTime(parameterIndex, x);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        if (x == null) {
            bind(parameterIndex, null, null);
            return;
        }
        bindValue(parameterIndex, Parameters.native_(x));
    }

    /** The value converted to the target type as Ember's CAST converts ({@code setObject("42", Types.INTEGER)}). */
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        setObject(parameterIndex, x, targetSqlType, x instanceof BigDecimal d ? Math.max(0, d.scale()) : 0);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        DataType t = ColumnTypes.fromSqlType(targetSqlType, scaleOrLength);
        Object v = Parameters.native_(x);
        if (t instanceof DataType.DecimalType && v instanceof BigDecimal d) {
            int scale = Math.max(0, scaleOrLength);
            t = DataType.decimal(Math.max(1, Math.min(38, d.setScale(scale, java.math.RoundingMode.HALF_UP).precision())), scale);
        }
        bind(parameterIndex, v, t == DataType.NULL ? null : t);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setString(parameterIndex, read(reader, length));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        setString(parameterIndex, read(reader, length));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setString(parameterIndex, read(reader, -1));
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        setString(parameterIndex, read(value, length));
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setString(parameterIndex, read(value, -1));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setString(parameterIndex, read(reader, length));
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        setString(parameterIndex, read(reader, -1));
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setString(parameterIndex, read(reader, length));
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        setString(parameterIndex, read(reader, -1));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setAsciiStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        if (x == null) {
            setString(parameterIndex, null);
            return;
        }
        try {
            byte[] bytes = length < 0 ? x.readAllBytes() : x.readNBytes((int) Math.min(Integer.MAX_VALUE, length));
            setString(parameterIndex, new String(bytes, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new SQLException("cannot read the parameter's stream: " + e.getMessage(), "HY000", e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setAsciiStream(parameterIndex, x, -1L);
    }

    private static String read(Reader reader, long length) throws SQLException {
        if (reader == null) {
            return null;
        }
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            int n;
            while (left > 0 && (n = reader.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                sb.append(buf, 0, n);
                left -= n;
            }
            return sb.toString();
        } catch (IOException e) {
            throw new SQLException("cannot read the parameter's stream: " + e.getMessage(), "HY000", e);
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        throw SqlErrors.unsupported("setUnicodeStream (deprecated since JDBC 2.0)");
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        throw SqlErrors.unsupported("setBytes (Ember has no binary type)");
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        throw SqlErrors.unsupported("setBinaryStream (Ember has no binary type)");
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        throw SqlErrors.unsupported("setBinaryStream (Ember has no binary type)");
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        throw SqlErrors.unsupported("setBinaryStream (Ember has no binary type)");
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        throw SqlErrors.unsupported("setBlob (Ember has no binary type)");
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        throw SqlErrors.unsupported("setBlob (Ember has no binary type)");
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        throw SqlErrors.unsupported("setBlob (Ember has no binary type)");
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        setString(parameterIndex, x == null ? null : x.getSubString(1, (int) Math.min(Integer.MAX_VALUE, x.length())));
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        setClob(parameterIndex, value);
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        throw SqlErrors.unsupported("setRef");
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        throw SqlErrors.unsupported("setArray (Ember has no ARRAY type yet)");
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        throw SqlErrors.unsupported("setURL");
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        throw SqlErrors.unsupported("setRowId");
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        throw SqlErrors.unsupported("setSQLXML");
    }
}
