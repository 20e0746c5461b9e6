package dev.ember.jdbc;

import org.apache.calcite.avatica.util.Cursor;
import org.joou.UByte;
import org.joou.UInteger;
import org.joou.ULong;
import org.joou.UShort;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.Map;

/**
 * Reads one column of the current row for every ResultSet getter. Avatica's own accessors are
 * not used: they silently wrap numbers that do not fit ({@code getInt} of a large BIGINT),
 * cannot do {@code getObject(i, LocalDate.class)} and drop microseconds; see
 * {@link Conversions} for the rules.
 *
 * <p>Dates and timestamps have no time zone in Ember. {@code getDate}/{@code getTimestamp} give
 * the {@code java.sql} value whose local reading in the calendar's zone (the connection's
 * {@code timeZone}, by default the JVM's) is the stored date and time, as the JDBC spec asks;
 * {@code getObject(i, LocalDate.class)} and {@code LocalDateTime.class} give them exactly.
 */
final class ValueAccessor implements Cursor.Accessor {
    private final RowCursor cursor;
    private final int column;
    private final int sqlType;
    private final Calendar localCalendar;

    ValueAccessor(RowCursor cursor, int column, int sqlType, Calendar localCalendar) {
        this.cursor = cursor;
        this.column = column;
        this.sqlType = sqlType;
        this.localCalendar = localCalendar;
    }

    private Object value() throws SQLException {
        return cursor.value(column);
    }

    private static ZoneId zone(Calendar calendar) {
        return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
    }

    @Override
    public boolean wasNull() {
        return cursor.wasNull();
    }

    @Override
    public String getString() throws SQLException {
        Object v = value();
        return v == null ? null : Conversions.text(v);
    }

    @Override
    public String getNString() throws SQLException {
        return getString();
    }

    @Override
    public boolean getBoolean() throws SQLException {
        Object v = value();
        return v != null && Conversions.toBoolean(v);
    }

