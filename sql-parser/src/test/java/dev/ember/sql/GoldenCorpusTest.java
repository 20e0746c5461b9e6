package dev.ember.sql;

import dev.ember.common.ParseException;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden corpus, in the style of Spark's SQLQueryTestSuite: {@code parser/*.sql} hold the
 * inputs, {@code parser/*.sql.out} what each must parse to (or the exact error). A case that
 * differs from its golden output fails; nothing is rewritten unless the run asks for it with
 * {@code -Dember.golden.regenerate=true}, after which the diff is for a person to review.
 *
 * <p>Input format: a line {@code # mode: <mode>} selects how the following cases are parsed
 * (script, statement, query, expression, query-tree, expression-tree, query-positions,
 * expression-positions); other lines starting with {@code #} are comments; every other
 * non-blank line is one case, or several lines between {@code <<<} and {@code >>>}.
 */
class GoldenCorpusTest {
    private static final String REGENERATE = "ember.golden.regenerate";
    private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "parser");

    record Case(int line, String mode, String input) {
    }

    @TestFactory
    Stream<DynamicContainer> corpus() throws IOException {
        List<DynamicContainer> files = new ArrayList<>();
        for (Path input : inputs()) {
            String name = input.getFileName().toString();
            List<Case> cases = cases(Files.readString(input, StandardCharsets.UTF_8));
            List<String> actual = new ArrayList<>();
            for (Case c : cases) {
                actual.add(run(c));
            }
            String rendered = render(cases, actual);
            Path golden = input.resolveSibling(name + ".out");
            if (Boolean.getBoolean(REGENERATE)) {
                Files.writeString(SOURCE_DIR.resolve(name + ".out"), rendered, StandardCharsets.UTF_8);
                Files.writeString(golden, rendered, StandardCharsets.UTF_8);
            }
            String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "";
            List<String> expectedBlocks = List.of(expected.split("\n(?=-- case )", -1));
            List<String> actualBlocks = List.of(rendered.split("\n(?=-- case )", -1));
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("golden file lists the same cases", () ->
                    assertThat(headers(expectedBlocks)).as("%s.out is out of date: rerun with -D%s=true and review "
                            + "the diff", name, REGENERATE).isEqualTo(headers(actualBlocks))));
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                String actualBlock = actualBlocks.get(i);
                String expectedBlock = i < expectedBlocks.size() ? expectedBlocks.get(i) : "";
                tests.add(DynamicTest.dynamicTest("line " + c.line() + ": " + firstLine(c.input()), () ->
                        assertThat(actualBlock).as("%s line %d", name, c.line()).isEqualTo(expectedBlock)));
            }
            files.add(DynamicContainer.dynamicContainer(name, tests));
        }
        return files.stream();
    }

    @Test
    void corpusHasAtLeast300Cases() throws IOException {
        int total = 0;
        for (Path input : inputs()) {
            total += cases(Files.readString(input, StandardCharsets.UTF_8)).size();
        }
        assertThat(total).isGreaterThanOrEqualTo(300);
    }

    static List<Path> inputs() throws IOException {
        Path dir;
        try {
            dir = Path.of(Objects.requireNonNull(GoldenCorpusTest.class.getResource("/parser")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
    }

    static List<Case> cases(String text) {
        List<Case> cases = new ArrayList<>();
        String mode = "statement";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("# mode:")) {
                mode = line.substring("# mode:".length()).trim();
            } else if (line.equals("<<<")) {
                int start = i + 1;
                StringBuilder block = new StringBuilder();
                for (i = start; !lines[i].equals(">>>"); i++) {
                    block.append(i > start ? "\n" : "").append(lines[i]);
                }
                cases.add(new Case(start, mode, block.toString()));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                cases.add(new Case(i + 1, mode, line));
            }
        }
        return cases;
    }

    static String run(Case c) {
        try {
            return switch (c.mode()) {
                case "script" -> {
                    StringBuilder sb = new StringBuilder();
                    for (ParsedStatement s : EmberSqlParser.parseScript(c.input())) {
                        sb.append("[").append(s.line()).append(':').append(s.column()).append("] ")
                                .append(s.text().replace("\n", "\\n")).append("\n  ")
                                .append(SqlPrinter.statement(s.statement()).replace("\n", "\n  ")).append('\n');
                    }
                    yield sb.isEmpty() ? "(no statements)" : sb.toString().stripTrailing();
                }
                case "statement" -> SqlPrinter.statement(EmberSqlParser.parseStatement(c.input()).statement());
                case "query" -> SqlPrinter.unparse(EmberSqlParser.parseQuery(c.input()));
                case "expression" -> SqlPrinter.unparse(EmberSqlParser.parseExpression(c.input()));
                case "query-tree" -> SqlPrinter.tree(EmberSqlParser.parseQuery(c.input()), false);
                case "expression-tree" -> SqlPrinter.tree(EmberSqlParser.parseExpression(c.input()), false);
                case "query-positions" -> SqlPrinter.tree(EmberSqlParser.parseQuery(c.input()), true);
                case "expression-positions" -> SqlPrinter.tree(EmberSqlParser.parseExpression(c.input()), true);
                default -> throw new IllegalArgumentException("unknown mode " + c.mode());
            };
        } catch (ParseException e) {
            return "ERROR " + e.errorClass() + " at " + e.line() + ":" + e.column() + "\n" + e.getMessage();
        }
    }

    private static String render(List<Case> cases, List<String> outputs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            sb.append("-- case (").append(c.mode()).append(")\n").append(c.input()).append("\n-- result\n")
                    .append(outputs.get(i)).append("\n\n");
        }
        return sb.toString();
    }

    private static List<String> headers(List<String> blocks) {
        List<String> out = new ArrayList<>();
        for (String b : blocks) {
            int end = b.indexOf("\n-- result\n");
            out.add(end < 0 ? b : b.substring(0, end));
        }
        return out;
    }

    private static String firstLine(String input) {
        String first = input.lines().findFirst().orElse("");
        return first.length() > 60 ? first.substring(0, 57) + "..." : first;
    }
}
