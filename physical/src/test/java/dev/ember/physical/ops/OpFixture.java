package dev.ember.physical.ops;

import dev.ember.columnar.BatchBuilder;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.config.EmberConf;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.Executor;
import dev.ember.physical.scheduler.JobContext;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One operator's world for a test: a session allocator capped at {@code ember.memory.limit} (as
 * the engine's is), a job and a task allocator under it, one executor with one slot (so a task's
 * share of the limit is half of it), and input batches made from plain Java rows in an allocator
 * of their own (the input is not under test). {@link #close()} checks that the operator freed
 * everything it allocated.
 */
final class OpFixture implements AutoCloseable {
    /** Rows of the standard test table: k BIGINT (the key), v BIGINT, s STRING; all nullable. */
    static final Schema KVS = Schema.of(Field.of("k", DataType.BIGINT), Field.of("v", DataType.BIGINT),
            Field.of("s", DataType.STRING));

    /** A small limit: a task may hold 4 MB before it spills (see docs/testing.md on 4 MB). */
    static final long SMALL_LIMIT = 4L << 20;

    final RootAllocator root = new RootAllocator(Long.MAX_VALUE);
    final BufferAllocator inputAllocator = root.newChildAllocator("input", 0, Long.MAX_VALUE);
    final BufferAllocator session;
    final Executor executor;
    final JobContext job;
    final TaskContext ctx;
    final OperatorMetrics metrics = new OperatorMetrics("op-under-test");

    OpFixture(long memoryLimit, Path spillDir) {
        EmberConf conf = new EmberConf().set(EmberConf.MEMORY_LIMIT, memoryLimit)
                .set(EmberConf.EXECUTOR_INSTANCES, 1).set(EmberConf.EXECUTOR_CORES, 1)
                .set(EmberConf.SPILL_DIR, spillDir.toString());
        session = root.newChildAllocator("session", 0, memoryLimit);
        executor = new Executor(0, 1, session);
        job = new JobContext(conf, session.newChildAllocator("job", 0, Long.MAX_VALUE));
        ctx = new TaskContext(job, 0, 0, 0, executor, job.allocator().newChildAllocator("task", 0, Long.MAX_VALUE));
    }

    /** A fixture whose limit is so large that nothing spills: gives the in-memory path. */
    static OpFixture unlimited(Path spillDir) {
        return new OpFixture(1L << 34, spillDir);
    }

    BufferAllocator allocator() {
        return ctx.allocator();
    }

    /**
     * The rows as batches of {@code batchSize}, built lazily one at a time (so an input larger than
     * the limit is never all in memory). Each batch belongs to this source and is freed when the
     * next is asked for, as an upstream operator's batches are.
     */
    CloseableIterator<ColumnBatch> source(Schema schema, List<List<Object>> rows, int batchSize) {
        return new CloseableIterator<>() {
            private int pos;
            private ColumnBatch last;

            @Override
            public boolean hasNext() {
                release();
                return pos < rows.size();
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = Math.min(batchSize, rows.size() - pos);
                try (BatchBuilder b = new BatchBuilder(schema, inputAllocator, n)) {
                    for (int i = 0; i < n; i++) {
                        b.appendRow(rows.get(pos + i));
                    }
                    pos += n;
                    last = b.build();
                }
                return last;
            }

            private void release() {
                if (last != null) {
                    last.close();
                    last = null;
                }
            }

            @Override
            public void close() {
                release();
            }
        };
    }

    /** Every row of every batch the operator emits, then closes it. */
    static List<List<Object>> drain(CloseableIterator<ColumnBatch> op) {
        List<List<Object>> out = new ArrayList<>();
        try (op) {
            while (op.hasNext()) {
                out.addAll(rows(op.next()));
            }
        }
        return out;
    }

    static List<List<Object>> rows(ColumnBatch b) {
        List<List<Object>> out = new ArrayList<>(b.rowCount());
        for (int r = 0; r < b.rowCount(); r++) {
            List<Object> row = new ArrayList<>(b.columnCount());
            for (int c = 0; c < b.columnCount(); c++) {
                row.add(Values.get(b.vector(c), b.schema().type(c), r));
            }
            out.add(row);
        }
        return out;
    }

    /** Asserts equal multisets of rows (order ignored), with a readable message on a mismatch. */
    static void assertSameRows(List<List<Object>> actual, List<List<Object>> expected) {
        assertThat(actual).hasSize(expected.size());
        assertThat(sorted(actual)).isEqualTo(sorted(expected));
    }

    static List<String> sorted(List<List<Object>> rows) {
        return rows.stream().map(OpFixture::show).sorted().toList();
    }

    static String show(List<Object> row) {
        return row.stream().map(OpFixture::show).toList().toString();
    }

    /** Numbers compared by value (a BIGINT and a DECIMAL sum of the same rows print alike). */
    static String show(Object v) {
        if (v instanceof Double d) {
            return String.format("%.6f", d);
        }
        if (v instanceof java.math.BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    /** Nothing spilled by the test is left in memory: the task, job and executor allocators are empty. */
    @Override
    public void close() {
        long task = ctx.allocator().getAllocatedMemory();
        executor.shuffleStore().clear();
        long shuffle = executor.allocator().getAllocatedMemory();
        ctx.allocator().close();
        job.close();
        executor.close();
        long input = inputAllocator.getAllocatedMemory();
        inputAllocator.close();
        session.close();
        root.close();
        assertThat(task).as("bytes the operator left allocated in its task").isZero();
        assertThat(shuffle).as("executor bytes left after its shuffle store was cleared").isZero();
        assertThat(input).as("input batches not freed").isZero();
    }

    // ---- data ----

    /** The shapes of input every operator is run on. */
    enum Shape {
        EMPTY(0, 64, 0.0, false),
        ONE_ROW(1, 64, 0.0, false),
        NULLS(500, 64, 0.4, false),
        MANY_BATCHES(5_000, 7, 0.05, false),
        SKEWED(20_000, 512, 0.05, true);

        final int rows;
        final int batchSize;
        final double nullFraction;
        final boolean skewed;

        Shape(int rows, int batchSize, double nullFraction, boolean skewed) {
            this.rows = rows;
            this.batchSize = batchSize;
            this.nullFraction = nullFraction;
            this.skewed = skewed;
        }

        List<List<Object>> generate(long seed) {
            return kvs(rows, skewed ? 0 : 50, nullFraction, seed);
        }
    }

    /**
     * Rows of {@link #KVS}. Keys are uniform over {@code keys} values, or, when {@code keys} is 0,
     * skewed: nine rows in ten have key 7, the rest are spread over 1000 keys. Each value is NULL
     * with probability {@code nullFraction}.
     */
    static List<List<Object>> kvs(int n, int keys, double nullFraction, long seed) {
        Random rnd = new Random(seed);
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long k = keys > 0 ? rnd.nextInt(keys) : rnd.nextInt(10) < 9 ? 7 : rnd.nextInt(1000);
            long v = rnd.nextInt(2000) - 1000;
            String s = "s" + rnd.nextInt(300);
            rows.add(Arrays.asList(
                    rnd.nextDouble() < nullFraction ? null : k,
                    rnd.nextDouble() < nullFraction ? null : v,
                    rnd.nextDouble() < nullFraction ? null : s));
        }
        return rows;
    }

    /** Rows of {@link #KVS} with mostly distinct keys and a payload, large enough to pass {@code bytes}. */
    static List<List<Object>> large(long bytes, double nullFraction, long seed) {
        // A row takes about 8 + 8 + 24 (string bytes) + 4 (offset) + validity bits.
        int n = (int) (bytes / 44);
        Random rnd = new Random(seed);
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long k = rnd.nextInt(n);
            rows.add(Arrays.asList(
                    rnd.nextDouble() < nullFraction ? null : k,
                    rnd.nextDouble() < nullFraction ? null : (long) rnd.nextInt(1_000_000),
                    "payload-" + Long.toHexString(rnd.nextLong())));
        }
        return rows;
    }

    /** A comparator over nullable comparable values, NULLs first or last. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Object> values(boolean ascending, boolean nullsFirst) {
        Comparator<Object> c = (a, b) -> ((Comparable) a).compareTo(b);
        if (!ascending) {
            c = c.reversed();
        }
        return nullsFirst ? Comparator.nullsFirst(c) : Comparator.nullsLast(c);
    }

    static boolean eq(Object a, Object b) {
        return a != null && b != null && Objects.equals(a, b);
    }
}
