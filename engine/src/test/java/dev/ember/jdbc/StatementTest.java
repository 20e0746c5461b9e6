package dev.ember.jdbc;

import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statement execution: results and update counts, several results per script, max rows, and errors with SQLState. */
class StatementTest {
    private static Connection conn;

    @BeforeAll
    static void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:ember:");
    }

    @AfterAll
    static void close() throws SQLException {
        conn.close();
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void executeTellsRowsFromUpdateCounts() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertThat(s.execute("select 1")).isTrue();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(s.getResultSet()).isNotNull();
            assertThat(s.execute("create table counted (a int)")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.getResultSet()).isNull();
            assertThat(s.executeUpdate("insert into counted values (1), (2), (3)")).isEqualTo(3);
            assertThat(s.executeLargeUpdate("insert into counted select a + 10 from counted")).isEqualTo(3);
            assertThat(scalar(s, "select count(*) from counted")).isEqualTo(6);
            // A command's rows (SET shows the new value) are dropped by executeUpdate.
            assertThat(s.executeUpdate("set ember.sql.shuffle.partitions = 3")).isZero();
            assertThat(s.execute("set ember.sql.shuffle.partitions = 4")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                assertThat(rs.getString("value")).isEqualTo("4");
            }
            assertThatThrownBy(() -> s.executeUpdate("select 1")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeQuery("create table other (a int)")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aScriptGivesOneResultPerStatement() throws SQLException {
        try (Statement s = conn.createStatement()) {
            boolean rows = s.execute("create table multi (a int); insert into multi values (1), (2); "
                    + "select a from multi order by a; select count(*) from multi; drop table multi");
            List<String> seen = new ArrayList<>();
            while (true) {
                if (rows) {
                    try (ResultSet rs = s.getResultSet()) {
                        StringBuilder sb = new StringBuilder("rows:");
                        while (rs.next()) {
                            sb.append(rs.getString(1)).append(';');
                        }
                        seen.add(sb.toString());
                    }
                } else if (s.getUpdateCount() == -1) {
                    break;
                } else {
                    seen.add("count:" + s.getUpdateCount());
                }
                rows = s.getMoreResults();
            }
            assertThat(seen).containsExactly("count:0", "count:2", "rows:1;2;", "rows:2;", "count:0");
        }
    }

    @Test
    void maxRowsStopsTheQuery() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.setMaxRows(5);
            assertThat(s.getMaxRows()).isEqualTo(5);
            int n = 0;
            try (ResultSet rs = s.executeQuery("select l_orderkey from tpch.tiny.lineitem")) {
                while (rs.next()) {
                    n++;
                }
            }
            assertThat(n).isEqualTo(5);
            s.setMaxRows(0);
            assertThat(scalar(s, "select count(*) from (select l_orderkey from tpch.tiny.lineitem)")).isEqualTo(60175);
        }
    }

    @Test
    void errorsCarryTheirSqlStateAndErrorClass() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("selec 1")).isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("[PARSE_SYNTAX_ERROR]").hasMessageContaining("^")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42601");
            assertThatThrownBy(() -> s.executeQuery("select * from tpch.tiny.nosuch")).isInstanceOf(SQLSyntaxErrorException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
            assertThatThrownBy(() -> s.executeQuery("select nosuch from tpch.tiny.nation"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42703");
            assertThatThrownBy(() -> s.executeQuery("select cast('x' as int)")).isInstanceOf(SQLDataException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22018");
            assertThatThrownBy(() -> s.executeQuery("select cast(2147483647 as int) + 1")).isInstanceOf(SQLDataException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
            assertThatThrownBy(() -> s.executeQuery("select sum(n_nationkey) over (order by n_nationkey range between 1 preceding and current row) from tpch.tiny.nation"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
            assertThatThrownBy(() -> s.execute("set ember.nosuch = 1"))
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42K0I");
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.executeQuery("select * from nosuch"));
            assertThat(e.getCause()).isInstanceOf(EmberException.class);
            assertThat(((EmberException) e.getCause()).errorClass()).isEqualTo(ErrorClass.TABLE_OR_VIEW_NOT_FOUND);
            // The connection and the statement go on after every failure.
            assertThat(scalar(s, "select count(*) from tpch.tiny.nation")).isEqualTo(25);
        }
    }

    @Test
    void memoryLimitIsAResourceError() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:ember:?ember.memory.limit=256k"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> {
                try (ResultSet rs = s.executeQuery("select l_comment from tpch.tiny.lineitem order by l_comment")) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }).isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("53200");
            s.execute("set ember.memory.limit = 512m");
            assertThat(scalar(s, "select count(*) from (select l_comment from tpch.tiny.lineitem order by l_comment)"))
                    .isEqualTo(60175);
        }
    }

    @Test
    void aQueryFailingMidStreamHasAlreadyGivenItsFirstRows() throws SQLException {
        // One executor, so the result partitions run one after the other: the first partition's
        // rows reach the application before the last partition fails.
        try (Connection c = DriverManager.getConnection("jdbc:ember:?ember.executor.instances=1");
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select l_orderkey, cast(case when l_orderkey > 59000 then 'x' else '1' end as int) "
                    + "from tpch.tiny.lineitem");
            long read = 0;
            SQLException failure = null;
            try {
                while (rs.next()) {
                    read++;
                }
            } catch (SQLException e) {
                failure = e;
            }
            assertThat(read).isPositive();
            assertThat((Throwable) failure).isInstanceOf(SQLDataException.class);
            assertThat(failure.getSQLState()).isEqualTo("22018");
            assertThat(scalar(s, "select 1")).isEqualTo(1);
        }
    }

    @Test
    void closedObjectsRefuseWork() throws SQLException {
        Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("select 1");
        s.close();
        assertThat(rs.isClosed()).isTrue();
        assertThatThrownBy(() -> s.executeQuery("select 1")).isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection("jdbc:ember:")) {
            c.close();
            assertThat(c.isClosed()).isTrue();
            assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class);
        }
    }
}
