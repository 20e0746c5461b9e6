package dev.ember.shell;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell's parts on their own: the non-interactive runner, truncation, completion, highlighting, progress. */
class ShellPartsTest {
    private static EmberSession session;

    @BeforeAll
    static void open() {
        session = EmberSession.builder().getOrCreate();
        session.sql("create table people (id int, full_name string)");
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void executeModeExitsWithTheStatementsStatus() {
        Run ok = main("-m", "csv", "-e", "select r_regionkey, r_name from tpch.tiny.region order by 1");
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).isEqualTo("r_regionkey,r_name\n0,AFRICA\n1,AMERICA\n2,ASIA\n3,EUROPE\n4,MIDDLE EAST\n");
        Run bad = main("-e", "select 1; select * from nosuch; select 2");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).startsWith("Error: [TABLE_OR_VIEW_NOT_FOUND]").contains("^");
        assertThat(bad.out()).contains("1 row").doesNotContain("2 ");
        // A misspelt table names the one meant, qualified, once (not once per TPC-H scale).
        Run typo = main("-e", "select l_orderkey from tpch.tiny.lineitm");
        assertThat(typo.status()).isEqualTo(1);
        assertThat(typo.err()).startsWith("Error: [TABLE_OR_VIEW_NOT_FOUND] table or view `tpch.tiny.lineitm` does not exist; "
                + "did you mean `tpch.tiny.lineitem`? (line 1, column 24)");
        Run unqualified = main("-e", "select * from lineitm");
        assertThat(unqualified.err()).contains("did you mean `tpch.tiny.lineitem`?").doesNotContain("`lineitem`");
        assertThat(main("--bogus").status()).isEqualTo(2);
        assertThat(main("-c", "ember.nosuch=1", "-e", "select 1").status()).isEqualTo(2);
        // Scripts print every row: no truncation outside the interactive shell.
        Run all = main("-e", "select l_orderkey from tpch.tiny.lineitem limit 100");
        assertThat(all.out()).contains("100 rows").doesNotContain("hidden");
    }

    @Test
    void largeTablesShowTheirFirstAndLastRowsAndTheCounts() {
        Schema schema = new Schema(List.of(Field.of("n", DataType.INT)));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            rows.add(new Row(schema, new Object[] {i}));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultPrinter p = new ResultPrinter(new PrintStream(out, true, StandardCharsets.UTF_8));
        p.setMaxRows(4);
        p.print(schema, rows.iterator());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("10 rows (4 shown, 6 hidden; .maxrows N to change)");
        List<String> lines = text.lines().filter(l -> l.startsWith("│")).map(String::strip).toList();
        assertThat(lines).containsExactly("│ n   │", "│ int │", "│   1 │", "│   2 │", "│ ·   │", "│   9 │", "│  10 │");
    }

    @Test
    void completionOffersNamesFromTheLiveCatalog() {
        SqlCompleter c = new SqlCompleter(session, () -> "");
        assertThat(c.candidates("select * from tpch.tiny.li", "tpch.tiny.li")).contains("tpch.tiny.lineitem");
        assertThat(c.candidates("select * from tpch.ti", "tpch.ti")).contains("tpch.tiny.");
        assertThat(c.candidates("select l_ from tpch.tiny.lineitem", "l_")).contains("l_orderkey", "l_shipdate");
        assertThat(c.candidates("select ", "")).contains("select", "sum", "people", "tpch.");
        assertThat(c.candidates("select full from people", "full")).contains("full_name");
        assertThat(c.candidates("select l.l_ from tpch.tiny.lineitem l", "l.l_")).contains("l.l_orderkey");
        assertThat(c.candidates("select o.o from tpch.tiny.orders as o", "o.o")).contains("o.o_orderdate");
        session.sql("create table pets (pet_name string)");
        assertThat(c.candidates("select * from ", "")).contains("pets");
        // The statement so far (lines before this one) names the table.
        SqlCompleter multiLine = new SqlCompleter(session, () -> "select *\nfrom tpch.tiny.nation\n");
        assertThat(multiLine.candidates("select *\nfrom tpch.tiny.nation\nwhere n_", "n_")).contains("n_regionkey");
    }

    @Test
    void highlightingMarksKeywordsStringsNumbersAndComments() {
        AttributedString s = new SqlHighlighter().highlight("select 'a b', 42 from t -- note");
        assertThat(s.toString()).isEqualTo("select 'a b', 42 from t -- note");
        assertThat(s.styleAt(0)).isEqualTo(SqlHighlighter.KEYWORD);
        assertThat(s.styleAt(8)).isEqualTo(SqlHighlighter.STRING);
        assertThat(s.styleAt(14)).isEqualTo(SqlHighlighter.NUMBER);
        assertThat(s.styleAt(17)).isEqualTo(SqlHighlighter.KEYWORD);
        assertThat(s.styleAt(22)).isNotEqualTo(SqlHighlighter.KEYWORD);
        assertThat(s.styleAt(26)).isEqualTo(SqlHighlighter.COMMENT);
    }

    @Test
    void theProgressLineNamesEachRunningStage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ProgressLine p = new ProgressLine(new java.io.PrintWriter(out, true))) {
            p.stageSubmitted(1, "scan", 8);
            p.stageSubmitted(3, "final", 40);
            p.taskFinished(3);
            p.taskFinished(1);
            p.taskFinished(1);
            assertThat(p.text()).isEqualTo("[Stage 1: 2/8 tasks] [Stage 3: 1/40 tasks]");
            p.stageCompleted(1);
            assertThat(p.text()).isEqualTo("[Stage 3: 1/40 tasks]");
        }
    }

    @Test
    void statementsEndAtASemicolonOutsideQuotesAndComments() {
        assertThat(Repl.complete("select 1;")).isTrue();
        assertThat(Repl.complete("select ';'")).isFalse();
        assertThat(Repl.complete("select 1 -- ;\n")).isFalse();
        assertThat(Repl.complete("select 1 /* ; */")).isFalse();
        assertThat(Repl.complete("select \"a;\";  \n")).isTrue();
    }
}
