package dev.ember.benchmarks;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.tpch.TpchTableData;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.expr.EvalScratch;
import dev.ember.physical.expr.ExprCompiler;
import dev.ember.physical.expr.PhysicalExpr;
import dev.ember.physical.expr.ScalarFn;
import dev.ember.physical.expr.VectorExpr;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vectorized DECIMAL arithmetic over all of lineitem, typed as Spark types them (the types the
 * optimizer hands down): {@code discount} is {@code 1 - l_discount}, DECIMAL(16,2), long
 * arithmetic; {@code disc_price} is Q1's {@code l_extendedprice * (1 - l_discount)},
 * DECIMAL(32,4), a 128-bit result; {@code revenue} is Q6's {@code l_extendedprice * l_discount},
 * DECIMAL(31,4). Time per pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecimalArithmeticBenchmark {
    @Param({"0.1"})
    public double sf;

    @Param({"discount", "disc_price", "revenue"})
    public String expression;

    private KernelData data;
    private List<ColumnBatch> input;
    private VectorExpr expr;
    private EvalScratch scratch;

    @Setup(Level.Trial)
    public void setUp() {
        data = new KernelData();
        TpchTableData lineitem = KernelData.table("lineitem", sf);
        input = KernelData.batches(lineitem);
        Schema s = lineitem.schema();
        PhysicalExpr price = PhysicalExpr.col(s.indexOf("l_extendedprice"), s.type(s.indexOf("l_extendedprice")));
        PhysicalExpr discount = PhysicalExpr.col(s.indexOf("l_discount"), s.type(s.indexOf("l_discount")));
        PhysicalExpr oneMinus = PhysicalExpr.call(ScalarFn.MINUS, DataType.decimal(16, 2),
                PhysicalExpr.lit(BigDecimal.ONE, DataType.decimal(1, 0)), discount);
        PhysicalExpr e = switch (expression) {
            case "discount" -> oneMinus;
            case "disc_price" -> PhysicalExpr.call(ScalarFn.TIMES, DataType.decimal(32, 4), price, oneMinus);
            case "revenue" -> PhysicalExpr.call(ScalarFn.TIMES, DataType.decimal(31, 4), price, discount);
            default -> throw new IllegalArgumentException(expression);
        };
        expr = ExprCompiler.compile(e);
        scratch = new EvalScratch(data.task.allocator());
    }

    @Benchmark
    public void evaluate(Blackhole bh) {
        for (ColumnBatch b : input) {
            bh.consume(expr.eval(b, scratch));
            scratch.release();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scratch.close();
        data.close();
    }
}
