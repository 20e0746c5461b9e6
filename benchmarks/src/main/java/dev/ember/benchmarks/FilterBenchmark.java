package dev.ember.benchmarks;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.tpch.TpchTableData;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.ExprCompiler;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.expr.ScalarFn;
import dev.ember.physical.expr.VectorExpr;
import dev.ember.physical.ops.FilterOp;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The filter operator over all of lineitem with TPC-H's predicates: {@code q1}
 * ({@code l_shipdate <= date '1998-09-02'}, about 98% of rows pass, batches mostly handed on
 * whole) and {@code q6} (a year of ship dates, discount between 0.05 and 0.07, quantity < 24:
 * five conjuncts, about 2% pass, survivors gathered). Emits two columns. Time per pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterBenchmark {
    @Param({"0.1"})
    public double sf;

    @Param({"q1", "q6"})
    public String predicate;

    private KernelData data;
    private List<ColumnBatch> input;
    private Schema schema;
    private VectorExpr[] conjuncts;
    private int[] output;

    @Setup(Level.Trial)
    public void setUp() {
        data = new KernelData();
        TpchTableData lineitem = KernelData.table("lineitem", sf);
        input = KernelData.batches(lineitem);
        schema = lineitem.schema();
        List<PhysicalExpr> cs = new ArrayList<>();
        if (predicate.equals("q1")) {
            cs.add(compare(ScalarFn.LE, "l_shipdate", date("1998-09-02")));
        } else if (predicate.equals("q6")) {
            cs.add(compare(ScalarFn.GE, "l_shipdate", date("1994-01-01")));
            cs.add(compare(ScalarFn.LT, "l_shipdate", date("1995-01-01")));
            cs.add(compare(ScalarFn.GE, "l_discount", money("0.05")));
            cs.add(compare(ScalarFn.LE, "l_discount", money("0.07")));
            cs.add(compare(ScalarFn.LT, "l_quantity", money("24")));
        } else {
            throw new IllegalArgumentException(predicate);
        }
        conjuncts = ExprCompiler.compileAll(cs).toArray(new VectorExpr[0]);
        output = KernelData.indexes(schema, "l_extendedprice", "l_discount");
    }

    private PhysicalExpr compare(ScalarFn fn, String column, PhysicalExpr literal) {
        int i = schema.indexOf(column);
        return PhysicalExpr.call(fn, DataType.BOOLEAN, PhysicalExpr.col(i, schema.type(i)), literal);
    }

    private static PhysicalExpr date(String iso) {
        return PhysicalExpr.lit((int) LocalDate.parse(iso).toEpochDay(), DataType.DATE);
    }

    private static PhysicalExpr money(String v) {
        return PhysicalExpr.lit(new BigDecimal(v), DataType.decimal(15, 2));
    }

    @Benchmark
    public long filter(Blackhole bh) {
        long rows = 0;
        try (FilterOp op = new FilterOp(KernelData.borrow(input), conjuncts, new boolean[conjuncts.length], schema, output,
                data.task, KernelData.metrics())) {
            while (op.hasNext()) {
                ColumnBatch b = op.next();
                rows += b.rowCount();
                bh.consume(b.vector(0));
            }
        }
        return rows;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        data.close();
    }
}
