package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.ops.agg.Accumulator;
import dev.ember.physical.ops.agg.Accumulators;
import dev.ember.physical.memory.MemoryBudget;
import dev.ember.physical.plan.AggMode;
import dev.ember.physical.plan.AggregateCall;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.scheduler.OperatorMetrics;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Hash aggregation of one partition: group keys are encoded and looked up in a
 * {@link GroupHashTable}; each aggregate's state is updated a batch at a time by group id.
 * PARTIAL emits keys and states (the map side of a two-phase aggregation), FINAL merges states,
 * COMPLETE does both in one step. Without keys there is exactly one group, even for no input.
 */
public final class HashAggregateOp implements CloseableIterator<ColumnBatch> {
    private final CloseableIterator<ColumnBatch> input;
    private final AggMode mode;
    private final int[] keys;
    private final List<AggregateCall> calls;
    private final Schema outputSchema;
    private final TaskContext ctx;
    private final OperatorMetrics metrics;
    private final int batchSize;
    private final Accumulator[] accs;
    private final int[] stateOffsets;
    private final KeyEncoder encoder;
    private final GroupHashTable table;
    private final LongKeyTable longTable;
    private final boolean narrowKey;
    private int nullGroup = -1;
    private final BatchAppender keyStore;
    private boolean consumed;
    private Iterator<ColumnBatch> keyBatches;
    private int emittedGroups;
    private int totalGroups;
    private ColumnBatch current;
    private final Schema inputSchema;
    private final boolean stopWhenMemoryShort;
    private boolean pausedForMemory;
    private Schema statesSchema;

    public HashAggregateOp(CloseableIterator<ColumnBatch> input, AggMode mode, int[] keys, List<AggregateCall> calls,
                           Schema inputSchema, Schema outputSchema, TaskContext ctx, OperatorMetrics metrics,
                           int batchSize) {
        this(input, mode, keys, calls, inputSchema, outputSchema, ctx, metrics, batchSize, false);
    }

