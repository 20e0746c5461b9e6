package dev.ember.benchmarks;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.tpch.TpchTableData;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.ops.HashAggregateOp;
import dev.ember.physical.plan.AggFunction;
import dev.ember.physical.plan.AggMode;
import dev.ember.physical.plan.AggregateCall;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hash aggregation (one task, COMPLETE mode) over all of lineitem: {@code q1} groups by two
 * one-letter strings into 4 groups (Q1's shape), {@code orderkey} by one BIGINT into a group per
 * order (the single-long-key table), {@code partsupp} by two BIGINTs (encoded keys, the general
 * table). Each sums two DECIMAL(15,2) columns and counts. Time per pass over the table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HashAggregateBenchmark {
    @Param({"0.1"})
    public double sf;

    @Param({"q1", "orderkey", "partsupp"})
    public String keys;

    private KernelData data;
    private List<ColumnBatch> input;
    private Schema inputSchema;
    private Schema outputSchema;
    private int[] keyColumns;
    private List<AggregateCall> calls;

    @Setup(Level.Trial)
    public void setUp() {
        data = new KernelData();
        TpchTableData lineitem = KernelData.table("lineitem", sf);
        String[] keyNames = switch (keys) {
            case "q1" -> new String[] {"l_returnflag", "l_linestatus"};
            case "orderkey" -> new String[] {"l_orderkey"};
            case "partsupp" -> new String[] {"l_partkey", "l_suppkey"};
            default -> throw new IllegalArgumentException(keys);
        };
        List<String> cols = new ArrayList<>(List.of(keyNames));
        cols.addAll(List.of("l_quantity", "l_extendedprice"));
        input = KernelData.project(KernelData.batches(lineitem), lineitem.schema(), cols.toArray(new String[0]));
        inputSchema = input.get(0).schema();
        keyColumns = new int[keyNames.length];
        List<Field> out = new ArrayList<>();
        for (int k = 0; k < keyNames.length; k++) {
            keyColumns[k] = k;
            out.add(inputSchema.field(k));
        }
        DataType money = inputSchema.type(keyNames.length);
        DataType sum = DataType.decimal(25, 2);
        calls = List.of(
                new AggregateCall(AggFunction.SUM, new int[] {keyNames.length}, -1, money, sum, "sum_qty"),
                new AggregateCall(AggFunction.SUM, new int[] {keyNames.length + 1}, -1, money, sum, "sum_price"),
                new AggregateCall(AggFunction.COUNT_STAR, new int[0], -1, null, DataType.BIGINT, "count_order"));
        out.add(new Field("sum_qty", sum, true));
        out.add(new Field("sum_price", sum, true));
        out.add(new Field("count_order", DataType.BIGINT, false));
        outputSchema = new Schema(out);
    }

    @Benchmark
    public long aggregate(Blackhole bh) {
        long groups = 0;
        try (HashAggregateOp op = new HashAggregateOp(KernelData.borrow(input), AggMode.COMPLETE, keyColumns, calls,
                inputSchema, outputSchema, data.task, KernelData.metrics(), KernelData.BATCH)) {
            while (op.hasNext()) {
                ColumnBatch b = op.next();
                groups += b.rowCount();
                bh.consume(b.vector(b.columnCount() - 1));
            }
        }
        return groups;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        data.close();
    }
}
