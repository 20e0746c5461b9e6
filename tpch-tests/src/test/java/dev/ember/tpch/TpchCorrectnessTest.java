package dev.ember.tpch;

import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The 22 TPC-H queries on {@code tpch.tiny} (SF 0.01) and {@code tpch.sf0_1} (SF 0.1), each answer
 * checked row by row against DuckDB over the same rows, under several settings: defaults,
 * broadcast joins disabled, one shuffle partition, and seven.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchCorrectnessTest {
    /** Scale factor and Ember's schema for it. */
    private static final String[][] SCALES = {{"0.01", "tiny"}, {"0.1", "sf0_1"}};

    private final java.util.Map<String, DuckDbOracle> duckdb = new java.util.HashMap<>();

    @BeforeAll
    void loadOracle() throws Exception {
        for (String[] sc : SCALES) {
            duckdb.put(sc[1], new DuckDbOracle(Double.parseDouble(sc[0])));
        }
    }

    @AfterAll
    void close() throws Exception {
        for (DuckDbOracle d : duckdb.values()) {
            d.close();
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        String[][] settings = {
            {},
            {"ember.sql.autoBroadcastJoinThreshold", "-1"},
            {"ember.sql.shuffle.partitions", "1"},
            {"ember.sql.shuffle.partitions", "7"},
            // Adaptive execution (coalescing, skew splits) is on in the others: keep the plain path covered.
            {"ember.sql.adaptive.enabled", "false"},
            // Every shuffled join splits every partition above its side's median into pieces of a
            // few map outputs: the skew-split path over all join types TPC-H has.
            {"ember.sql.autoBroadcastJoinThreshold", "-1", "ember.sql.adaptive.skewJoin.skewedPartitionFactor", "1",
                "ember.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", "0",
                "ember.sql.adaptive.advisoryPartitionSizeInBytes", "1k"},
        };
        for (String[] sc : SCALES) {
            for (String[] s : settings) {
                IntStream.rangeClosed(1, TpchQueries.COUNT).forEach(q -> out.add(
                        Arguments.of(q, sc[1], s.length == 0 ? "defaults" : describe(s))));
            }
        }
        return out.stream();
    }

    /** key=value pairs joined by ", " (parsed back in the test). */
    private static String describe(String[] setting) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < setting.length; i += 2) {
            pairs.add(setting[i] + "=" + setting[i + 1]);
        }
        return String.join(", ", pairs);
    }

    @ParameterizedTest(name = "Q{0} tpch.{1} ({2})")
    @MethodSource("cases")
    void answerMatchesDuckDb(int query, String schema, String setting) throws Exception {
        String gap = KnownGaps.QUERIES.get(query);
        Assumptions.assumeTrue(gap == null, () -> "Q" + query + " skipped: " + gap);
        String sql = TpchQueries.query(query);
        List<List<Object>> expected = duckdb.get(schema).query(sql);
        EmberSession.Builder b = EmberSession.builder();
        if (!setting.equals("defaults")) {
            for (String pair : setting.split(", ")) {
                String[] kv = pair.split("=", 2);
                b.config(kv[0], kv[1]);
            }
        }
        List<List<Object>> actual = new ArrayList<>();
        try (EmberSession session = b.getOrCreate()) {
            session.sql("use tpch." + schema);
            for (Row r : session.sql(sql).collectAsList()) {
                actual.add(r.toList());
            }
        }
        String diff = ResultComparator.compare(expected, actual);
        if (diff != null) {
            fail("Q" + query + " on tpch." + schema + " (" + setting + ") differs from DuckDB: " + diff);
        }
    }
}
