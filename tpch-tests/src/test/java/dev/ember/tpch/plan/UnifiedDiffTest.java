package dev.ember.tpch.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden test's diff: what a reviewer reads when a plan changes. */
class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.diff("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void aChangedLineShowsWithItsContext() {
        String expected = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String actual = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.diff("golden", expected, "actual", actual)).isEqualTo(
                "--- golden\n+++ actual\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    }

    @Test
    void farApartChangesMakeTwoHunks() {
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            a.append(i).append('\n');
        }
        String b = a.toString().replace("1\n2\n", "1\n2\nnew\n").replace("\n18\n", "\n");
        String d = UnifiedDiff.diff("golden", a.toString(), "actual", b);
        assertThat(d.lines().filter(l -> l.startsWith("@@"))).hasSize(2);
        assertThat(d).contains("+new\n").contains("-18\n");
    }
}
