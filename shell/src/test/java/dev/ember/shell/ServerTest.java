package dev.ember.shell;

import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ember server}: Avatica's remote driver reaches Ember's sessions over HTTP, on the loopback address. */
class ServerTest {
    private static Server server;

    @BeforeAll
    static void start() throws SQLException {
        Properties info = new Properties();
        info.setProperty("session", "server-test");
        info.setProperty("ember.sql.shuffle.partitions", "3");
        server = Server.start("127.0.0.1", 0, info, Serialization.PROTOBUF);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    /** The same sum through the embedded driver. */
    private static BigDecimal localTotal(String flag) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:ember:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select sum(l_extendedprice) from tpch.tiny.lineitem where l_returnflag = '"
                     + flag + "'")) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    @Test
    void queriesComeBackTyped() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select l_returnflag, count(*) as n, sum(l_extendedprice) as total, "
                     + "min(l_shipdate) as first_ship from tpch.tiny.lineitem group by 1 order by 1")) {
            assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.BIGINT);
            assertThat(rs.getMetaData().getColumnType(3)).isEqualTo(Types.DECIMAL);
            assertThat(rs.getMetaData().getColumnType(4)).isEqualTo(Types.DATE);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("A");
            assertThat(rs.getLong(2)).isEqualTo(14876);
            assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(localTotal("A"));
            assertThat(rs.getDate(4)).isEqualTo(Date.valueOf("1992-01-06"));
            int n = 1;
            while (rs.next()) {
                n++;
            }
            assertThat(n).isEqualTo(3);
        }
    }

    @Test
    void largeResultsArriveInFrames() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            long n = 0;
            long sum = 0;
            try (ResultSet rs = s.executeQuery("select l_orderkey from tpch.tiny.lineitem")) {
                while (rs.next()) {
                    n++;
                    sum += rs.getLong(1);
                }
            }
            assertThat(n).isEqualTo(60175);
            try (ResultSet rs = s.executeQuery("select sum(l_orderkey) from tpch.tiny.lineitem")) {
                rs.next();
                assertThat(sum).isEqualTo(rs.getLong(1));
            }
        }
    }

    @Test
    void errorsKeepTheirSqlStateOverTheNetwork() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("select * from tpch.tiny.nosuch")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
            assertThatThrownBy(() -> s.executeQuery("selec 1"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
            assertThatThrownBy(() -> s.executeQuery("select cast('x' as int)"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22018");
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void preparedStatementsAndMetadataWork() throws SQLException {
        try (Connection c = connect()) {
            try (PreparedStatement p = c.prepareStatement("select count(*) from tpch.tiny.orders where o_orderdate < ?")) {
                p.setDate(1, Date.valueOf("1995-01-01"));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isBetween(1L, 15000L);
                }
            }
            // Avatica's remote client sends java.sql values (not java.time ones).
            try (PreparedStatement p = c.prepareStatement("select ? as v")) {
                p.setDate(1, Date.valueOf("2024-02-29"));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertThat(rs.getDate(1)).isEqualTo(Date.valueOf("2024-02-29"));
                }
            }
            try (ResultSet rs = c.getMetaData().getTables("tpch", "tiny", "line%", null)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo("lineitem");
            }
            // (Avatica's remote driver names itself, "Avatica", as the product: docs/jdbc.md.)
        }
    }

    @Test
    void remoteConnectionsShareTheServersSession() throws SQLException {
        try (Connection a = connect(); Connection b = connect()) {
            a.createStatement().execute("create table shared_remote (x int)");
            assertThat(b.createStatement().executeUpdate("insert into shared_remote values (1), (2)")).isEqualTo(2);
            try (ResultSet rs = a.createStatement().executeQuery("select count(*) from shared_remote")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            try (ResultSet rs = a.createStatement().executeQuery("set -v")) {
                String partitions = null;
                while (rs.next()) {
                    if (rs.getString(1).equals("ember.sql.shuffle.partitions")) {
                        partitions = rs.getString(2);
                    }
                }
                assertThat(partitions).isEqualTo("3");
            }
        }
    }

    @Test
    void theCommandLineRefusesBadOptionsAndSettings() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true);
        assertThat(Server.run(new String[] {"--port"}, System.out, e)).isEqualTo(2);
        assertThat(Server.run(new String[] {"--bogus"}, System.out, e)).isEqualTo(2);
        assertThat(Server.run(new String[] {"-c", "ember.nosuch=1"}, System.out, e)).isEqualTo(2);
        assertThat(err.toString()).contains("usage: ember server").contains("ember.nosuch");
    }
}
