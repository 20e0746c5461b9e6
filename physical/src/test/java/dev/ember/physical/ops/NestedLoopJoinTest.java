package dev.ember.physical.ops;

import dev.ember.columnar.BatchBuilder;
import dev.ember.columnar.ColumnBatch;
import dev.ember.physical.ops.join.NestedLoopJoinOp;
import dev.ember.physical.plan.JoinType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    @Test
    void leftSideLargerThanTheLimitStreams() {
        // Only the broadcast right side is held; the left side streams through, a batch at a time.
        List<List<Object>> left = OpFixture.large(2 * OpFixture.SMALL_LIMIT, 0.05, 73);
        List<List<Object>> right = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<Object> l = left.get(i * 97);
            right.add(Arrays.asList(l.get(0), i % 3 == 0 ? null : 500_000L, "r" + i));
        }
        for (JoinType type : new JoinType[] {JoinType.INNER, JoinType.LEFT, JoinType.SEMI, JoinType.ANTI}) {
            try (OpFixture f = new OpFixture(OpFixture.SMALL_LIMIT, spillDir)) {
                List<ColumnBatch> rb = batches(f, right, 1024);
                try {
                    OpFixture.assertSameRows(OpFixture.drain(new NestedLoopJoinOp(
                            f.source(JoinReference.LEFT, left, 1024), rb, type, JoinReference.equiAndResidual(),
                            JoinReference.LEFT, JoinReference.RIGHT, JoinReference.outSchema(type), f.ctx, f.metrics,
                            1024)), JoinReference.join(left, right, type, true));
                } finally {
                    rb.forEach(ColumnBatch::close);
                }
            }
        }
    }
}
