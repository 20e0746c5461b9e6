package dev.ember.physical.ops;

import dev.ember.physical.plan.SortKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ORDER BY ... LIMIT ... OFFSET against a full sort of the same rows cut in Java. */
class TopNOpTest {
    @TempDir
    Path spillDir;

    /** v DESC NULLS FIRST, k ASC NULLS LAST. */
    private static final List<SortKey> KEYS = List.of(new SortKey(1, false, true), new SortKey(0, true, false));

    private static List<List<Object>> keyColumns(List<List<Object>> rows) {
        return rows.stream().map(r -> KEYS.stream().map(k -> r.get(k.column())).toList()).toList();
    }

    private static List<List<Object>> reference(List<List<Object>> rows, long limit, long offset) {
        Comparator<List<Object>> c = (a, b) -> 0;
        for (SortKey k : KEYS) {
            c = c.thenComparing(r -> r.get(k.column()), OpFixture.values(k.ascending(), k.nullsFirst()));
        }
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(c);
        int from = (int) Math.min(offset, sorted.size());
        return sorted.subList(from, (int) Math.min(sorted.size(), from + limit));
    }

    private static void check(OpFixture f, List<List<Object>> rows, long limit, long offset, int batchSize) {
        List<List<Object>> actual = OpFixture.drain(new TopNOp(f.source(OpFixture.KVS, rows, batchSize), OpFixture.KVS,
                KEYS, limit, offset, f.ctx, f.metrics, batchSize));
        List<List<Object>> expected = reference(rows, limit, offset);
        // Rows tied on the keys may be either of them: compare the keys in order, and that each
        // row is one of the input's.
        assertThat(keyColumns(actual)).as("limit %d offset %d", limit, offset).isEqualTo(keyColumns(expected));
        assertThat(OpFixture.sorted(rows)).containsAll(OpFixture.sorted(actual));
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void everyShape(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(51);
        long[][] cases = {{1, 0}, {10, 0}, {10, 7}, {1000, 0}, {3, 10_000}, {100_000, 2}};
        for (long[] c : cases) {
            try (OpFixture f = OpFixture.unlimited(spillDir)) {
                check(f, rows, c[0], c[1], shape.batchSize);
            }
        }
    }

    @Test
    void inputLargerThanTheLimitKeepsOnlyCandidates() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.05, 52);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            check(f, rows, 100, 50, 1024);
            // Memory is O(limit): far below what the input takes, and nothing spilled.
            assertThat(f.metrics.peakMemory()).isLessThan(OpFixture.SMALL_LIMIT / 4);
            assertThat(f.metrics.bytesSpilled.sum()).isZero();
        }
    }
}
