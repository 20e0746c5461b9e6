package dev.ember.physical.ops;

import dev.ember.columnar.BatchBuilder;
import dev.ember.columnar.ColumnBatch;
import dev.ember.physical.ops.join.NestedLoopJoinOp;
import dev.ember.physical.plan.JoinType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The nested-loop join with the condition {@code l.k = r.k AND l.v < r.v} (written as one
 * condition, not as keys), which must give what the hash join's reference gives.
 */
class NestedLoopJoinTest {
    @TempDir
    Path spillDir;

    /** The broadcast right side: batches the join borrows and never closes. */
    private static List<ColumnBatch> batches(OpFixture f, List<List<Object>> rows, int batchSize) {
        List<ColumnBatch> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            try (BatchBuilder b = new BatchBuilder(JoinReference.RIGHT, f.inputAllocator, batchSize)) {
                rows.subList(from, Math.min(rows.size(), from + batchSize)).forEach(b::appendRow);
                out.add(b.build());
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "SEMI", "ANTI"})
    void everyShape(JoinType type) {
        for (OpFixture.Shape shape : OpFixture.Shape.values()) {
            List<List<Object>> left = shape.generate(71);
            // A small right side: every left row meets every right row.
            List<List<Object>> right = shape.rows > 500 ? OpFixture.kvs(300, 1000, 0.05, 72) : shape.generate(72);
            for (List<List<Object>> r : List.of(right, List.<List<Object>>of())) {
                try (OpFixture f = OpFixture.unlimited(spillDir)) {
                    List<ColumnBatch> rb = batches(f, r, shape.batchSize);
                    try {
                        OpFixture.assertSameRows(OpFixture.drain(new NestedLoopJoinOp(
                                f.source(JoinReference.LEFT, left, shape.batchSize), rb, type,
                                JoinReference.equiAndResidual(), JoinReference.LEFT, JoinReference.RIGHT,
                                JoinReference.outSchema(type), f.ctx, f.metrics, shape.batchSize)),
                                JoinReference.join(left, r, type, true));
                    } finally {
                        rb.forEach(ColumnBatch::close);
                    }
                }
            }
        }
    }
}
