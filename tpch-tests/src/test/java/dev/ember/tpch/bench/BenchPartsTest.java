package dev.ember.tpch.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report's pieces on made-up figures: the chart, the CSV, recorded answers, options, and compare. */
class BenchPartsTest {
    @TempDir
    Path dir;

    private BenchReport report(double emberScale, boolean wrongQ5) {
        BenchOptions o = BenchOptions.parse(List.of("--sf", "1", "--runs", "3"), dir, dir);
        BenchReport r = new BenchReport(o, LocalDateTime.of(2026, 11, 23, 12, 0));
        r.duckdb = "DuckDB v2.0.0";
        r.reference = "DuckDB v2.0.0, in this run";
        for (int q = 1; q <= 22; q++) {
            QueryOutcome out = new QueryOutcome(q);
            for (int run = 1; run <= 3; run++) {
                double e = q * 100 * emberScale + run;
                double d = q * 10 + run;
                out.ember.add(e);
                out.duckdb.add(d);
                r.runs.add(new RunRecord("ember", q, run, false, e, 4, 1.5, 20, "ok"));
                r.runs.add(new RunRecord("duckdb", q, run, false, d, 4, Double.NaN, Double.NaN, "ok"));
            }
            out.check = wrongQ5 && q == 5 ? QueryOutcome.Check.WRONG : QueryOutcome.Check.OK_DUCKDB;
            out.message = "row 0 column 1: expected 1, got 2";
            out.rows = 4;
            r.outcomes.add(out);
        }
        return r;
    }

    @Test
    void theChartHas22PairsOfBarsOnALogScaleAndIsWellFormedXml() throws Exception {
        String svg = SvgChart.render(report(1, true));
        assertThat(TpchBenchTest.count(svg, "class=\"bar ember\"")).isEqualTo(22);
        assertThat(TpchBenchTest.count(svg, "class=\"bar duckdb\"")).isEqualTo(22);
        assertThat(svg).contains(">Q1</text>", ">Q22</text>", "log scale", "9.8×", ">10 ms</text>", ">1 s</text>", ">10 s</text>",
                "fill=\"" + SvgChart.WRONG_COLOR + "\" font-weight=\"bold\">Q5</text>");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void runsCsvReadsBackWhatItWrote() {
        List<RunRecord> runs = List.of(new RunRecord("ember", 1, 1, true, 12.5, 4, 1.25, 3.5, "ok"),
                new RunRecord("duckdb", 22, 3, false, 0.125, 7, Double.NaN, Double.NaN, "ok"),
                new RunRecord("ember", 2, 1, false, Double.NaN, -1, Double.NaN, Double.NaN, "FAILED"));
        List<RunRecord> back = RunsCsv.parse(RunsCsv.format(runs));
        assertThat(back).hasSize(3);
        assertThat(back.get(0)).isEqualTo(runs.get(0));
        assertThat(back.get(1).millis()).isEqualTo(0.125);
        assertThat(back.get(1).planMillis()).isNaN();
        assertThat(back.get(2).rows()).isEqualTo(-1);
        assertThat(back.get(2).status()).isEqualTo("FAILED");
    }

    @Test
    void recordedAnswersKeepTheirTypesAndOrigin() {
        Answers a = new Answers(dir, "sf1");
        List<List<Object>> rows = List.of(
                Arrays.asList("tab\there, new\nline, back\\slash", new BigDecimal("-12.50"), 7L, LocalDate.of(1998, 9, 2), null, true),
                Arrays.asList("", BigDecimal.ZERO, 0, LocalDate.of(1992, 1, 1), "#not a comment", false));
        a.record(3, rows, "DuckDB v2.0.0");
        Answers.Recorded back = a.load(3).orElseThrow();
        assertThat(back.origin()).isEqualTo("DuckDB v2.0.0");
        assertThat(back.rows()).hasSize(2);
        assertThat(back.rows().get(0).get(0)).isEqualTo("tab\there, new\nline, back\\slash");
        assertThat(back.rows().get(0).get(1)).isEqualTo(new BigDecimal("-12.50"));
        assertThat(back.rows().get(0).get(3)).isEqualTo(LocalDate.of(1998, 9, 2));
        assertThat(back.rows().get(0).get(4)).isNull();
        assertThat(back.rows().get(1).get(0)).isEqualTo("");
        assertThat(dev.ember.tpch.ResultComparator.compare(rows, back.rows())).isNull();
        assertThat(a.load(4)).isEmpty();
    }

    @Test
    void theTestHookAltersTheFirstValue() {
        List<List<Object>> answer = List.of(List.of(new BigDecimal("1.00"), "x"), List.of(new BigDecimal("2.00"), "y"));
        List<List<Object>> wrong = TpchBench.corrupt(answer);
        assertThat(wrong.get(0).get(0)).isEqualTo(new BigDecimal("2.00"));
        assertThat(answer.get(0).get(0)).isEqualTo(new BigDecimal("1.00"));
        assertThat(dev.ember.tpch.ResultComparator.compare(wrong, answer)).contains("row 0 column 1");
        assertThat(TpchBench.corrupt(List.of())).hasSize(1);
    }

    @Test
    void queryListsAndOptions() {
        assertThat(BenchOptions.queryList("1,3,5-7,q22")).containsExactly(1, 3, 5, 6, 7, 22);
        BenchOptions o = BenchOptions.parse(List.of("--sf=0.1", "--source", "PARQUET", "-c", "ember.sql.shuffle.partitions=4",
                "--out", "r"), dir, dir.resolve("home"));
        assertThat(o.scaleText()).isEqualTo("0.1");
        assertThat(o.source()).isEqualTo(BenchOptions.Source.PARQUET);
        assertThat(o.settings()).containsEntry("ember.sql.shuffle.partitions", "4");
        assertThat(o.outputDir()).isEqualTo(dir.resolve("r"));
        assertThat(o.dataDir()).isEqualTo(dir.resolve("home/ember-bench-data"));
        assertThat(BenchOptions.parse(List.of(), dir, dir).outputDir().toString()).contains("bench-reports").endsWith("-sf1-memory");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--runs", "0"), dir, dir)).hasMessageContaining("--runs takes a whole number >= 1");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--sf"), dir, dir)).hasMessageContaining("--sf needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast"), dir, dir)).hasMessageContaining("unknown option '--fast'");
    }

    @Test
    void compareShowsThePerQueryChange() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        report(1, false).write(a);
        report(0.5, false).write(b);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = BenchMain.run(new String[] {"compare", "a", "b/runs.csv"}, dir, dir,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(out).contains("A: " + a + "  (SF 1, memory, 2026-11-23 12:00", "Ember A ms", "DuckDB A");
        // Q10: 1002 ms in A, 502 ms in B
        assertThat(out).containsPattern("Q10 +1002 +502 +-49\\.9% +faster +102 +102 +\\+0\\.0%");
        assertThat(out).contains("22 queries in both");
        List<String> lines = new ArrayList<>(out.lines().toList());
        assertThat(lines).filteredOn(l -> l.startsWith("Q")).hasSize(22);

        assertThat(BenchMain.run(new String[] {"compare", "a"}, dir, dir, System.out, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
        assertThat(BenchMain.run(new String[] {"compare", "a", "nowhere"}, dir, dir, System.out,
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
        assertThat(Files.readString(a.resolve("report.md"))).contains("| Q22 ");
    }
}
