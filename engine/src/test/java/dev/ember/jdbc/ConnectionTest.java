package dev.ember.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver's registration, its URLs and properties, and which connections share a session. */
class ConnectionTest {
    private static String setting(Connection c, String key) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("set -v")) {
            while (rs.next()) {
                if (rs.getString(1).equals(key)) {
                    return rs.getString(2);
                }
            }
        }
        throw new AssertionError("no setting " + key);
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables("default", null, name, null)) {
            return rs.next();
        }
    }

    @Test
    void theDriverIsRegisteredThroughTheServiceFile() throws SQLException {
        Driver d = DriverManager.getDriver("jdbc:ember:");
        assertThat(d).isInstanceOf(EmberDriver.class);
        assertThat(d.acceptsURL("jdbc:ember:mem:x")).isTrue();
        assertThat(d.acceptsURL("jdbc:h2:mem:x")).isFalse();
        assertThat(Collections.list(DriverManager.getDrivers())).anyMatch(x -> x instanceof EmberDriver);
        DriverPropertyInfo[] info = d.getPropertyInfo("jdbc:ember:", new Properties());
        assertThat(Arrays.stream(info).map(p -> p.name)).contains("session", "ember.sql.shuffle.partitions", "timeZone");
    }

    @Test
    void settingsComeFromTheUrlAndFromProperties() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:ember:?ember.sql.shuffle.partitions=8&ember.batch.size=1024")) {
            assertThat(setting(c, "ember.sql.shuffle.partitions")).isEqualTo("8");
            assertThat(setting(c, "ember.batch.size")).isEqualTo("1024");
        }
        Properties p = new Properties();
        p.setProperty("ember.sql.shuffle.partitions", "5");
        p.setProperty("user", "someone");
        try (Connection c = DriverManager.getConnection("jdbc:ember:", p)) {
            assertThat(setting(c, "ember.sql.shuffle.partitions")).isEqualTo("5");
            assertThat(c.getMetaData().getUserName()).isEqualTo("someone");
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:ember:?ember.nosuch=1"))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42K0I");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:ember:?ember.sql.shuffle.partitions=zero"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:ember:disk:/tmp/x"))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }

    @Test
    void ownSessionsAreSeparate() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:ember:");
             Connection b = DriverManager.getConnection("jdbc:ember:")) {
            a.createStatement().execute("create table mine (x int)");
            assertThat(hasTable(a, "mine")).isTrue();
            assertThat(hasTable(b, "mine")).isFalse();
        }
    }

    @Test
    void namedSessionsAreSharedUntilTheLastConnectionCloses() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:ember:mem:shared1")) {
            try (Connection b = DriverManager.getConnection("jdbc:ember:mem:shared1?ember.sql.shuffle.partitions=6");
                 Connection other = DriverManager.getConnection("jdbc:ember:mem:other1")) {
                a.createStatement().execute("create table t1 (x int)");
                b.createStatement().executeUpdate("insert into t1 values (1), (2)");
                try (ResultSet rs = a.createStatement().executeQuery("select count(*) from t1")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
                assertThat(hasTable(other, "t1")).isFalse();
                // A setting given by one connection is the shared session's.
                assertThat(setting(a, "ember.sql.shuffle.partitions")).isEqualTo("6");
            }
            // b closed: a still holds the session.
            assertThat(hasTable(a, "t1")).isTrue();
            Properties p = new Properties();
            p.setProperty("session", "shared1");
            try (Connection c = DriverManager.getConnection("jdbc:ember:", p)) {
                assertThat(hasTable(c, "t1")).isTrue();
            }
        }
        try (Connection again = DriverManager.getConnection("jdbc:ember:mem:shared1")) {
            assertThat(hasTable(again, "t1")).as("the session ended with its last connection").isFalse();
        }
    }

    @Test
    void aBadSettingForASharedSessionLeavesItAsItWas() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:ember:mem:shared2?ember.sql.shuffle.partitions=3")) {
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:ember:mem:shared2?ember.sql.shuffle.partitions=9&ember.batch.size=-1")).isInstanceOf(SQLException.class);
            assertThat(setting(a, "ember.sql.shuffle.partitions")).isEqualTo("3");
        }
    }
}
