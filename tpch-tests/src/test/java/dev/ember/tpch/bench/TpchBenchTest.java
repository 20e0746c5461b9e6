package dev.ember.tpch.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./ember bench tpch} end to end at SF 0.01 on a few queries: the report folder, the
 * answers checked against DuckDB and recorded for runs without it, and a wrong answer (made
 * with the {@code --test-wrong-answer} hook, which alters the expected answer, not the engine)
 * reported loudly with exit status 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchBenchTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private Result bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("tpch", "--sf", "0.01", "--data", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int status = BenchMain.run(all.toArray(new String[0]), dir, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheReportAndChecksEveryAnswerAgainstDuckDb() throws Exception {
        Path out = dir.resolve("report");
        Result r = bench("--queries", "1,6", "--runs", "2", "--out", out.toString(), "--explain");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("[1/2] Q01  ember", "[2/2] Q06  ember", "answers: all 2 correct (checked against DuckDB");

        List<String> csv = Files.readAllLines(out.resolve("runs.csv"));
        assertThat(csv.get(0)).isEqualTo(RunsCsv.HEADER);
        assertThat(csv).hasSize(1 + 2 * 2 * 3); // 2 engines x 2 queries x (1 warm-up + 2 runs)
        List<RunRecord> runs = RunsCsv.parse(Files.readString(out.resolve("runs.csv")));
        assertThat(runs).filteredOn(x -> x.engine().equals("ember") && !x.warmup())
                .allSatisfy(x -> assertThat(x.planMillis()).isPositive());
        assertThat(runs).filteredOn(x -> x.query() == 6).allSatisfy(x -> assertThat(x.rows()).isEqualTo(1));

        String svg = Files.readString(out.resolve("chart.svg"));
        assertThat(count(svg, "class=\"bar ember\"")).isEqualTo(2);
        assertThat(count(svg, "class=\"bar duckdb\"")).isEqualTo(2);

        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("# TPC-H SF 0.01 (memory): Ember vs DuckDB", "**All 2 answers correct**", "![", "chart.svg",
                "| Q01 ", "| Q06 ", "## Settings", "## JVM", "## Machine", "DuckDB v");
        assertThat(out.resolve("meta.properties")).exists();
        assertThat(out.resolve("plans/q06-ember.txt")).content().contains("== Physical Plan");
        assertThat(out.resolve("plans/q06-duckdb.txt")).exists();

        // DuckDB's answers were recorded: a run without DuckDB checks against them
        Result recorded = bench("--queries", "6", "--runs", "1", "--no-duckdb", "--out", dir.resolve("r2").toString());
        assertThat(recorded.status()).as(recorded.out() + recorded.err()).isZero();
        assertThat(recorded.out()).contains("ok (recorded)");
        assertThat(Files.readString(dir.resolve("r2/report.md"))).contains("answers recorded by an earlier run")
                .doesNotContain("DuckDB min");
    }

    @Test
    void aWrongAnswerIsReportedLoudlyAndTheRunFails() throws Exception {
        Path out = dir.resolve("wrong");
        Result r = bench("--queries", "3,6", "--runs", "1", "--test-wrong-answer", "6", "--out", out.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("<<< WRONG >>>", "!!! 1 of 2 TPC-H answers are WRONG or FAILED: Q06",
                "differs from DuckDB's answer: row 0 column 1");
        assertThat(Files.readString(out.resolve("report.md"))).contains("**✗ 1 of 2 answers are WRONG or FAILED**", "**Q06 WRONG**");
        assertThat(Files.readString(out.resolve("chart.svg"))).contains(">WRONG</text>");
        // the altered answer is never recorded as a reference
        assertThat(dir.resolve("data/answers/tiny/q06.tsv")).doesNotExist();

        // without DuckDB the hook alters the recorded answer (Ember's own, recorded unchecked) instead
        Result first = bench("--queries", "6", "--runs", "1", "--no-duckdb", "--out", dir.resolve("n1").toString());
        assertThat(first.status()).isZero();
        assertThat(first.out()).contains("unchecked");
        Result wrong = bench("--queries", "6", "--runs", "1", "--no-duckdb", "--test-wrong-answer", "6",
                "--out", dir.resolve("n2").toString());
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.out()).contains("WRONG");
    }

    @Test
    void cacheTablesBeforeTheQueries() {
        Result r = bench("--queries", "6", "--runs", "1", "--cache", "--out", dir.resolve("c").toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("CACHE TABLE");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(bench("--queries", "23").status()).isEqualTo(2);
        Result r = bench("--source", "orc");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--source takes memory, parquet or csv, got 'orc'", "usage: ember bench");
        assertThat(bench("-c", "ember.no.such.setting=1", "--queries", "6").status()).isNotZero();
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
