package dev.ember.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ?} parameters of every supported type, bound by value, and what cannot be bound. */
class PreparedStatementTest {
    private static Connection conn;

    @BeforeAll
    static void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:ember:");
    }

    @AfterAll
    static void close() throws SQLException {
        conn.close();
    }

    /** The single value and type name {@code select ?} gives back. */
    private static Object roundTrip(PreparedStatement p, int expectedType) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getMetaData().getColumnType(1)).as("type of the bound value").isEqualTo(expectedType);
            Object v = rs.getObject(1);
            assertThat(rs.next()).isFalse();
            return v;
        }
    }

    @Test
    void everySupportedTypeRoundTripsWithItsType() throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("select ? as v")) {
            p.setBoolean(1, true);
            assertThat(roundTrip(p, Types.BOOLEAN)).isEqualTo(true);
            p.setInt(1, -7);
            assertThat(roundTrip(p, Types.INTEGER)).isEqualTo(-7);
            p.setInt(1, Integer.MIN_VALUE);
            assertThat(roundTrip(p, Types.INTEGER)).isEqualTo(Integer.MIN_VALUE);
            p.setShort(1, (short) 12);
            assertThat(roundTrip(p, Types.INTEGER)).isEqualTo(12);
            p.setLong(1, Long.MIN_VALUE);
            assertThat(roundTrip(p, Types.BIGINT)).isEqualTo(Long.MIN_VALUE);
            p.setDouble(1, -2.5e-3);
            assertThat(roundTrip(p, Types.DOUBLE)).isEqualTo(-2.5e-3);
            p.setDouble(1, Double.NaN);
            assertThat((Double) roundTrip(p, Types.DOUBLE)).isNaN();
            p.setFloat(1, 1.25f);
            assertThat(roundTrip(p, Types.DOUBLE)).isEqualTo(1.25);
            p.setBigDecimal(1, new BigDecimal("-12345678901234567890.123"));
            assertThat(roundTrip(p, Types.DECIMAL)).isEqualTo(new BigDecimal("-12345678901234567890.123"));
            p.setBigDecimal(1, new BigDecimal("7"));
            assertThat(roundTrip(p, Types.DECIMAL)).isEqualTo(new BigDecimal("7"));
            p.setString(1, "it's; -- not a comment ? \"x\"");
            assertThat(roundTrip(p, Types.VARCHAR)).isEqualTo("it's; -- not a comment ? \"x\"");
            p.setDate(1, Date.valueOf("1998-09-02"));
            assertThat(roundTrip(p, Types.DATE)).isEqualTo(Date.valueOf("1998-09-02"));
            p.setTimestamp(1, Timestamp.valueOf("2020-01-02 03:04:05.5"));
            assertThat(roundTrip(p, Types.TIMESTAMP)).isEqualTo(Timestamp.valueOf("2020-01-02 03:04:05.5"));
            p.setObject(1, LocalDate.of(2024, 2, 29));
            assertThat(roundTrip(p, Types.DATE)).isEqualTo(Date.valueOf("2024-02-29"));
            p.setObject(1, LocalDateTime.of(2024, 2, 29, 23, 59));
            assertThat(roundTrip(p, Types.TIMESTAMP)).isEqualTo(Timestamp.valueOf("2024-02-29 23:59:00"));
            p.setObject(1, 99L);
            assertThat(roundTrip(p, Types.BIGINT)).isEqualTo(99L);
            p.setCharacterStream(1, new StringReader("streamed"));
            assertThat(roundTrip(p, Types.VARCHAR)).isEqualTo("streamed");
        }
    }

    @Test
    void nullsKeepTheirType() throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("select ? as v")) {
            p.setNull(1, Types.INTEGER);
            assertThat(roundTrip(p, Types.INTEGER)).isNull();
            p.setNull(1, Types.DATE);
            assertThat(roundTrip(p, Types.DATE)).isNull();
            p.setString(1, null);
            assertThat(roundTrip(p, Types.VARCHAR)).isNull();
            p.setObject(1, null);
            assertThat(roundTrip(p, Types.NULL)).isNull();
        }
    }

    @Test
    void setObjectWithATargetTypeConvertsAsCastDoes() throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("select ? as v")) {
            p.setObject(1, "42", Types.INTEGER);
            assertThat(roundTrip(p, Types.INTEGER)).isEqualTo(42);
            p.setObject(1, 5, Types.VARCHAR);
            assertThat(roundTrip(p, Types.VARCHAR)).isEqualTo("5");
            p.setObject(1, "1998-09-02", Types.DATE);
            assertThat(roundTrip(p, Types.DATE)).isEqualTo(Date.valueOf("1998-09-02"));
            p.setObject(1, "12.5", Types.DECIMAL, 1);
            assertThat(roundTrip(p, Types.DECIMAL)).isEqualTo(new BigDecimal("12.5"));
        }
    }

    @Test
    void parametersFilterAQueryAndTheStatementIsReusable() throws SQLException {
        String sql = "select count(*) from tpch.tiny.lineitem where l_shipdate <= ? and l_returnflag = ? and l_quantity > ?";
        try (PreparedStatement p = conn.prepareStatement(sql)) {
            ParameterMetaData pm = p.getParameterMetaData();
            assertThat(pm.getParameterCount()).isEqualTo(3);
            assertThat(pm.getParameterMode(1)).isEqualTo(ParameterMetaData.parameterModeIn);
            assertThat(p.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
            long[] counts = new long[2];
            String[] flags = {"A", "R"};
            for (int i = 0; i < 2; i++) {
                p.setDate(1, Date.valueOf("1998-09-02"));
                p.setString(2, flags[i]);
                p.setInt(3, 10);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
            try (Statement s = conn.createStatement()) {
                for (int i = 0; i < 2; i++) {
                    try (ResultSet rs = s.executeQuery("select count(*) from tpch.tiny.lineitem where l_shipdate <= date "
                            + "'1998-09-02' and l_returnflag = '" + flags[i] + "' and l_quantity > 10")) {
                        rs.next();
                        assertThat(counts[i]).isEqualTo(rs.getLong(1)).isPositive();
                    }
                }
            }
        }
    }

    @Test
    void markersInsideLiteralsCommentsAndQuotedNamesAreNotParameters() throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("select '?' as \"a?\", ? as b -- what?\n, /* ? */ 1 as c")) {
            assertThat(p.getParameterMetaData().getParameterCount()).isEqualTo(1);
            p.setInt(1, 5);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("?");
                assertThat(rs.getInt(2)).isEqualTo(5);
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("a?");
            }
        }
    }

    @Test
    void aStringValueCannotChangeTheStatement() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("create table guarded (v string)");
        }
        try (PreparedStatement p = conn.prepareStatement("insert into guarded values (?)")) {
            p.setString(1, "x'); drop table guarded; --");
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select v from guarded")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("x'); drop table guarded; --");
        }
    }

    @Test
    void insertsWithParametersAndBatches() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("create table events (id int, at date, amount decimal(10,2), note string)");
        }
        try (PreparedStatement p = conn.prepareStatement("insert into events values (?, ?, ?, ?)")) {
            for (int i = 1; i <= 3; i++) {
                p.setInt(1, i);
                p.setObject(2, LocalDate.of(2024, 1, i));
                p.setBigDecimal(3, new BigDecimal(i + ".50"));
                p.setString(4, i == 2 ? null : "n" + i);
                p.addBatch();
            }
            assertThat(p.executeBatch()).containsExactly(1, 1, 1);
            p.setInt(1, 4);
            p.setNull(2, Types.DATE);
            p.setNull(3, Types.DECIMAL);
            p.setString(4, "four");
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
        List<String> rows = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("select * from events order by id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getObject(2, LocalDate.class) + " " + rs.getBigDecimal(3) + " " + rs.getString(4));
            }
        }
        assertThat(rows).containsExactly("1 2024-01-01 1.50 n1", "2 2024-01-02 2.50 null", "3 2024-01-03 3.50 n3",
                "4 null null four");
    }

    @Test
    void mistakesFailClearly() throws SQLException {
        assertThatThrownBy(() -> conn.prepareStatement("selec ?")).isInstanceOf(SQLSyntaxErrorException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
        assertThatThrownBy(() -> conn.prepareStatement("select * from nosuch")).isInstanceOf(SQLSyntaxErrorException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
        try (PreparedStatement p = conn.prepareStatement("select ? + ?")) {
            p.setInt(1, 1);
            assertThatThrownBy(p::executeQuery).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07001");
            assertThatThrownBy(() -> p.setInt(3, 1)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> p.setBytes(1, new byte[1])).isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> p.setTime(1, java.sql.Time.valueOf("10:00:00")))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> p.setObject(1, new Object())).isInstanceOf(SQLFeatureNotSupportedException.class);
            p.setInt(2, 2);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
        try (PreparedStatement p = conn.prepareStatement("select 1")) {
            assertThatThrownBy(p::executeUpdate).isInstanceOf(SQLException.class);
        }
    }
}
