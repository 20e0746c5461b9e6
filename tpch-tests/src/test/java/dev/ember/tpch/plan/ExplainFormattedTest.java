package dev.ember.tpch.plan;

import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import dev.ember.tpch.TpchQueries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code EXPLAIN FORMATTED}: a numbered operator tree, then one details section per number. */
class ExplainFormattedTest {
    private static final Pattern TREE_LINE = Pattern.compile("^[:+\\- ]*(\\S+) \\((\\d+)\\)$");
    private static final Pattern SECTION = Pattern.compile("^\\((\\d+)\\) (\\S+)$");

    @Test
    void everyNumberedOperatorHasItsDetailsAndScansComeFirst() {
        try (EmberSession session = TpchPlans.session()) {
            String text = explain(session, "EXPLAIN FORMATTED " + TpchQueries.query(5));
            System.out.println(text);
            List<String> treeOps = new ArrayList<>();
            List<String> sectionOps = new ArrayList<>();
            boolean inTree = true;
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    inTree = false;
                    continue;
                }
                Matcher t = TREE_LINE.matcher(line);
                Matcher s = SECTION.matcher(line);
                if (inTree && t.matches()) {
                    treeOps.add(t.group(2) + " " + t.group(1));
                } else if (!inTree && s.matches()) {
                    sectionOps.add(s.group(1) + " " + s.group(2));
                }
            }
            // The same operators, numbered 1..n, in both parts.
            assertThat(treeOps).hasSizeGreaterThan(10);
            assertThat(sectionOps).containsExactlyInAnyOrderElementsOf(treeOps);
            for (int i = 0; i < sectionOps.size(); i++) {
                assertThat(sectionOps.get(i)).startsWith((i + 1) + " ");
            }
            // Post-order: operator (1) is a leaf, the root has the highest number.
            assertThat(sectionOps.get(0)).endsWith(" Scan");
            assertThat(treeOps.get(0)).isEqualTo(sectionOps.size() + " Sort");
            // The details hold what the one-line tree leaves out: join keys, strategy reasons, estimates.
            assertThat(text).contains("Arguments: inner n_regionkey = r_regionkey build=right")
                    .contains("Notes: build side estimated").contains("Output [2]: [n_name, revenue]")
                    .contains("Estimate: rows=");
            // EXPLAIN (physical) keeps its one-line-per-operator form.
            assertThat(explain(session, "EXPLAIN " + TpchQueries.query(5))).doesNotContain("Arguments:");
        }
    }

    private static String explain(EmberSession session, String sql) {
        StringBuilder sb = new StringBuilder();
        for (Row r : session.sql(sql).collectAsList()) {
            sb.append(r.get(0)).append('\n');
        }
        return sb.toString();
    }
}
