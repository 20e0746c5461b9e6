package dev.ember.tpch.plan;

import dev.ember.engine.EmberSession;
import dev.ember.sql.Statement;
import dev.ember.tpch.TpchQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The physical EXPLAIN of each TPC-H query at SF 1 under fixed settings (see {@link TpchPlans}),
 * compared with {@code src/test/resources/golden/qNN.txt}: a plan change fails with a unified
 * diff a person can review. After an intended change, regenerate with
 * {@code -Dember.golden.update=true} and review the files' diff in the commit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchGoldenExplainTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("ember.golden.update");

    private EmberSession session;

    @BeforeAll
    void open() {
        session = TpchPlans.session();
    }

    @AfterAll
    void close() {
        session.close();
    }

    static IntStream queries() {
        return IntStream.rangeClosed(1, TpchQueries.COUNT);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void explainMatchesGolden(int query) throws IOException {
        String actual = TpchPlans.plan(session, query).explain(Statement.ExplainMode.PHYSICAL);
        Path file = GOLDEN.resolve(String.format(Locale.ROOT, "q%02d.txt", query));
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
            return;
        }
        if (!Files.exists(file)) {
            fail(file + " is missing; run with -Dember.golden.update=true to write it. The plan is:\n" + actual);
        }
        String expected = Files.readString(file);
        if (!expected.equals(actual)) {
            fail("Q" + query + "'s plan differs from " + file + " (regenerate with -Dember.golden.update=true if intended):\n"
                    + UnifiedDiff.diff(file.toString(), expected, "actual", actual));
        }
    }
}
