package dev.ember.physical.ops.agg;

import dev.ember.columnar.types.DataType;
import dev.ember.physical.plan.AggregateCall;
import org.apache.arrow.memory.BufferAllocator;

/** Creates the accumulator of an aggregate call. */
public final class Accumulators {
    private Accumulators() {
    }

    public static Accumulator create(AggregateCall call, BufferAllocator allocator) {
        DataType arg = call.argType();
        return switch (call.function()) {
            case COUNT -> new CountAccumulator(allocator, false);
            case COUNT_STAR -> new CountAccumulator(allocator, true);
            case SUM -> new SumAccumulator(allocator, arg, call.resultType(), false);
            case SUM0 -> new SumAccumulator(allocator, arg, call.resultType(), true);
            case AVG -> new AvgAccumulator(allocator, arg, call.resultType());
            case MIN, MAX, ANY_VALUE, SINGLE_VALUE, BOOL_AND, BOOL_OR -> new ValueAccumulator(allocator, call.function(), arg);
        };
    }
}
