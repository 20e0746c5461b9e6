package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.plan.SortKey;
import dev.ember.physical.plan.WindowCall;
import dev.ember.physical.plan.WindowCall.WindowFunction;
import dev.ember.common.ErrorClass;
import dev.ember.common.ResourceException;
import dev.ember.physical.rdd.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.ember.physical.plan.WindowCall.UNBOUNDED_FOLLOWING;
import static dev.ember.physical.plan.WindowCall.UNBOUNDED_PRECEDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Window functions over PARTITION BY k ORDER BY v ASC NULLS FIRST, against the same functions
 * computed in Java per partition. Rows tied on (k, v) may come in any order, so rows are compared
 * as (k, v, results...), whose multiset does not depend on it.
 */
class WindowOpTest {
    @TempDir
    Path spillDir;

    private static final List<WindowCall> CALLS = List.of(
            call(WindowFunction.ROW_NUMBER, new int[0], true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "rn"),
            call(WindowFunction.RANK, new int[0], true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "rk"),
            call(WindowFunction.DENSE_RANK, new int[0], true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "drk"),
            // RANGE UNBOUNDED PRECEDING .. CURRENT ROW: the running sum up to the last peer.
            call(WindowFunction.SUM, new int[] {1}, false, UNBOUNDED_PRECEDING, 0, "running"),
            call(WindowFunction.COUNT_STAR, new int[0], false, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "size"),
            // ROWS 1 PRECEDING .. 1 FOLLOWING.
            call(WindowFunction.SUM, new int[] {1}, true, -1, 1, "moving"));

    /**
     * Calls a window partition larger than memory can still evaluate, streamed back from its spill
     * file: the ranks, and aggregates over running frames (ROWS and RANGE) and the whole partition.
     */
    private static final List<WindowCall> SPILLABLE = List.of(
            call(WindowFunction.ROW_NUMBER, new int[0], true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "rn"),
            call(WindowFunction.RANK, new int[0], true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "rk"),
            call(WindowFunction.DENSE_RANK, new int[0], true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "drk"),
            call(WindowFunction.SUM, new int[] {1}, false, UNBOUNDED_PRECEDING, 0, "running"),
            call(WindowFunction.COUNT_STAR, new int[0], false, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "size"),
            // ROWS UNBOUNDED PRECEDING .. CURRENT ROW: tied rows differ, but the multiset of
            // (k, v, value) does not depend on their order, since tied rows have the same v.
            call(WindowFunction.SUM, new int[] {1}, true, UNBOUNDED_PRECEDING, 0, "rowsRunning"),
            call(WindowFunction.COUNT, new int[] {1}, true, UNBOUNDED_PRECEDING, 0, "rowsCount"),
            call(WindowFunction.SUM, new int[] {1}, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "total"),
            new WindowCall(WindowFunction.AVG, new int[] {1}, 0, false, UNBOUNDED_PRECEDING, 0, DataType.DOUBLE,
                    "runningAvg"),
            // LAG(v, 1) and LEAD(v, 2, v): tied rows have the same v, so these too are order-free.
            new WindowCall(WindowFunction.LAG, new int[] {1}, 1, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING,
                    DataType.BIGINT, "lag1"),
            new WindowCall(WindowFunction.LEAD, new int[] {1, 1}, 2, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING,
                    DataType.BIGINT, "lead2"),
            // NTILE(4), like ROW_NUMBER, is a function of the row's position: tied rows swap whole tuples.
            new WindowCall(WindowFunction.NTILE, new int[0], 4, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING,
                    DataType.BIGINT, "quartile"),
            new WindowCall(WindowFunction.PERCENT_RANK, new int[0], 0, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING,
                    DataType.DOUBLE, "pr"),
            new WindowCall(WindowFunction.CUME_DIST, new int[0], 0, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING,
                    DataType.DOUBLE, "cd"),
            // Values held across batches: running and whole-partition MIN/MAX (of text too), FIRST/LAST_VALUE.
            call(WindowFunction.MIN, new int[] {1}, false, UNBOUNDED_PRECEDING, 0, "runMin"),
            call(WindowFunction.MIN, new int[] {1}, true, UNBOUNDED_PRECEDING, 0, "rowsMin"),
            call(WindowFunction.MAX, new int[] {1}, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "maxV"),
            new WindowCall(WindowFunction.MAX, new int[] {2}, 0, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING,
                    DataType.STRING, "maxS"),
            call(WindowFunction.FIRST_VALUE, new int[] {1}, false, UNBOUNDED_PRECEDING, 0, "firstV"),
            call(WindowFunction.LAST_VALUE, new int[] {1}, false, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING, "lastV"),
            new WindowCall(WindowFunction.NTH_VALUE, new int[] {1}, 3, false, UNBOUNDED_PRECEDING, 0, DataType.BIGINT,
                    "third"));

