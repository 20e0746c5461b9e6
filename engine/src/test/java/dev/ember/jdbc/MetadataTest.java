package dev.ember.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ResultSetMetaData of query results, and the DatabaseMetaData a tool browses the catalog with. */
class MetadataTest {
    private static Connection conn;

    @BeforeAll
    static void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:ember:");
        try (Statement s = conn.createStatement()) {
            s.execute("create table people (id bigint not null, name string, born date, score decimal(5,1))");
            s.execute("create view adults as select id, name from people where born < date '2000-01-01'");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        conn.close();
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(name));
            }
        }
        return out;
    }

    @Test
    void resultColumnsHaveNamesTypesPrecisionScaleAndNullability() throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("select id, name as who, score, born, score * 2 as twice, count(*) over_all "
                     + "from people group by id, name, score, born")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(6);
            assertThat(md.getColumnLabel(2)).isEqualTo("who");
            assertThat(md.getColumnName(2)).isEqualTo("who");
            assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnTypeName(1)).isEqualTo("BIGINT");
            assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
            assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(md.getColumnType(3)).isEqualTo(Types.DECIMAL);
            assertThat(md.getPrecision(3)).isEqualTo(5);
            assertThat(md.getScale(3)).isEqualTo(1);
            assertThat(md.getColumnClassName(3)).isEqualTo("java.math.BigDecimal");
            assertThat(md.getColumnType(4)).isEqualTo(Types.DATE);
            assertThat(md.getColumnClassName(4)).isEqualTo("java.sql.Date");
            assertThat(md.getColumnType(5)).isEqualTo(Types.DECIMAL);
            assertThat(md.getScale(5)).isEqualTo(1);
            assertThat(md.getColumnType(6)).isEqualTo(Types.BIGINT);
            assertThat(md.isSigned(1)).isTrue();
            assertThat(md.isReadOnly(1)).isTrue();
        }
    }

    @Test
    void productDriverAndIdentifiers() throws SQLException {
        DatabaseMetaData md = conn.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("Ember");
        assertThat(md.getDatabaseProductVersion()).isEqualTo(EmberDriver.VERSION);
        assertThat(md.getDriverName()).isEqualTo("Ember JDBC Driver");
        assertThat(md.getDriverMajorVersion()).isZero();
        assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
        assertThat(md.getURL()).isEqualTo("jdbc:ember:");
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(md.storesLowerCaseIdentifiers()).isTrue();
        assertThat(md.storesUpperCaseIdentifiers()).isFalse();
        assertThat(md.getSearchStringEscape()).isEqualTo("\\");
        assertThat(md.getSQLKeywords()).contains("SELECT");
        assertThat(md.getNumericFunctions()).contains("ABS");
        assertThat(md.supportsTransactions()).isFalse();
        assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
        assertThat(md.supportsMultipleResultSets()).isTrue();
        assertThat(md.isReadOnly()).isFalse();
        assertThat(md.nullsAreSortedLow()).isTrue();
        assertThat(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isFalse();
        assertThat(md.getConnection()).isSameAs(conn);
    }

    @Test
    void catalogsAndSchemas() throws SQLException {
        DatabaseMetaData md = conn.getMetaData();
        assertThat(column(md.getCatalogs(), "TABLE_CAT")).containsExactly("default", "tpch");
        assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("sf0_1", "sf1", "sf10", "sf100", "tiny");
        assertThat(column(md.getSchemas("tpch", "sf%"), "TABLE_SCHEM")).containsExactly("sf0_1", "sf1", "sf10", "sf100");
        assertThat(column(md.getSchemas("default", null), "TABLE_SCHEM")).isEmpty();
        assertThat(column(md.getTableTypes(), "TABLE_TYPE")).containsExactly("TABLE", "VIEW");
    }

    @Test
    void tablesByCatalogSchemaPatternAndType() throws SQLException {
        DatabaseMetaData md = conn.getMetaData();
        assertThat(column(md.getTables("tpch", "tiny", "%", null), "TABLE_NAME")).containsExactly(
                "customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier");
        assertThat(column(md.getTables("tpch", "tiny", "par%", null), "TABLE_NAME")).containsExactly("part", "partsupp");
        assertThat(column(md.getTables("tpch", "tiny", "part\\_%", null), "TABLE_NAME")).isEmpty();
        assertThat(column(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME")).containsExactly("adults");
        try (ResultSet rs = md.getTables("default", null, "people", null)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_CAT")).isEqualTo("default");
            assertThat(rs.getString("TABLE_SCHEM")).isNull();
            assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
            assertThat(rs.next()).isFalse();
        }
        // Every table listed is one a tool can query by catalog.schema.table.
        try (ResultSet rs = md.getTables(null, "tiny", "nation", null); Statement s = conn.createStatement()) {
            assertThat(rs.next()).isTrue();
            String name = rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3);
            try (ResultSet q = s.executeQuery("select count(*) from " + name)) {
                q.next();
                assertThat(q.getLong(1)).isEqualTo(25);
            }
        }
    }

    @Test
    void columnsOfTablesAndViews() throws SQLException {
        DatabaseMetaData md = conn.getMetaData();
        try (ResultSet rs = md.getColumns("tpch", "tiny", "lineitem", null)) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
                assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(names.size());
                if (rs.getString("COLUMN_NAME").equals("l_extendedprice")) {
                    assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.DECIMAL);
                    assertThat(rs.getString("TYPE_NAME")).isEqualTo("DECIMAL");
                    assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(15);
                    assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
                }
                if (rs.getString("COLUMN_NAME").equals("l_shipdate")) {
                    assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.DATE);
                }
            }
            assertThat(names).hasSize(16).startsWith("l_orderkey", "l_partkey").endsWith("l_comment");
        }
        try (ResultSet rs = md.getColumns("default", null, "people", "%")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
            assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
        }
        assertThat(column(md.getColumns(null, null, "adults", null), "COLUMN_NAME")).containsExactly("id", "name");
        assertThat(column(md.getColumns("tpch", "tiny", "nation", "n\\_n%"), "COLUMN_NAME")).containsExactly("n_nationkey", "n_name");
    }

    @Test
    void typeInfoAndFunctions() throws SQLException {
        DatabaseMetaData md = conn.getMetaData();
        List<String> types = new ArrayList<>();
        try (ResultSet rs = md.getTypeInfo()) {
            while (rs.next()) {
                types.add(rs.getString("TYPE_NAME") + ":" + rs.getInt("DATA_TYPE"));
                if (rs.getString("TYPE_NAME").equals("DECIMAL")) {
                    assertThat(rs.getInt("PRECISION")).isEqualTo(38);
                    assertThat(rs.getShort("MAXIMUM_SCALE")).isEqualTo((short) 38);
                }
            }
        }
        assertThat(types).containsExactly("BIGINT:-5", "DECIMAL:3", "INTEGER:4", "DOUBLE:8", "VARCHAR:12", "BOOLEAN:16",
                "DATE:91", "TIMESTAMP:93");
        assertThat(column(md.getFunctions(null, null, "sub%"), "FUNCTION_NAME")).contains("substring");
        assertThat(column(md.getPrimaryKeys(null, null, "people"), "COLUMN_NAME")).isEmpty();
    }

    @Test
    void catalogAndSchemaFollowUse() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:ember:"); Statement s = c.createStatement()) {
            assertThat(c.getCatalog()).isEqualTo("default");
            assertThat(c.getSchema()).isNull();
            s.execute("use tpch.tiny");
            assertThat(c.getCatalog()).isEqualTo("tpch");
            assertThat(c.getSchema()).isEqualTo("tiny");
            c.setSchema("sf1");
            assertThat(c.getSchema()).isEqualTo("sf1");
            c.setCatalog("default");
            assertThat(c.getCatalog()).isEqualTo("default");
            assertThatThrownBy(() -> c.setSchema("nosuch")).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("3F000");
            assertThat(c.getCatalog()).isEqualTo("default");
        }
    }

    @Test
    void transactionsAreNotPretended() throws SQLException {
        assertThat(conn.getAutoCommit()).isTrue();
        assertThat(conn.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
        conn.setAutoCommit(true);
        assertThatThrownBy(() -> conn.setAutoCommit(false)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> conn.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(conn::rollback).isInstanceOf(SQLException.class);
        assertThatThrownBy(conn::commit).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> conn.prepareCall("call x()")).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(conn::setSavepoint).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThat(conn.isValid(1)).isTrue();
    }
}
