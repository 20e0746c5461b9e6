package dev.ember.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real third-party JDBC client, sqlline (from Maven Central), driving Ember through
 * {@code DriverManager}: it connects, lists tables and columns, and runs the 22 TPC-H queries;
 * each query's row count must be the one the driver gives directly.
 */
class SqllineClientTest {
    /** The TPC-H queries of the tpch-tests module (this module cannot depend on it: it depends on this one). */
    private static final Path QUERIES = Path.of("..", "tpch-tests", "src", "main", "resources", "tpch", "queries");
    private static final Pattern ROWS = Pattern.compile("^(No|\\d+) rows? selected", Pattern.MULTILINE);

    private static List<String> queries() throws IOException {
        List<String> out = new ArrayList<>();
        for (int q = 1; q <= 22; q++) {
            out.add(Files.readString(QUERIES.resolve(String.format(Locale.ROOT, "q%02d.sql", q))).strip());
        }
        return out;
    }

    private static long rowsViaDriver(Statement s, String sql) throws SQLException {
        long n = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void sqllineConnectsListsTablesAndRunsTheTpchQueries(@TempDir Path dir) throws Exception {
        List<String> queries = queries();
        StringBuilder script = new StringBuilder("use tpch.tiny;\n!tables\n!columns lineitem\n");
        for (String q : queries) {
            script.append(q).append("\n;\n");
        }
        Path file = dir.resolve("tpch.sql");
        Files.writeString(file, script);

        // sqlline prints results on its output and messages ("N rows selected", errors) on its error stream.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        SqlLine sqlline = new SqlLine();
        sqlline.setOutputStream(new PrintStream(out, true, StandardCharsets.UTF_8));
        sqlline.setErrorStream(new PrintStream(messages, true, StandardCharsets.UTF_8));
        SqlLine.Status status = sqlline.begin(new String[] {"-u", "jdbc:ember:", "-n", "", "-p", "",
                "--isolation=TRANSACTION_NONE", "--maxWidth=240", "--run=" + file},
                new ByteArrayInputStream(new byte[0]), false);
        String text = out.toString(StandardCharsets.UTF_8);
        String log = messages.toString(StandardCharsets.UTF_8);

        assertThat(status).as(log).isEqualTo(SqlLine.Status.OK);
        assertThat(log).doesNotContain("Error:");
        // !tables: DatabaseMetaData.getTables, as sqlline prints it.
        assertThat(text).containsPattern("\\| tpch\\s+\\| tiny\\s+\\| lineitem\\s+\\| TABLE");
        // !columns lineitem: DatabaseMetaData.getColumns.
        assertThat(text).containsPattern("\\| lineitem\\s+\\| l_shipdate\\s+\\| 91\\s+\\| DATE");

        List<Long> counts = new ArrayList<>();
        Matcher m = ROWS.matcher(log);
        while (m.find()) {
            counts.add(m.group(1).equals("No") ? 0L : Long.parseLong(m.group(1)));
        }
        List<Long> expected = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:ember:"); Statement s = c.createStatement()) {
            s.execute("use tpch.tiny");
            for (String q : queries) {
                expected.add(rowsViaDriver(s, q));
            }
        }
        assertThat(counts).isEqualTo(expected);
        assertThat(expected.get(0)).isEqualTo(4); // Q1: four (returnflag, linestatus) groups
        assertThat(expected.get(5)).isEqualTo(1); // Q6: one revenue figure
    }
}