    private static WindowCall call(WindowFunction fn, int[] args, boolean rows, long start, long end, String name) {
        return new WindowCall(fn, args, 0, rows, start, end, DataType.BIGINT, name);
    }

    private static Schema outSchema() {
        return outSchema(CALLS);
    }

    private static Schema outSchema(List<WindowCall> calls) {
        List<Field> fields = new ArrayList<>(OpFixture.KVS.fields());
        for (WindowCall c : calls) {
            fields.add(Field.of(c.name(), c.resultType()));
        }
        return new Schema(fields);
    }

    private static Long sum(List<Long> vs, int from, int to) {
        Long s = null;
        for (int i = Math.max(0, from); i < Math.min(vs.size(), to); i++) {
            if (vs.get(i) != null) {
                s = (s == null ? 0 : s) + vs.get(i);
            }
        }
        return s;
    }

    static List<List<Object>> reference(List<List<Object>> rows) {
        Map<List<Object>, List<Long>> parts = new HashMap<>();
        for (List<Object> r : rows) {
            parts.computeIfAbsent(Arrays.asList(r.get(0)), k -> new ArrayList<>()).add((Long) r.get(1));
        }
        List<List<Object>> out = new ArrayList<>();
        parts.forEach((key, vs) -> {
            vs.sort(OpFixture.values(true, true)::compare);
            int n = vs.size();
            int peerStart = 0;
            int dense = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || !java.util.Objects.equals(vs.get(i), vs.get(i - 1))) {
                    peerStart = i;
                    dense++;
                }
                int peerEnd = i;
                while (peerEnd < n && java.util.Objects.equals(vs.get(peerEnd), vs.get(i))) {
                    peerEnd++;
                }
                out.add(Arrays.asList(key.get(0), vs.get(i), (long) i + 1, (long) peerStart + 1, (long) dense,
                        sum(vs, 0, peerEnd), (long) n, sum(vs, i - 1, i + 2)));
            }
        });
        return out;
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void everyShape(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(61);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            List<List<Object>> actual = OpFixture.drain(new WindowOp(f.source(OpFixture.KVS, rows, shape.batchSize),
                    OpFixture.KVS, new int[] {0}, List.of(new SortKey(1, true, true)), CALLS, outSchema(), f.ctx,
                    f.metrics, shape.batchSize));
            List<List<Object>> comparable = actual.stream().map(r -> {
                List<Object> c = new ArrayList<>(r);
                c.remove(2);
                return c;
            }).toList();
            OpFixture.assertSameRows(comparable, reference(rows));
        }
    }

    /**
     * {@link #SPILLABLE} computed in Java: per partition (by k, or all rows as one when
     * {@code partitioned} is false) sorted by v ASC NULLS FIRST, as (k, v, values...).
     */
    static List<List<Object>> spillableReference(List<List<Object>> rows, boolean partitioned) {
        Map<List<Object>, List<Long>> parts = new HashMap<>();
        Map<List<Object>, String> maxS = new HashMap<>();
        for (List<Object> r : rows) {
            List<Object> key = Arrays.asList(partitioned ? r.get(0) : null);
            parts.computeIfAbsent(key, k -> new ArrayList<>()).add((Long) r.get(1));
            if (r.get(2) != null) {
                maxS.merge(key, (String) r.get(2), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        List<List<Object>> out = new ArrayList<>();
        parts.forEach((key, vs) -> {
            vs.sort(OpFixture.values(true, true)::compare);
            int n = vs.size();
            // Prefix sums and counts of non-null values: the partitions here are large.
            Long[] prefix = new Long[n + 1];
            long[] nonNull = new long[n + 1];
            for (int i = 0; i < n; i++) {
                Long v = vs.get(i);
                prefix[i + 1] = v == null ? prefix[i] : (Long) ((prefix[i] == null ? 0 : prefix[i]) + v);
                nonNull[i + 1] = nonNull[i] + (v == null ? 0 : 1);
            }
            int peerStart = 0;
            int peerEnd = 0;
            int dense = 0;
            // NULLs sort first: the first non-NULL value is the least.
            int firstNonNull = 0;
            while (firstNonNull < n && vs.get(firstNonNull) == null) {
                firstNonNull++;
            }
            for (int i = 0; i < n; i++) {
                if (i == 0 || !java.util.Objects.equals(vs.get(i), vs.get(i - 1))) {
                    peerStart = i;
                    dense++;
                    peerEnd = i;
                    while (peerEnd < n && java.util.Objects.equals(vs.get(peerEnd), vs.get(i))) {
                        peerEnd++;
                    }
                }
                Long running = prefix[peerEnd];
                Double avg = running == null ? null : (double) running / nonNull[peerEnd];
                out.add(Arrays.asList(key.get(0), vs.get(i), (long) i + 1, (long) peerStart + 1, (long) dense,
                        running, (long) n, prefix[i + 1], nonNull[i + 1], prefix[n], avg,
                        i >= 1 ? vs.get(i - 1) : null, i + 2 < n ? vs.get(i + 2) : vs.get(i),
                        WindowEvaluator.ntile(i, n, 4), n <= 1 ? 0.0 : (double) peerStart / (n - 1),
                        (double) peerEnd / n,
                        firstNonNull < peerEnd ? vs.get(firstNonNull) : null,
                        firstNonNull <= i ? vs.get(firstNonNull) : null,
                        vs.get(n - 1), maxS.get(key), vs.get(0), vs.get(n - 1), peerEnd >= 3 ? vs.get(2) : null));
            }
        });
        return out;
    }

    /** The rows without their s column, which differs between rows tied on (k, v). */
    private static List<List<Object>> withoutS(List<List<Object>> rows) {
        return rows.stream().map(r -> {
            List<Object> c = new ArrayList<>(r);
            c.remove(2);
            return c;
        }).toList();
    }

    /** As withoutS, and k replaced by NULL: for a window without PARTITION BY (one partition). */
    private static List<List<Object>> onePartition(List<List<Object>> rows) {
        return withoutS(rows).stream().map(r -> {
            List<Object> c = new ArrayList<>(r);
            c.set(0, null);
            return c;
        }).toList();
    }

    private WindowOp window(OpFixture f, List<List<Object>> rows, int[] partitionKeys, List<WindowCall> calls, int batchSize) {
        return new WindowOp(f.source(OpFixture.KVS, rows, batchSize), OpFixture.KVS, partitionKeys,
                List.of(new SortKey(1, true, true)), calls, outSchema(calls), f.ctx, f.metrics, batchSize);
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void spillableCallsInMemoryEveryShape(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(62);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            OpFixture.assertSameRows(withoutS(OpFixture.drain(window(f, rows, new int[] {0}, SPILLABLE, shape.batchSize))),
                    spillableReference(rows, true));
            assertThat(f.metrics.bytesSpilled.sum()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void withoutPartitionByEveryShape(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(63);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            OpFixture.assertSameRows(onePartition(OpFixture.drain(window(f, rows, new int[0], SPILLABLE, shape.batchSize))),
                    spillableReference(rows, false));
        }
    }

    @Test
    void manyPartitionsLargerThanTheLimitAreSortedExternally() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.1, 64);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            // Every call, the moving frame too: no window partition is large, only the task partition.
            List<List<Object>> actual = OpFixture.drain(window(f, rows, new int[] {0}, CALLS, 1024));
            OpFixture.assertSameRows(withoutS(actual), reference(rows));
            assertThat(f.metrics.bytesSpilled.sum()).isPositive();
            assertThat(f.ctx.metrics().bytesSpilled).isPositive();
            assertThat(f.metrics.peakMemory()).isPositive();
        }
    }

    @Test
    void oneWindowPartitionLargerThanTheLimitIsSpilledAndStreamed() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.1, 65);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            List<List<Object>> actual = OpFixture.drain(window(f, rows, new int[0], SPILLABLE, 1024));
            OpFixture.assertSameRows(onePartition(actual), spillableReference(rows, false));
            // More than the input: the sort's runs, then the window partition itself.
            assertThat(f.metrics.bytesSpilled.sum()).isGreaterThan(2 * OpFixture.SMALL_LIMIT);
            assertThat(f.metrics.peakMemory()).isPositive().isLessThan(OpFixture.SMALL_LIMIT);
        }
    }

    @Test
    void skewedKeysOneHugePartitionAmongSmallOnes() {
        // Nine rows in ten have k = 7: that partition is larger than the limit, the others are small.
        List<List<Object>> rows = OpFixture.kvs(400_000, 0, 0.05, 66);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            List<List<Object>> actual = OpFixture.drain(window(f, rows, new int[] {0}, SPILLABLE, 1024));
            OpFixture.assertSameRows(withoutS(actual), spillableReference(rows, true));
            assertThat(f.metrics.bytesSpilled.sum()).isPositive();
            assertThat(f.metrics.spills.sum()).isGreaterThan(1);
        }
    }

    @Test
    void aFunctionThatCannotStreamFailsClearlyWhenItsPartitionDoesNotFit() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.1, 67);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            // The moving frame (ROWS 1 PRECEDING .. 1 FOLLOWING) needs the partition in memory.
            assertThatThrownBy(() -> OpFixture.drain(window(f, rows, new int[0], CALLS, 1024)))
                    .isInstanceOf(ResourceException.class)
                    .satisfies(e -> assertThat(((ResourceException) e).errorClass()).isEqualTo(ErrorClass.MEMORY_LIMIT_EXCEEDED))
                    .hasMessageContaining("AS moving")
                    .hasMessageContaining("ember.memory.limit (" + OpFixture.SMALL_LIMIT + " bytes)");
        }
        assertThat(spillFiles()).isEmpty();
    }

    @Test
    void closingBeforeTheEndFreesSpillFilesAndBuffers() throws IOException {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.0, 68);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            CloseableIterator<ColumnBatch> op = window(f, rows, new int[0], SPILLABLE, 1024);
            assertThat(op.hasNext()).isTrue();
            op.next();
            // The sort's runs and the window partition's file are on disk while it streams.
            assertThat(spillFiles()).isNotEmpty();
            op.close();
            assertThat(f.metrics.bytesSpilled.sum()).isPositive();
        }
        assertThat(spillFiles()).isEmpty();
    }

    private List<Path> spillFiles() {
        try (var files = Files.walk(spillDir)) {
            return files.filter(p -> p.toString().endsWith(".arrows")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** LAG(s, 1) and LEAD(s, 3, s) over ORDER BY s (unique here) without PARTITION BY, as (s, lag, lead). */
    private static final List<WindowCall> TEXT_OFFSETS = List.of(
            new WindowCall(WindowFunction.LAG, new int[] {2}, 1, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING,
                    DataType.STRING, "lag_s"),
            new WindowCall(WindowFunction.LEAD, new int[] {2, 2}, 3, true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING,
                    DataType.STRING, "lead_s"));

    private static List<List<Object>> textOffsets(List<List<Object>> rows) {
        List<String> ss = new ArrayList<>(rows.stream().map(r -> (String) r.get(2)).toList());
        ss.sort(java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()));
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < ss.size(); i++) {
            out.add(Arrays.asList(ss.get(i), i >= 1 ? ss.get(i - 1) : null, i + 3 < ss.size() ? ss.get(i + 3) : ss.get(i)));
        }
        return out;
    }

    private List<List<Object>> textOffsetsOf(OpFixture f, List<List<Object>> rows) {
        WindowOp op = new WindowOp(f.source(OpFixture.KVS, rows, 1024), OpFixture.KVS, new int[0],
                List.of(new SortKey(2, true, true)), TEXT_OFFSETS, outSchema(TEXT_OFFSETS), f.ctx, f.metrics, 1024);
        return OpFixture.drain(op).stream().map(r -> Arrays.asList(r.get(2), r.get(3), r.get(4))).toList();
    }

    @Test
    void lagAndLeadOfTextInMemoryAndFromASpilledPartition() {
        // Distinct strings (and no NULLs among them): ORDER BY s is a total order, so each row's
        // neighbours are known.
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.0, 69);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            OpFixture.assertSameRows(textOffsetsOf(f, rows), textOffsets(rows));
            assertThat(f.metrics.bytesSpilled.sum()).isZero();
        }
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            OpFixture.assertSameRows(textOffsetsOf(f, rows), textOffsets(rows));
            assertThat(f.metrics.bytesSpilled.sum()).isGreaterThan(2 * OpFixture.SMALL_LIMIT);
        }
    }
}