    /**
     * With {@code stopWhenMemoryShort}, the operator stops reading its input when it holds more
     * memory than it may ({@link MemoryBudget}) and reports it through {@link #pausedForMemory()}:
     * the caller then emits what it has (a partial aggregation flushes early) or spills it.
     */
    public HashAggregateOp(CloseableIterator<ColumnBatch> input, AggMode mode, int[] keys, List<AggregateCall> calls,
                           Schema inputSchema, Schema outputSchema, TaskContext ctx, OperatorMetrics metrics,
                           int batchSize, boolean stopWhenMemoryShort) {
        this.inputSchema = inputSchema;
        this.stopWhenMemoryShort = stopWhenMemoryShort && keys.length > 0;
        this.input = input;
        this.mode = mode;
        this.keys = keys;
        this.calls = calls;
        this.outputSchema = outputSchema;
        this.ctx = ctx;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.accs = new Accumulator[calls.size()];
        this.stateOffsets = new int[calls.size()];
        int offset = keys.length;
        try {
            for (int i = 0; i < accs.length; i++) {
                accs[i] = Accumulators.create(calls.get(i), ctx.allocator());
                stateOffsets[i] = offset;
                offset += accs[i].stateTypes().length;
            }
            DataType[] keyTypes = new DataType[keys.length];
            List<Field> keyFields = new ArrayList<>();
            for (int k = 0; k < keys.length; k++) {
                keyTypes[k] = inputSchema.type(keys[k]);
                keyFields.add(outputSchema.field(k));
            }
            this.encoder = new KeyEncoder(keyTypes, ctx.allocator());
            boolean longKeyed = keys.length == 1 && LongKeyTable.supports(keyTypes[0]);
            this.longTable = longKeyed ? new LongKeyTable(ctx.allocator(), 1024) : null;
            this.narrowKey = longKeyed && LongKeyTable.narrow(keyTypes[0]);
            this.table = keys.length == 0 || longKeyed ? null : new GroupHashTable(ctx.allocator(), 1024, encoder.fixedLength());
            this.keyStore = new BatchAppender(new Schema(keyFields), ctx.allocator(), batchSize);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The output schema of a PARTIAL aggregation: the keys, then each aggregate's state columns. */
    public static Schema partialSchema(Schema input, int[] keys, List<AggregateCall> calls, List<String> keyNames) {
        List<Field> fields = new ArrayList<>();
        for (int k = 0; k < keys.length; k++) {
            fields.add(new Field(keyNames.get(k), input.type(keys[k]), true));
        }
        for (AggregateCall c : calls) {
            DataType[] states = stateTypes(c);
            for (int s = 0; s < states.length; s++) {
                fields.add(new Field(c.name() + (states.length > 1 ? "$" + s : "") + "$state", states[s], true));
            }
        }
        return new Schema(fields);
    }

    /** State column types of a call (what PARTIAL emits for it). */
    public static DataType[] stateTypes(AggregateCall c) {
        DataType arg = c.argType();
        return switch (c.function()) {
            case COUNT, COUNT_STAR -> new DataType[] {DataType.BIGINT};
            case SUM, SUM0 -> new DataType[] {sumState(arg)};
            case AVG -> new DataType[] {sumState(arg), DataType.BIGINT};
            case MIN, MAX, ANY_VALUE, SINGLE_VALUE, BOOL_AND, BOOL_OR -> new DataType[] {arg};
        };
    }

    private static DataType sumState(DataType arg) {
        return switch (arg) {
            case DataType.DecimalType d -> DataType.decimal(38, d.scale());
            case DataType.DoubleType d -> DataType.DOUBLE;
            default -> DataType.BIGINT;
        };
    }

    private void consume() {
        long start = System.nanoTime();
        int[] groupIds = new int[batchSize];
        int[] newRows = new int[batchSize];
        boolean[] inserted = new boolean[1];
        if (keys.length == 0) {
            totalGroups = 1;
            for (Accumulator a : accs) {
                a.ensureGroups(1);
            }
        }
        while (!pausedForMemory && input.hasNext()) {
            ColumnBatch b = input.next();
            ctx.checkCancelled();
            int n = b.rowCount();
            if (n == 0) {
                continue;
            }
            if (stopWhenMemoryShort && MemoryBudget.shouldSpill(ctx, memoryBytes())) {
                pausedForMemory = true;
            }
            if (groupIds.length < n) {
                groupIds = new int[n];
                newRows = new int[n];
            }
            if (longTable != null) {
                int newCount = assignLongGroups(b.vector(keys[0]), n, groupIds, newRows);
                if (newCount > 0) {
                    keyStore.appendColumns(b, keys, newRows, 0, newCount);
                }
                for (Accumulator a : accs) {
                    a.ensureGroups(totalGroups);
                }
            } else if (keys.length > 0) {
                FieldVector[] kv = new FieldVector[keys.length];
                for (int k = 0; k < keys.length; k++) {
                    kv[k] = b.vector(keys[k]);
                }
                encoder.encode(kv, n);
                int newCount = 0;
                for (int i = 0; i < n; i++) {
                    groupIds[i] = table.findOrInsert(encoder.hash(i), encoder.address(i), encoder.length(i), inserted);
                    if (inserted[0]) {
                        newRows[newCount++] = i;
                    }
                }
                if (newCount > 0) {
                    keyStore.appendColumns(b, keys, newRows, 0, newCount);
                }
                totalGroups = table.size();
                for (Accumulator a : accs) {
                    a.ensureGroups(totalGroups);
                }
            } else {
                java.util.Arrays.fill(groupIds, 0, n, 0);
            }
            for (int j = 0; j < accs.length; j++) {
                AggregateCall c = calls.get(j);
                if (mode == AggMode.FINAL) {
                    accs[j].merge(groupIds, n, b.vectors(), stateOffsets[j]);
                } else {
                    FieldVector arg = c.args().length == 0 ? null : b.vector(c.arg());
                    FieldVector filter = c.filterArg() >= 0 ? b.vector(c.filterArg()) : null;
                    accs[j].update(groupIds, n, arg, filter);
                }
            }
        }
        metrics.recordMemory(memoryBytes());
        keyBatches = keyStore.finish().iterator();
        metrics.nanos.add(System.nanoTime() - start);
    }

    /** Group ids of one integer-like key column; NULL is a group of its own. Returns the new groups' rows. */
    private int assignLongGroups(FieldVector v, int n, int[] groupIds, int[] newRows) {
        long da = v.getDataBuffer().memoryAddress();
        long va = v.getValidityBuffer().memoryAddress();
        boolean allValid = v.getNullCount() == 0;
        boolean narrow = narrowKey;
        int newCount = 0;
        int groups = totalGroups;
        for (int i = 0; i < n; i++) {
            int g;
            if (!allValid && !dev.ember.physical.expr.Bits.isSet(va, i)) {
                if (nullGroup < 0) {
                    nullGroup = groups;
                }
                g = nullGroup;
            } else {
                long key = narrow ? org.apache.arrow.memory.util.MemoryUtil.getInt(da + 4L * i)
                        : org.apache.arrow.memory.util.MemoryUtil.getLong(da + 8L * i);
                g = longTable.findOrInsert(key, groups);
            }
            if (g == groups) {
                groups++;
                newRows[newCount++] = i;
            }
            groupIds[i] = g;
        }
        totalGroups = groups;
        return newCount;
    }

    /** Reads the input (or as much as memory allows); whether it was left unfinished because memory ran short. */
    public boolean pausedForMemory() {
        hasNext();
        return pausedForMemory;
    }

    /**
     * Emits the groups as keys and aggregate states (a PARTIAL aggregation's layout) rather than
     * results, so that a FINAL aggregation can merge them later. Call before the first next().
     */
    public Schema emitStates() {
        if (statesSchema == null) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < keys.length; k++) {
                names.add(outputSchema.field(k).name());
            }
            statesSchema = partialSchema(inputSchema, keys, calls, names);
        }
        return statesSchema;
    }

