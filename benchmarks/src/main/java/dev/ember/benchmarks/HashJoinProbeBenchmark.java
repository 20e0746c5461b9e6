package dev.ember.benchmarks;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.tpch.TpchTableData;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.ops.join.HashJoinProbeOp;
import dev.ember.physical.ops.join.HashedRelation;
import dev.ember.physical.plan.BuildSide;
import dev.ember.physical.plan.JoinType;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The probe side of a hash join: all of lineitem streamed against a hash table built once (the
 * build is not timed). {@code orders}: on {@code l_orderkey = o_orderkey}, one BIGINT key (the
 * single-long-key table), every lineitem row matching one order; {@code partsupp}: on
 * {@code (l_partkey, l_suppkey) = (ps_partkey, ps_suppkey)}, two keys (encoded keys).
 * Time per pass over lineitem, joined rows gathered into output batches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HashJoinProbeBenchmark {
    @Param({"0.1"})
    public double sf;

    @Param({"orders", "partsupp"})
    public String build;

    private KernelData data;
    private List<ColumnBatch> probe;
    private HashedRelation relation;
    private Schema probeSchema;
    private Schema buildSchema;
    private int[] probeKeys;

    @Setup(Level.Trial)
    public void setUp() {
        data = new KernelData();
        TpchTableData lineitem = KernelData.table("lineitem", sf);
        TpchTableData side = KernelData.table(build, sf);
        List<ColumnBatch> buildBatches;
        if (build.equals("orders")) {
            probe = KernelData.project(KernelData.batches(lineitem), lineitem.schema(), "l_orderkey", "l_extendedprice");
            buildBatches = KernelData.project(KernelData.batches(side), side.schema(), "o_orderkey", "o_orderdate");
            probeKeys = new int[] {0};
        } else if (build.equals("partsupp")) {
            probe = KernelData.project(KernelData.batches(lineitem), lineitem.schema(), "l_partkey", "l_suppkey", "l_quantity");
            buildBatches = KernelData.project(KernelData.batches(side), side.schema(), "ps_partkey", "ps_suppkey", "ps_supplycost");
            probeKeys = new int[] {0, 1};
        } else {
            throw new IllegalArgumentException(build);
        }
        probeSchema = probe.get(0).schema();
        buildSchema = buildBatches.get(0).schema();
        relation = HashedRelation.build(buildBatches.iterator(), buildSchema, probeKeys.clone(),
                data.allocator.newChildAllocator("build", 0, Long.MAX_VALUE), KernelData.BATCH);
    }

    @Benchmark
    public long probe(Blackhole bh) {
        long rows = 0;
        try (HashJoinProbeOp op = new HashJoinProbeOp(KernelData.borrow(probe), relation, JoinType.INNER, BuildSide.RIGHT,
                probeKeys, null, probeSchema.concat(buildSchema), probeSchema, buildSchema, data.task, KernelData.metrics(),
                KernelData.BATCH)) {
            while (op.hasNext()) {
                ColumnBatch b = op.next();
                rows += b.rowCount();
                bh.consume(b.vector(b.columnCount() - 1));
            }
        }
        return rows;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        closeRelation();
        data.close();
    }

    private void closeRelation() {
        org.apache.arrow.memory.BufferAllocator a = relation.allocator();
        relation.close();
        a.close();
    }
}
