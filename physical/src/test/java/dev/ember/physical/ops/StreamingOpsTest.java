package dev.ember.physical.ops;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.ExprCompiler;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.expr.ScalarFn;
import dev.ember.physical.expr.VectorExpr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators that hold one batch at a time (Filter, Project, Expand, Limit) on every input
 * shape, and on an input larger than the memory limit, which they must stream through.
 */
class StreamingOpsTest {
    @TempDir
    Path spillDir;

    private static final PhysicalExpr K = PhysicalExpr.col(0, DataType.BIGINT);
    private static final PhysicalExpr V = PhysicalExpr.col(1, DataType.BIGINT);
    private static final PhysicalExpr S = PhysicalExpr.col(2, DataType.STRING);

    private static VectorExpr compile(PhysicalExpr e) {
        return ExprCompiler.compile(e);
    }

    // ---- Filter: WHERE v > 0 AND s IS NOT NULL, emitting (s, k) ----

    private static List<List<Object>> filterReference(List<List<Object>> rows, boolean project) {
        return rows.stream().filter(r -> r.get(1) instanceof Long v && v > 0 && r.get(2) != null)
                .map(r -> project ? Arrays.asList(r.get(2), r.get(0)) : r).toList();
    }

    private List<List<Object>> filter(OpFixture f, List<List<Object>> rows, int batchSize, boolean project,
                                      boolean expensive) {
        VectorExpr[] conjuncts = {
            compile(PhysicalExpr.call(ScalarFn.GT, DataType.BOOLEAN, V, PhysicalExpr.lit(0L, DataType.BIGINT))),
            compile(PhysicalExpr.call(ScalarFn.IS_NOT_NULL, DataType.BOOLEAN, S))};
        return OpFixture.drain(new FilterOp(f.source(OpFixture.KVS, rows, batchSize), conjuncts,
                new boolean[] {false, expensive}, OpFixture.KVS, project ? new int[] {2, 0} : null, f.ctx, f.metrics));
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void filter(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(41);
        for (boolean project : new boolean[] {false, true}) {
            for (boolean expensive : new boolean[] {false, true}) {
                try (OpFixture f = OpFixture.unlimited(spillDir)) {
                    assertThat(filter(f, rows, shape.batchSize, project, expensive))
                            .isEqualTo(filterReference(rows, project));
                }
            }
        }
    }

    @Test
    void filterWherePassesWholeBatchesOrNone() {
        // All rows pass (the batch is handed on as it is) or none do (nothing is emitted).
        List<List<Object>> all = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            all.add(Arrays.asList(i, 1 + i, "x"));
        }
        List<List<Object>> none = all.stream().map(r -> Arrays.asList(r.get(0), (Object) null, r.get(2))).toList();
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            assertThat(filter(f, all, 64, false, false)).isEqualTo(all);
            assertThat(filter(f, all, 64, true, false)).isEqualTo(filterReference(all, true));
            assertThat(filter(f, none, 64, false, true)).isEmpty();
            assertThat(f.metrics.outputBatches.sum()).isEqualTo(10);
        }
    }

    // ---- Project: k + v, k IS NULL, s ----

    private static final Schema PROJECTED = Schema.of(Field.of("kv", DataType.BIGINT), Field.of("kn", DataType.BOOLEAN),
            Field.of("s", DataType.STRING));

    private static List<List<Object>> projectReference(List<List<Object>> rows) {
        return rows.stream().map(r -> Arrays.<Object>asList(
                r.get(0) instanceof Long k && r.get(1) instanceof Long v ? k + v : null, r.get(0) == null, r.get(2)))
                .toList();
    }

    private List<List<Object>> project(OpFixture f, List<List<Object>> rows, int batchSize) {
        VectorExpr[] exprs = {compile(PhysicalExpr.call(ScalarFn.PLUS, DataType.BIGINT, K, V)),
            compile(PhysicalExpr.call(ScalarFn.IS_NULL, DataType.BOOLEAN, K)), compile(S)};
        return OpFixture.drain(new ProjectOp(f.source(OpFixture.KVS, rows, batchSize), exprs, PROJECTED, f.ctx,
                f.metrics));
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void project(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(42);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            assertThat(project(f, rows, shape.batchSize)).isEqualTo(projectReference(rows));
        }
    }

    // ---- Expand: (k, v, 0) and (NULL, v, 1) per row, as for GROUPING SETS ((k), ()) ----

    private static final Schema EXPANDED = Schema.of(Field.of("k", DataType.BIGINT), Field.of("v", DataType.BIGINT),
            Field.of("g", DataType.INT));

    private List<List<Object>> expand(OpFixture f, List<List<Object>> rows, int batchSize) {
        List<VectorExpr[]> projections = List.of(
                new VectorExpr[] {compile(K), compile(V), compile(PhysicalExpr.lit(0, DataType.INT))},
                new VectorExpr[] {compile(PhysicalExpr.lit(null, DataType.BIGINT)), compile(V),
                    compile(PhysicalExpr.lit(1, DataType.INT))});
        return OpFixture.drain(new ExpandOp(f.source(OpFixture.KVS, rows, batchSize), projections, EXPANDED, f.ctx,
                f.metrics));
    }

    private static List<List<Object>> expandReference(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            out.add(Arrays.asList(r.get(0), r.get(1), 0));
            out.add(Arrays.asList(null, r.get(1), 1));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void expand(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(43);
        try (OpFixture f = OpFixture.unlimited(spillDir)) {
            OpFixture.assertSameRows(expand(f, rows, shape.batchSize), expandReference(rows));
        }
    }

    // ---- Limit / Offset ----

    private static List<List<Object>> limitReference(List<List<Object>> rows, long limit, long offset) {
        int from = (int) Math.min(offset, rows.size());
        int to = limit < 0 ? rows.size() : (int) Math.min(rows.size(), from + limit);
        return rows.subList(from, to);
    }

    @ParameterizedTest
    @EnumSource(OpFixture.Shape.class)
    void limitAndOffset(OpFixture.Shape shape) {
        List<List<Object>> rows = shape.generate(44);
        long[][] cases = {{0, 0}, {1, 0}, {10, 3}, {-1, 5}, {-1, 0}, {100_000, 0}, {7, 4_999}, {3, 100_000}};
        for (long[] c : cases) {
            try (OpFixture f = OpFixture.unlimited(spillDir)) {
                assertThat(OpFixture.drain(new LimitOp(f.source(OpFixture.KVS, rows, shape.batchSize), c[0], c[1],
                        f.allocator()))).as("limit %d offset %d", c[0], c[1]).isEqualTo(limitReference(rows, c[0], c[1]));
            }
        }
    }

    // ---- all of them over an input larger than the memory limit ----

    @Test
    void streamInputsLargerThanTheLimit() {
        List<List<Object>> rows = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.1, 45);
        try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
            assertThat(filter(f, rows, 1024, true, true)).isEqualTo(filterReference(rows, true));
            assertThat(project(f, rows, 1024)).isEqualTo(projectReference(rows));
            OpFixture.assertSameRows(expand(f, rows, 1024), expandReference(rows));
            assertThat(OpFixture.drain(new LimitOp(f.source(OpFixture.KVS, rows, 1024), 5000, 90_000, f.allocator())))
                    .isEqualTo(limitReference(rows, 5000, 90_000));
            assertThat(f.metrics.bytesSpilled.sum()).isZero();
        }
    }
}
