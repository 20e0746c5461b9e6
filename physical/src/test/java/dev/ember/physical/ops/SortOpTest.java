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

/** SortOp against {@code List.sort} on the same rows, in memory and as an external sort. */
class SortOpTest {
    @TempDir
    Path spillDir;

    /** k ASC NULLS FIRST, v DESC NULLS LAST, s ASC NULLS LAST. */
    private static final List<SortKey> KEYS = List.of(new SortKey(0, true, true), new SortKey(1, false, false),
            new SortKey(2, true, false));

    private static Comparator<List<Object>> reference(List<SortKey> keys) {
        Comparator<List<Object>> c = (a, b) -> 0;
        for (SortKey k : keys) {
            Comparator<Object> values = OpFixture.values(k.ascending(), k.nullsFirst());
            c = c.thenComparing(r -> r.get(k.column()), values);
        }
        return c;
    }

    /** Equal in order on the key columns (ties may come in any order) and equal as multisets. */
    private static void assertSorted(List<List<Object>> actual, List<List<Object>> input, List<SortKey> keys) {
        List<List<Object>> expected = new ArrayList<>(input);
        expected.sort(reference(keys));
        assertThat(keyColumns(actual, keys)).isEqualTo(keyColumns(expected, keys));
        OpFixture.assertSameRows(actual, input);
    }

    private static List<List<Object>> keyColumns(List<List<Object>> rows, List<SortKey> keys) {
        return rows.stream().map(r -> keys.stream().map(k -> r.get(k.column())).toList()).toList();
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void sortsEveryShape(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(11);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            SortOp op = new SortOp(f.source(OpFixture.KVS, rows, shape.batchSize), OpFixture.KVS, KEYS, f.ctx,
                    f.metrics, shape.batchSize);
            assertSorted(OpFixture.drain(op), rows, KEYS);
            assertThat(f.metrics.bytesSpilled.sum()).isZero();
        }
    }

    @Test
    void inputLargerThanTheLimitIsSortedFromSpilledRuns() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.1, 12);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            SortOp op = new SortOp(f.source(OpFixture.KVS, rows, 1024), OpFixture.KVS, KEYS, f.ctx, f.metrics, 1024);
            assertSorted(OpFixture.drain(op), rows, KEYS);
            assertThat(f.metrics.bytesSpilled.sum()).isPositive();
            assertThat(f.metrics.spills.sum()).isGreaterThan(1);
            assertThat(f.ctx.metrics().bytesSpilled).isPositive();
        }
    }

    @Test
    void closingBeforeTheEndFreesSpilledRunsAndBuffers() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.0, 13);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            SortOp op = new SortOp(f.source(OpFixture.KVS, rows, 1024), OpFixture.KVS, KEYS, f.ctx, f.metrics, 1024);
            assertThat(op.hasNext()).isTrue();
            op.next();
            op.close();
            assertThat(f.metrics.bytesSpilled.sum()).isPositive();
        }
    }
}
