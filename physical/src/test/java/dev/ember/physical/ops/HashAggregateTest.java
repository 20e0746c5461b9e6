package dev.ember.physical.ops;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.plan.AggFunction;
import dev.ember.physical.plan.AggMode;
import dev.ember.physical.plan.AggregateCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hash aggregation (through {@link SpillingHashAggregate}, as the engine runs it) in COMPLETE mode
 * and as PARTIAL then FINAL, against sums computed in plain Java over the same rows.
 */
class HashAggregateTest {
    @TempDir
    Path spillDir;

    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall(AggFunction.COUNT_STAR, new int[0], -1, DataType.BIGINT, DataType.BIGINT, "n"),
            new AggregateCall(AggFunction.COUNT, new int[] {1}, -1, DataType.BIGINT, DataType.BIGINT, "nv"),
            new AggregateCall(AggFunction.SUM, new int[] {1}, -1, DataType.BIGINT, DataType.BIGINT, "sv"),
            new AggregateCall(AggFunction.MIN, new int[] {1}, -1, DataType.BIGINT, DataType.BIGINT, "lo"),
            new AggregateCall(AggFunction.MAX, new int[] {2}, -1, DataType.STRING, DataType.STRING, "hi"),
            new AggregateCall(AggFunction.AVG, new int[] {1}, -1, DataType.BIGINT, DataType.DOUBLE, "av"));

    private static Schema outSchema(boolean keyed) {
        List<Field> fields = new ArrayList<>();
        if (keyed) {
            fields.add(Field.of("k", DataType.BIGINT));
        }
        for (AggregateCall c : CALLS) {
            fields.add(Field.of(c.name(), c.resultType()));
        }
        return new Schema(fields);
    }

    /** GROUP BY k (or no key: one group, even for no rows) computed over Java lists. */
    static List<List<Object>> reference(List<List<Object>> rows, boolean keyed) {
        Map<Object, List<List<Object>>> groups = new HashMap<>();
        for (List<Object> r : rows) {
            groups.computeIfAbsent(keyed ? Arrays.asList(r.get(0)) : List.of(), g -> new ArrayList<>()).add(r);
        }
        if (!keyed && groups.isEmpty()) {
            groups.put(List.of(), List.of());
        }
        List<List<Object>> out = new ArrayList<>();
        groups.forEach((key, g) -> {
            List<Object> row = new ArrayList<>((List<?>) key);
            long count = 0;
            long sum = 0;
            Long min = null;
            String max = null;
            for (List<Object> r : g) {
                if (r.get(1) instanceof Long v) {
                    count++;
                    sum += v;
                    min = min == null ? v : Math.min(min, v);
                }
                if (r.get(2) instanceof String s && (max == null || s.compareTo(max) > 0)) {
                    max = s;
                }
            }
            row.addAll(Arrays.asList((long) g.size(), count, count == 0 ? null : sum, min, max,
                    count == 0 ? null : (double) sum / count));
            out.add(row);
        });
        return out;
    }

    private static int[] keys(boolean keyed) {
        return keyed ? new int[] {0} : new int[0];
    }

    private List<List<Object>> complete(OpFixture f, List<List<Object>> rows, boolean keyed, int batchSize) {
        return OpFixture.drain(new SpillingHashAggregate(f.source(OpFixture.KVS, rows, batchSize), AggMode.COMPLETE,
                keys(keyed), CALLS, OpFixture.KVS, outSchema(keyed), f.ctx, f.metrics, batchSize));
    }

    private static Schema partialSchema(boolean keyed) {
        return HashAggregateOp.partialSchema(OpFixture.KVS, keys(keyed), CALLS, keyed ? List.of("k") : List.of());
    }

    /** The PARTIAL output rows (what a shuffle would carry to the FINAL side). */
    private List<List<Object>> partial(OpFixture f, List<List<Object>> rows, boolean keyed, int batchSize) {
        return OpFixture.drain(new SpillingHashAggregate(f.source(OpFixture.KVS, rows, batchSize), AggMode.PARTIAL,
                keys(keyed), CALLS, OpFixture.KVS, partialSchema(keyed), f.ctx, f.metrics, batchSize));
    }

    private List<List<Object>> fin(OpFixture f, List<List<Object>> states, boolean keyed, int batchSize) {
        return OpFixture.drain(new SpillingHashAggregate(f.source(partialSchema(keyed), states, batchSize),
                AggMode.FINAL, keys(keyed), CALLS, partialSchema(keyed), outSchema(keyed), f.ctx, f.metrics, batchSize));
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void completeWithAndWithoutKeys(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(21);
        for (boolean keyed : new boolean[] {true, false}) {
            try (OpFixture f = OpFixture.unlimited(spillDir)) {
                OpFixture.assertSameRows(complete(f, rows, keyed, shape.batchSize), reference(rows, keyed));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void partialThenFinal(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(22);
        for (boolean keyed : new boolean[] {true, false}) {
            try (OpFixture f = OpFixture.unlimited(spillDir)) {
                // Two map tasks' partial outputs, merged by one final aggregation.
                int half = rows.size() / 2;
                List<List<Object>> states = new ArrayList<>(partial(f, rows.subList(0, half), keyed, shape.batchSize));
                states.addAll(partial(f, rows.subList(half, rows.size()), keyed, shape.batchSize));
                OpFixture.assertSameRows(fin(f, states, keyed, shape.batchSize), reference(rows, keyed));
            }
        }
    }

    @Test
    void completeLargerThanTheLimitSpillsAndAggregatesEachPartition() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.05, 23);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            OpFixture.assertSameRows(complete(f, rows, true, 1024), reference(rows, true));
            assertThat(f.metrics.bytesSpilled.sum()).isPositive();
            assertThat(f.ctx.metrics().bytesSpilled).isPositive();
        }
    }

    @Test
    void partialLargerThanTheLimitFlushesEarlyAndFinalSpills() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.05, 24);
        List<List<Object>> expected = reference(rows, true);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            List<List<Object>> states = partial(f, rows, true, 1024);
            // A partial aggregation short of memory emits what it holds and starts again, so a
            // key may come out more than once; it never spills.
            assertThat(f.metrics.spills.sum()).isPositive();
            assertThat(states.size()).isGreaterThan(expected.size());
            assertThat(f.metrics.bytesSpilled.sum()).isZero();
            OpFixture.assertSameRows(fin(f, states, true, 1024), expected);
            assertThat(f.metrics.bytesSpilled.sum()).as("the final aggregation spilled").isPositive();
        }
    }

    @Test
    void oneHotKeyLargerThanTheLimitStaysOneGroup() {
        // Every row has the same key: however large the input, the table holds one group.
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.0, 25);
        rows.replaceAll(r -> Arrays.asList(42L, r.get(1), r.get(2)));
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            OpFixture.assertSameRows(complete(f, rows, true, 1024), reference(rows, true));
        }
    }
}
