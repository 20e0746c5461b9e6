package dev.ember.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every ResultSet getter on every Ember type: values, SQL-standard conversions, NULLs, and the conversions refused. */
class ResultSetGettersTest {
    private static final String ROW = "select true b, 42 i, cast(9000000000 as bigint) l, 1.5e0 d, "
            + "cast(-12.35 as decimal(10,2)) dec, date '1998-09-02' dt, timestamp '2020-01-02 03:04:05.123' ts, "
            + "'text' s, '  17 ' si, 'TRUE' sb, '2001-02-03' sd, null n, cast(null as int) ni";

    private static Connection conn;
    private Statement st;
    private ResultSet rs;

    @BeforeAll
    static void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:ember:");
    }

    @AfterAll
    static void close() throws SQLException {
        conn.close();
    }

    @BeforeEach
    void row() throws SQLException {
        st = conn.createStatement();
        rs = st.executeQuery(ROW);
        assertThat(rs.next()).isTrue();
    }

    @AfterEach
    void closeStatement() throws SQLException {
        st.close();
    }

    @Test
    void getObjectReturnsTheJdbcClassOfEachType() throws SQLException {
        assertThat(rs.getObject("b")).isEqualTo(true);
        assertThat(rs.getObject("i")).isEqualTo(42);
        assertThat(rs.getObject("l")).isEqualTo(9_000_000_000L);
        assertThat(rs.getObject("d")).isEqualTo(1.5);
        assertThat(rs.getObject("dec")).isEqualTo(new BigDecimal("-12.35"));
        assertThat(rs.getObject("dt")).isEqualTo(Date.valueOf("1998-09-02"));
        assertThat(rs.getObject("ts")).isEqualTo(Timestamp.valueOf("2020-01-02 03:04:05.123"));
        assertThat(rs.getObject("s")).isEqualTo("text");
        assertThat(rs.getObject("n")).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getObject("ni")).isNull();
    }

    @Test
    void typedGettersReadTheirOwnType() throws SQLException {
        assertThat(rs.getBoolean(1)).isTrue();
        assertThat(rs.getInt(2)).isEqualTo(42);
        assertThat(rs.getLong(3)).isEqualTo(9_000_000_000L);
        assertThat(rs.getDouble(4)).isEqualTo(1.5);
        assertThat(rs.getFloat(4)).isEqualTo(1.5f);
        assertThat(rs.getBigDecimal(5)).isEqualByComparingTo("-12.35");
        assertThat(rs.getDate(6)).isEqualTo(Date.valueOf("1998-09-02"));
        assertThat(rs.getTimestamp(7)).isEqualTo(Timestamp.valueOf("2020-01-02 03:04:05.123"));
        assertThat(rs.getString(8)).isEqualTo("text");
        assertThat(rs.getNString(8)).isEqualTo("text");
        assertThat(rs.wasNull()).isFalse();
    }

    @Test
    void getStringOfEveryType() throws SQLException {
        assertThat(rs.getString("b")).isEqualTo("true");
        assertThat(rs.getString("i")).isEqualTo("42");
        assertThat(rs.getString("l")).isEqualTo("9000000000");
        assertThat(rs.getString("d")).isEqualTo("1.5");
        assertThat(rs.getString("dec")).isEqualTo("-12.35");
        assertThat(rs.getString("dt")).isEqualTo("1998-09-02");
        assertThat(rs.getString("ts")).isEqualTo("2020-01-02 03:04:05.123");
        assertThat(rs.getString("n")).isNull();
    }

    @Test
    void getObjectWithAClass() throws SQLException {
        assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(1998, 9, 2));
        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_000_000));
        assertThat(rs.getObject("ts", LocalTime.class)).isEqualTo(LocalTime.of(3, 4, 5, 123_000_000));
        assertThat(rs.getObject("ts", LocalDate.class)).isEqualTo(LocalDate.of(2020, 1, 2));
        assertThat(rs.getObject("dt", LocalDateTime.class)).isEqualTo(LocalDateTime.of(1998, 9, 2, 0, 0));
        assertThat(rs.getObject("dec", BigDecimal.class)).isEqualByComparingTo("-12.35");
        assertThat(rs.getObject("i", Long.class)).isEqualTo(42L);
        assertThat(rs.getObject("l", BigInteger.class)).isEqualTo(BigInteger.valueOf(9_000_000_000L));
        assertThat(rs.getObject("i", String.class)).isEqualTo("42");
        assertThat(rs.getObject("b", Boolean.class)).isTrue();
        assertThat(rs.getObject("sd", LocalDate.class)).isEqualTo(LocalDate.of(2001, 2, 3));
        assertThat(rs.getObject("dt", java.sql.Date.class)).isEqualTo(Date.valueOf("1998-09-02"));
        assertThat(rs.getObject("n", Integer.class)).isNull();
        assertThatThrownBy(() -> rs.getObject("n", int.class)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rs.getObject("i", java.util.UUID.class)).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07006");
    }

    @Test
    void numbersConvertWithARangeCheckAndRoundHalfAwayFromZero() throws SQLException {
        assertThat(rs.getInt("dec")).isEqualTo(-12);
        assertThat(rs.getLong("d")).isEqualTo(2); // 1.5 rounds half away from zero, as CAST does
        assertThat(rs.getShort("i")).isEqualTo((short) 42);
        assertThat(rs.getByte("i")).isEqualTo((byte) 42);
        assertThat(rs.getDouble("dec")).isEqualTo(-12.35);
        assertThat(rs.getBigDecimal("i")).isEqualByComparingTo("42");
        assertThat(rs.getBigDecimal("dec", 1)).isEqualByComparingTo("-12.4");
        assertThat(rs.getDouble("l")).isEqualTo(9e9);
        assertThat(rs.getInt("b")).isEqualTo(1);
        assertThat(rs.getBoolean("i")).isTrue();
        // A BIGINT that does not fit an int is an error, never a wrapped number.
        assertThatThrownBy(() -> rs.getInt("l")).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> rs.getByte("l")).isInstanceOf(SQLDataException.class);
    }

    @Test
    void stringsAreReadAsCastReadsThem() throws SQLException {
        assertThat(rs.getInt("si")).isEqualTo(17);
        assertThat(rs.getLong("si")).isEqualTo(17);
        assertThat(rs.getBigDecimal("si")).isEqualByComparingTo("17");
        assertThat(rs.getDouble("si")).isEqualTo(17.0);
        assertThat(rs.getBoolean("sb")).isTrue();
        assertThat(rs.getDate("sd")).isEqualTo(Date.valueOf("2001-02-03"));
        assertThat(rs.getTimestamp("sd")).isEqualTo(Timestamp.valueOf("2001-02-03 00:00:00"));
        assertThatThrownBy(() -> rs.getInt("s")).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22018");
        assertThatThrownBy(() -> rs.getBoolean("s")).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> rs.getDate("s")).isInstanceOf(SQLDataException.class);
    }

    @Test
    void conversionsJdbcDoesNotAllowAreRefused() throws SQLException {
        for (String col : new String[] {"dt", "ts"}) {
            assertThatThrownBy(() -> rs.getInt(col)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07006");
            assertThatThrownBy(() -> rs.getBigDecimal(col)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> rs.getBoolean(col)).isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> rs.getDate("i")).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07006");
        assertThatThrownBy(() -> rs.getTime("dt")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rs.getBytes("s")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rs.getBlob("s")).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> rs.getArray("s")).isInstanceOf(SQLFeatureNotSupportedException.class);
    }

    @Test
    void nullsReadAsJdbcSaysAndSetWasNull() throws SQLException {
        assertThat(rs.getInt("ni")).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getBoolean("n")).isFalse();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getString("n")).isNull();
        assertThat(rs.getBigDecimal("n")).isNull();
        assertThat(rs.getDate("n")).isNull();
        assertThat(rs.getTimestamp("n")).isNull();
        assertThat(rs.getDouble("ni")).isZero();
        assertThat(rs.wasNull()).isTrue();
        rs.getInt("i");
        assertThat(rs.wasNull()).isFalse();
    }

    @Test
    void datesAndTimestampsInAGivenCalendar() throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        assertThat(rs.getDate("dt", utc).getTime()).isEqualTo(LocalDate.of(1998, 9, 2).toEpochDay() * 86_400_000L);
        assertThat(rs.getTimestamp("ts", utc).toInstant().toString()).isEqualTo("2020-01-02T03:04:05.123Z");
        assertThat(rs.getTimestamp("ts", tokyo).toInstant().toString()).isEqualTo("2020-01-01T18:04:05.123Z");
        assertThat(rs.getTime("ts", utc).toString()).isNotNull();
    }

    @Test
    void streamsAndLabels() throws Exception {
        try (Reader r = rs.getCharacterStream("s")) {
            char[] buf = new char[10];
            assertThat(new String(buf, 0, r.read(buf))).isEqualTo("text");
        }
        assertThat(rs.getAsciiStream("s").readAllBytes()).isEqualTo("text".getBytes());
        assertThat(rs.findColumn("DEC")).isEqualTo(5);
        assertThatThrownBy(() -> rs.getString("nosuch")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rs.getString(99)).isInstanceOf(SQLException.class);
    }

    @Test
    void forwardOnlyAndAfterTheLastRow() throws SQLException {
        assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
        assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
        assertThat(rs.next()).isFalse();
        assertThatThrownBy(() -> rs.getInt(2)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> rs.previous()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> conn.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> conn.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
    }
}