    @Override
    public byte getByte() throws SQLException {
        Object v = value();
        return v == null ? 0 : (byte) Conversions.toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    @Override
    public short getShort() throws SQLException {
        Object v = value();
        return v == null ? 0 : (short) Conversions.toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    @Override
    public int getInt() throws SQLException {
        Object v = value();
        return v == null ? 0 : (int) Conversions.toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    @Override
    public long getLong() throws SQLException {
        Object v = value();
        return v == null ? 0 : Conversions.toLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    }

    @Override
    public UByte getUByte() throws SQLException {
        Object v = value();
        return v == null ? null : UByte.valueOf(Conversions.toLong(v, 0, 255, "unsigned TINYINT"));
    }

    @Override
    public UShort getUShort() throws SQLException {
        Object v = value();
        return v == null ? null : UShort.valueOf((int) Conversions.toLong(v, 0, 65535, "unsigned SMALLINT"));
    }

    @Override
    public UInteger getUInt() throws SQLException {
        Object v = value();
        return v == null ? null : UInteger.valueOf(Conversions.toLong(v, 0, 4294967295L, "unsigned INTEGER"));
    }

    @Override
    public ULong getULong() throws SQLException {
        Object v = value();
        return v == null ? null : ULong.valueOf(Conversions.toLong(v, 0, Long.MAX_VALUE, "unsigned BIGINT"));
    }

    @Override
    public float getFloat() throws SQLException {
        Object v = value();
        return v == null ? 0 : Conversions.toFloat(v);
    }

    @Override
    public double getDouble() throws SQLException {
        Object v = value();
        return v == null ? 0 : Conversions.toDouble(v);
    }

    @Override
    public BigDecimal getBigDecimal() throws SQLException {
        Object v = value();
        return v == null ? null : Conversions.toBigDecimal(v);
    }

    @Override
    public BigDecimal getBigDecimal(int scale) throws SQLException {
        BigDecimal d = getBigDecimal();
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public Date getDate(Calendar calendar) throws SQLException {
        Object v = value();
        if (v == null) {
            return null;
        }
        LocalDate d = Conversions.toLocalDate(v);
        return new Date(d.atStartOfDay(zone(calendar)).toInstant().toEpochMilli());
    }

    @Override
    public Time getTime(Calendar calendar) throws SQLException {
        Object v = value();
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate) {
            throw SqlErrors.cannotConvert("DATE", "TIME");
        }
        LocalTime t = Conversions.toLocalTime(v);
        return new Time(t.atDate(LocalDate.EPOCH).atZone(zone(calendar)).toInstant().toEpochMilli());
    }

    @Override
    public Timestamp getTimestamp(Calendar calendar) throws SQLException {
        Object v = value();
        if (v == null) {
            return null;
        }
        LocalDateTime t = Conversions.toLocalDateTime(v);
        return Timestamp.from(t.atZone(zone(calendar)).toInstant());
    }

    /** The object JDBC maps the column's SQL type to. */
    @Override
    public Object getObject() throws SQLException {
        Object v = value();
        if (v == null) {
            return null;
        }
        return switch (sqlType) {
            case Types.DATE -> getDate(localCalendar);
            case Types.TIMESTAMP -> getTimestamp(localCalendar);
            case Types.INTEGER, Types.SMALLINT -> v instanceof Number n && !(v instanceof Integer) ? getInt() : v;
            default -> v;
        };
    }

    @Override
    public Object getObject(Map<String, Class<?>> map) throws SQLException {
        if (map == null || map.isEmpty()) {
            return getObject();
        }
        throw SqlErrors.unsupported("getObject with a type map");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("getObject needs a type", "HY000");
        }
        Object v = value();
        if (v == null) {
            if (type.isPrimitive()) {
                throw new SQLException("cannot return SQL NULL as the primitive " + type, SqlErrors.CANNOT_CONVERT);
            }
            return null;
        }
        Object out;
        if (type == Object.class) {
            out = getObject();
        } else if (type == String.class) {
            out = getString();
        } else if (type == Boolean.class || type == boolean.class) {
            out = getBoolean();
        } else if (type == Byte.class || type == byte.class) {
            out = getByte();
        } else if (type == Short.class || type == short.class) {
            out = getShort();
        } else if (type == Integer.class || type == int.class) {
            out = getInt();
        } else if (type == Long.class || type == long.class) {
            out = getLong();
        } else if (type == Float.class || type == float.class) {
            out = getFloat();
        } else if (type == Double.class || type == double.class) {
            out = getDouble();
        } else if (type == BigDecimal.class) {
            out = getBigDecimal();
        } else if (type == BigInteger.class) {
            out = Conversions.toBigDecimal(v).setScale(0, RoundingMode.HALF_UP).toBigInteger();
        } else if (type == LocalDate.class) {
            out = Conversions.toLocalDate(v);
        } else if (type == LocalDateTime.class) {
            out = Conversions.toLocalDateTime(v);
        } else if (type == LocalTime.class) {
            if (v instanceof LocalDate) {
                throw SqlErrors.cannotConvert("DATE", "TIME");
            }
            out = Conversions.toLocalTime(v);
        } else if (type == Date.class) {
            out = getDate(localCalendar);
        } else if (type == Time.class) {
            out = getTime(localCalendar);
        } else if (type == Timestamp.class || type == java.util.Date.class) {
            out = getTimestamp(localCalendar);
        } else {
            throw SqlErrors.cannotConvert(Conversions.typeName(v), type.getName());
        }
        return (T) out;
    }

    @Override
    public InputStream getAsciiStream() throws SQLException {
        String s = getString();
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @SuppressWarnings("deprecation")
    public InputStream getUnicodeStream() throws SQLException {
        throw SqlErrors.unsupported("getUnicodeStream (deprecated since JDBC 2.0)");
    }

    @Override
    public Reader getCharacterStream() throws SQLException {
        String s = getString();
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream() throws SQLException {
        return getCharacterStream();
    }

    @Override
    public byte[] getBytes() throws SQLException {
        Object v = value();
        if (v == null) {
            return null;
        }
        throw SqlErrors.cannotConvert(Conversions.typeName(v), "byte[] (Ember has no binary type)");
    }

    @Override
    public InputStream getBinaryStream() throws SQLException {
        getBytes();
        return null;
    }

    @Override
    public Ref getRef() throws SQLException {
        throw SqlErrors.unsupported("REF values");
    }

    @Override
    public Blob getBlob() throws SQLException {
        throw SqlErrors.unsupported("BLOB values");
    }

    @Override
    public Clob getClob() throws SQLException {
        throw SqlErrors.unsupported("CLOB values");
    }

    @Override
    public NClob getNClob() throws SQLException {
        throw SqlErrors.unsupported("NCLOB values");
    }

    @Override
    public Array getArray() throws SQLException {
        throw SqlErrors.unsupported("ARRAY values");
    }

    @Override
    public Struct getStruct() throws SQLException {
        throw SqlErrors.unsupported("STRUCT values");
    }

    @Override
    public URL getURL() throws SQLException {
        throw SqlErrors.unsupported("DATALINK (URL) values");
    }

    @Override
    public SQLXML getSQLXML() throws SQLException {
        throw SqlErrors.unsupported("XML values");
    }
}
