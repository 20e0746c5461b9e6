package dev.ember.physical.plan;

import dev.ember.columnar.types.DataType;

import java.util.Arrays;

/**
 * One aggregate of a HashAggregate: the function, its argument columns (of the aggregate's
 * input), an optional boolean filter column ({@code FILTER (WHERE ...)}, -1 if none), the
 * argument type and the result type. DISTINCT aggregates are rewritten away by the optimizer.
 */
public record AggregateCall(AggFunction function, int[] args, int filterArg, DataType argType,
                            DataType resultType, String name) {

    public int arg() {
        return args.length == 0 ? -1 : args[0];
    }

    @Override
    public String toString() {
        return function.name().toLowerCase() + Arrays.toString(args) + (filterArg >= 0 ? " filter #" + filterArg : "")
                + " AS " + name;
    }
}
