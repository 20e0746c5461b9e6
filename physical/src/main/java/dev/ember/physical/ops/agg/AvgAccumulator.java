package dev.ember.physical.ops.agg;

import dev.ember.columnar.Values;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * avg = sum / count, with the partial state (sum, count). Decimal averages divide exactly and
 * round half up to the result scale; others divide as doubles. NULL for a group with no value.
 */
final class AvgAccumulator extends Accumulator {
    private final SumAccumulator sum;
    private final CountAccumulator count;
    private final DataType resultType;
    private final org.apache.arrow.memory.BufferAllocator allocator;

    AvgAccumulator(BufferAllocator allocator, DataType argType, DataType resultType) {
        this.allocator = allocator;
        this.sum = new SumAccumulator(allocator, argType, argType instanceof DataType.DecimalType d
                ? DataType.decimal(38, d.scale()) : argType instanceof DataType.DoubleType ? DataType.DOUBLE : DataType.BIGINT, false);
        this.count = new CountAccumulator(allocator, false);
        this.resultType = resultType;
    }

    @Override
    public void ensureGroups(int n) {
        sum.ensureGroups(n);
        count.ensureGroups(n);
    }

    @Override
    public void update(int[] groups, int n, FieldVector arg, FieldVector filter) {
        sum.update(groups, n, arg, filter);
        count.update(groups, n, arg, filter);
    }

    @Override
    public void merge(int[] groups, int n, FieldVector[] states, int offset) {
        sum.merge(groups, n, states, offset);
        count.merge(groups, n, states, offset + 1);
    }

    @Override
    public DataType[] stateTypes() {
        return new DataType[] {sum.stateType(), DataType.BIGINT};
    }

    @Override
    public void writeStates(int from, int count, FieldVector[] out, int offset) {
        sum.writeStates(from, count, out, offset);
        this.count.writeStates(from, count, out, offset + 1);
    }

    @Override
    public void writeResult(int from, int n, FieldVector out) {
        try (FieldVector counts = dev.ember.columnar.Vectors.allocate("c", DataType.BIGINT, allocator, n)) {
            count.writeResult(from, n, counts);
            for (int k = 0; k < n; k++) {
                int g = from + k;
                long c = ((org.apache.arrow.vector.BigIntVector) counts).get(k);
                if (c == 0 || !sum.hasValue(g)) {
                    out.setNull(k);
                    continue;
                }
                Object v;
                if (resultType instanceof DataType.DecimalType d) {
                    v = sum.bigValue(g).divide(BigDecimal.valueOf(c), d.scale(), RoundingMode.HALF_UP);
                } else {
                    v = sum.doubleValue(g) / c;
                }
                Values.set(out, resultType, k, v);
            }
        }
        out.setValueCount(n);
    }

    @Override
    public long memoryBytes() {
        return sum.memoryBytes() + count.memoryBytes();
    }

    @Override
    public void close() {
        sum.close();
        count.close();
    }
}