    long memoryBytes() {
        long m = keyStore.bytesHeld() + (table == null ? 0 : table.memoryBytes())
                + (longTable == null ? 0 : longTable.memoryBytes());
        for (Accumulator a : accs) {
            m += a.memoryBytes();
        }
        return m;
    }

    @Override
    public boolean hasNext() {
        if (!consumed) {
            consume();
            consumed = true;
        }
        return emittedGroups < totalGroups;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        closeCurrent();
        long start = System.nanoTime();
        int count;
        FieldVector[] out = new FieldVector[(statesSchema != null ? statesSchema : outputSchema).size()];
        if (keys.length > 0) {
            ColumnBatch kb = keyBatches.next();
            count = kb.rowCount();
            for (int k = 0; k < keys.length; k++) {
                out[k] = kb.vector(k);
            }
        } else {
            count = 1;
        }
        int col = keys.length;
        for (int j = 0; j < accs.length; j++) {
            if (mode == AggMode.PARTIAL || statesSchema != null) {
                Schema layout = statesSchema != null ? statesSchema : outputSchema;
                int w = accs[j].stateTypes().length;
                for (int s = 0; s < w; s++) {
                    out[col + s] = Vectors.allocate(layout.field(col + s).name(), layout.type(col + s),
                            ctx.allocator(), count);
                }
                accs[j].writeStates(emittedGroups, count, out, col);
                col += w;
            } else {
                out[col] = Vectors.allocate(outputSchema.field(col).name(), outputSchema.type(col), ctx.allocator(), count);
                accs[j].writeResult(emittedGroups, count, out[col]);
                col++;
            }
        }
        emittedGroups += count;
        current = new ColumnBatch(statesSchema != null ? statesSchema : outputSchema, out, count);
        if (statesSchema == null) {
            // States written for a spill are not this operator's output: the re-aggregation counts it.
            metrics.outputRows.add(count);
            metrics.outputBatches.increment();
        }
        metrics.nanos.add(System.nanoTime() - start);
        return current;
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        closeCurrent();
        if (keyBatches != null) {
            keyBatches.forEachRemaining(ColumnBatch::close);
        }
        for (Accumulator a : accs) {
            if (a != null) {
                a.close();
            }
        }
        if (encoder != null) {
            encoder.close();
        }
        if (table != null) {
            table.close();
        }
        if (longTable != null) {
            longTable.close();
        }
        if (keyStore != null) {
            keyStore.close();
        }
        input.close();
    }
}
