package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.physical.ops.join.GraceHashJoin;
import dev.ember.physical.plan.BuildSide;
import dev.ember.physical.plan.JoinType;
import dev.ember.physical.rdd.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hash joins as the engine runs a shuffled join ({@link GraceHashJoin}: in memory, or both sides
 * spilled by hash when the build side outgrows the task's share), for every join type, both
 * build sides, with and without a residual, against {@link JoinReference}.
 */
class HashJoinTest {
    @TempDir
    Path spillDir;

    private static final JoinType[] PAIRED = {JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL,
            JoinType.SEMI, JoinType.ANTI};

    static Stream<Arguments> joins() {
        List<Arguments> out = new ArrayList<>();
        for (JoinType t : PAIRED) {
            for (BuildSide b : BuildSide.values()) {
                out.add(Arguments.of(t, b, true));
                out.add(Arguments.of(t, b, false));
            }
        }
        out.add(Arguments.of(JoinType.NULL_AWARE_ANTI, BuildSide.RIGHT, false));
        return out.stream();
    }

    private static List<List<Object>> run(OpFixture f, List<List<Object>> left, List<List<Object>> right,
                                          JoinType type, BuildSide build, boolean residual, int batchSize) {
        CloseableIterator<ColumnBatch> l = f.source(JoinReference.LEFT, left, batchSize);
        CloseableIterator<ColumnBatch> r = f.source(JoinReference.RIGHT, right, batchSize);
        boolean buildRight = build == BuildSide.RIGHT;
        GraceHashJoin.Spec spec = new GraceHashJoin.Spec(type, build, new int[] {0}, new int[] {0},
                buildRight ? JoinReference.RIGHT : JoinReference.LEFT, buildRight ? JoinReference.LEFT : JoinReference.RIGHT,
                () -> residual ? JoinReference.residual() : null, JoinReference.outSchema(type), JoinReference.LEFT,
                JoinReference.RIGHT, f.metrics, batchSize);
        return OpFixture.drain(GraceHashJoin.join(buildRight ? l : r, buildRight ? r : l, spec, f.ctx));
    }

    private void check(List<List<Object>> left, List<List<Object>> right, JoinType type, BuildSide build,
                       boolean residual, int batchSize) {
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            OpFixture.assertSameRows(run(f, left, right, type, build, residual, batchSize),
                    JoinReference.join(left, right, type, residual));
            assertThat(f.metrics.bytesSpilled.sum()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} build {1} residual {2}")
    @MethodSource("joins")
    void everyShape(JoinType type, BuildSide build, boolean residual) {
        for (OpFixture.Shape shape : OpFixture.Shape.values()) {
            List<List<Object>> left = shape.generate(31);
            // Large shapes meet a small right side (as a fact table meets a dimension): the skewed
            // shape on both sides would be a 18000 x 18000 product on the hot key.
            List<List<Object>> right = shape.rows > 500 ? OpFixture.kvs(300, shape.skewed ? 1000 : 50, 0.05, 32)
                    : shape.generate(32);
            check(left, right, type, build, residual, shape.batchSize);
        }
    }

    @ParameterizedTest(name = "{0} build {1} residual {2}")
    @MethodSource("joins")
    void oneSideEmpty(JoinType type, BuildSide build, boolean residual) {
        List<List<Object>> rows = OpFixture.Shape.NULLS.generate(33);
        check(rows, List.of(), type, build, residual, 64);
        check(List.of(), rows, type, build, residual, 64);
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = "NULL_AWARE_ANTI", mode = EnumSource.Mode.EXCLUDE)
    void buildSideLargerThanTheLimitSpillsBothSides(JoinType type) {
        List<List<Object>> left = OpFixture.large(OpFixture.SMALL_LIMIT, 0.05, 34);
        List<List<Object>> right = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.05, 35);
        for (BuildSide build : BuildSide.values()) {
            try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
                OpFixture.assertSameRows(run(f, left, right, type, build, true, 1024),
                        JoinReference.join(left, right, type, true));
                assertThat(f.metrics.bytesSpilled.sum()).as(type + " build " + build).isPositive();
                assertThat(f.ctx.metrics().bytesSpilled).isPositive();
            }
        }
    }

    @Test
    void skewedBuildSideLargerThanTheLimitStillJoins() {
        // One build row in 24 has the same key: re-partitioning cannot split that key, so past
        // the last level its partition is joined in memory regardless (it still fits the limit).
        List<List<Object>> right = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.0, 36);
        for (int i = 0; i < right.size(); i += 24) {
            right.set(i, Arrays.asList(7L, right.get(i).get(1), right.get(i).get(2)));
        }
        List<List<Object>> left = OpFixture.kvs(3000, 100_000, 0.05, 37);
        left.add(Arrays.asList(7L, 500_000L, "hot"));
        for (JoinType type : new JoinType[] {JoinType.INNER, JoinType.FULL, JoinType.ANTI}) {
            try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
                OpFixture.assertSameRows(run(f, left, right, type, BuildSide.RIGHT, true, 1024),
                        JoinReference.join(left, right, type, true));
                assertThat(f.metrics.bytesSpilled.sum()).isPositive();
            }
        }
    }

    @Test
    void notInPastTheSpillThresholdDoesNotSplit() {
        // NOT IN depends on the whole build side (a NULL anywhere), so it is joined in memory even
        // when another join would spill; its probe side streams whatever its size.
        List<List<Object>> left = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.0, 38);
        List<List<Object>> right = OpFixture.large(OpFixture.SMALL_LIMIT / 3, 0.0, 39);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            OpFixture.assertSameRows(run(f, left, right, JoinType.NULL_AWARE_ANTI, BuildSide.RIGHT, false, 1024),
                    JoinReference.join(left, right, JoinType.NULL_AWARE_ANTI, false));
            assertThat(f.metrics.bytesSpilled.sum()).isZero();
        }
    }

    /**
     * The build side's long keys pick the index: a dense range is an array by {@code key - min},
     * a sparse one (or one spanning the whole long domain, where {@code max - min} overflows) a
     * hash table; unique keys skip the row chains. Every combination joins like the reference.
     */
    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "FULL", "SEMI", "ANTI"})
    void denseSparseExtremeAndUniqueKeysJoinAlike(JoinType type) {
        List<List<Object>> dense = OpFixture.kvs(2000, 500, 0.05, 40);
        List<List<Object>> sparse = rekey(dense, k -> k * 1_000_003L - 300_000_000L);
        List<List<Object>> extreme = rekey(dense, k -> k % 3 == 0 ? Long.MIN_VALUE + k : k % 3 == 1 ? Long.MAX_VALUE - k : k);
        List<List<Object>> unique = new ArrayList<>();
        for (long k = 0; k < 700; k += 2) {
            unique.add(Arrays.asList(k, k * 10, "u" + k));
        }
        for (List<List<Object>> right : List.of(dense, sparse, extreme, unique, rekey(unique, k -> k * 977L))) {
            for (List<List<Object>> left : List.of(dense, sparse, extreme)) {
                check(left, right, type, BuildSide.RIGHT, false, 64);
                check(left, right, type, BuildSide.RIGHT, true, 128);
            }
        }
    }

    /**
     * A selective join (one probe row in ten matches) fills its output batches across probe
     * batches instead of emitting one small batch per probe batch; the rows are still the
     * reference's, strings included.
     */
    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "SEMI", "ANTI"})
    void selectiveJoinsEmitFullBatches(JoinType type) {
        List<List<Object>> left = OpFixture.kvs(3000, 1000, 0.0, 43);
        List<List<Object>> right = new ArrayList<>();
        for (long k = 0; k < 1000; k += 10) {
            right.add(Arrays.asList(k, k, "r" + k));
        }
        check(left, right, type, BuildSide.RIGHT, false, 64);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            CloseableIterator<ColumnBatch> l = f.source(JoinReference.LEFT, left, 64);
            CloseableIterator<ColumnBatch> r = f.source(JoinReference.RIGHT, right, 64);
            GraceHashJoin.Spec spec = new GraceHashJoin.Spec(type, BuildSide.RIGHT, new int[] {0}, new int[] {0},
                    JoinReference.RIGHT, JoinReference.LEFT, () -> null, JoinReference.outSchema(type), JoinReference.LEFT,
                    JoinReference.RIGHT, f.metrics, 64);
            List<Integer> sizes = new ArrayList<>();
            try (CloseableIterator<ColumnBatch> out = GraceHashJoin.join(l, r, spec, f.ctx)) {
                while (out.hasNext()) {
                    sizes.add(out.next().rowCount());
                }
            }
            assertThat(sizes).hasSizeGreaterThan(1);
            assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(n -> n == 64);
        }
    }

    /**
     * Build keys too spread for an array but close enough for a presence bitmap in front of the
     * hash table (every 40th value over 120K, 6,000 rows with repeats): probe keys below, inside
     * (hits and gaps) and above the range join as the reference says.
     */
    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "SEMI", "ANTI"})
    void keysBehindAPresenceBitmapJoinAlike(JoinType type) {
        List<List<Object>> right = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(44);
        for (int i = 0; i < 6000; i++) {
            right.add(Arrays.asList(rnd.nextInt(20) == 0 ? null : 40L * rnd.nextInt(3000), (long) i, "b" + i));
        }
        List<List<Object>> left = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long k = switch (i % 4) {
                case 0 -> 40L * rnd.nextInt(3000);
                case 1 -> 40L * rnd.nextInt(3000) + 1 + rnd.nextInt(39);
                case 2 -> -1 - rnd.nextInt(1000);
                default -> 120_000L + rnd.nextInt(1_000_000);
            };
            left.add(Arrays.asList(rnd.nextInt(20) == 0 ? null : k, (long) i, "p" + i));
        }
        check(left, right, type, BuildSide.RIGHT, false, 256);
        check(left, right, type, BuildSide.RIGHT, true, 256);
    }

    private static List<List<Object>> rekey(List<List<Object>> rows, java.util.function.LongUnaryOperator f) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            out.add(Arrays.asList(r.get(0) == null ? null : f.applyAsLong((Long) r.get(0)), r.get(1), r.get(2)));
        }
        return out;
    }

    /**
     * Two integer-like key columns take the pair table (no key encoding): joined on (k, v) against
     * a nested-loop reference, with NULLs in either key column matching nothing, unique and
     * repeated pairs, several batches.
     */
    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "SEMI", "ANTI"})
    void twoIntegerKeysJoinLikeTheReference(JoinType type) {
        List<List<Object>> left = rekeyV(OpFixture.kvs(1500, 40, 0.05, 41));
        List<List<Object>> right = rekeyV(OpFixture.kvs(400, 40, 0.05, 42));
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            CloseableIterator<ColumnBatch> l = f.source(JoinReference.LEFT, left, 64);
            CloseableIterator<ColumnBatch> r = f.source(JoinReference.RIGHT, right, 64);
            GraceHashJoin.Spec spec = new GraceHashJoin.Spec(type, BuildSide.RIGHT, new int[] {0, 1}, new int[] {0, 1},
                    JoinReference.RIGHT, JoinReference.LEFT, () -> null, JoinReference.outSchema(type), JoinReference.LEFT,
                    JoinReference.RIGHT, f.metrics, 64);
            OpFixture.assertSameRows(OpFixture.drain(GraceHashJoin.join(l, r, spec, f.ctx)), pairJoin(left, right, type));
        }
    }

    /** v reduced to a few values, so that (k, v) pairs repeat and match. */
    private static List<List<Object>> rekeyV(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            out.add(Arrays.asList(r.get(0), r.get(1) == null ? null : Math.floorMod((Long) r.get(1), 3), r.get(2)));
        }
        return out;
    }

    private static List<List<Object>> pairJoin(List<List<Object>> left, List<List<Object>> right, JoinType type) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> l : left) {
            boolean any = false;
            for (List<Object> r : right) {
                boolean match = l.get(0) != null && l.get(1) != null && l.get(0).equals(r.get(0)) && l.get(1).equals(r.get(1));
                if (match) {
                    any = true;
                    if (type == JoinType.INNER || type == JoinType.LEFT) {
                        List<Object> row = new ArrayList<>(l);
                        row.addAll(r);
                        out.add(row);
                    }
                }
            }
            if (type == JoinType.SEMI && any || type == JoinType.ANTI && !any) {
                out.add(l);
            }
            if (type == JoinType.LEFT && !any) {
                List<Object> row = new ArrayList<>(l);
                row.addAll(Arrays.asList(null, null, null));
                out.add(row);
            }
        }
        return out;
    }
}
