package dev.ember.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statement.cancel from another thread and setQueryTimeout stop a long query with 57014; the connection goes on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CancelAndTimeoutTest {
    /** A cross join of 60K x 15K rows: tens of seconds of work on two cores. */
    static final String LONG_QUERY = "select count(*) from tpch.tiny.lineitem a, tpch.tiny.orders b "
            + "where a.l_partkey + b.o_custkey < 0";

    private static Connection conn;

    @BeforeAll
    static void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:ember:");
        try (Statement s = conn.createStatement()) {
            // Generate the data first, so that the clock below measures the query only.
            s.executeQuery("select count(*) from tpch.tiny.lineitem").close();
            s.executeQuery("select count(*) from tpch.tiny.orders").close();
        }
    }

    @AfterAll
    static void close() throws SQLException {
        conn.close();
    }

    private static void assertUsable(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from tpch.tiny.nation")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(25);
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheRunningQuery() throws Exception {
        try (Statement s = conn.createStatement()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1000);
                    s.cancel();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long start = System.nanoTime();
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery(LONG_QUERY)) {
                    rs.next();
                }
            });
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            canceller.get();
            assertThat((Throwable) e).isNotInstanceOf(SQLTimeoutException.class);
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("QUERY_CANCELLED");
            assertThat(seconds).as("seconds until the cancelled query stopped").isLessThan(20);
            assertUsable(s);
        }
    }

    @Test
    void queryTimeoutStopsTheQuery() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.setQueryTimeout(1);
            assertThat(s.getQueryTimeout()).isEqualTo(1);
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                try (ResultSet rs = s.executeQuery(LONG_QUERY)) {
                    rs.next();
                }
            }).isInstanceOf(SQLTimeoutException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
            // The same statement, with the timeout still set, runs a quick query.
            assertUsable(s);
        }
    }

    @Test
    void cancelWhileReadingStopsTheStream() throws SQLException {
        try (Statement s = conn.createStatement()) {
            ResultSet rs = s.executeQuery("select l_orderkey from tpch.tiny.lineitem");
            assertThat(rs.next()).isTrue();
            s.cancel();
            assertThatThrownBy(() -> {
                while (rs.next()) {
                    rs.getLong(1);
                }
            }).isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            assertUsable(s);
        }
    }

    @Test
    void aCancelWithNothingRunningDoesNotStopTheNextQuery() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.cancel();
            assertUsable(s);
        }
    }
}
