package dev.ember.physical.ops;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.batch.BatchAppender;
import dev.ember.physical.memory.ByteArena;
import dev.ember.physical.memory.LongArray;
import dev.ember.physical.plan.SortKey;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows gathered for sorting: copied into batches, each with its normalized sort key in an arena.
 * {@link #sortedOrder} sorts row references by key (a merge sort on ints comparing bytes, stable
 * so equal keys keep arrival order); {@link #emit} writes rows in a given order.
 */
final class SortedRows implements AutoCloseable {
    private final Schema schema;
    private final SortKeyEncoder encoder;
    private final BufferAllocator allocator;
    private final BatchAppender appender;
    private final List<ColumnBatch> batches = new ArrayList<>();
    private final ByteArena keys;
    private final LongArray keyRefs;
    private ArrowBuf tmp;
    private int rows;

    SortedRows(Schema schema, List<SortKey> sortKeys, BufferAllocator allocator, int batchSize) {
        this.schema = schema;
        this.allocator = allocator;
        this.encoder = new SortKeyEncoder(sortKeys, sortKeys.stream().map(k -> schema.type(k.column()))
                .toArray(dev.ember.columnar.types.DataType[]::new));
        this.appender = new BatchAppender(schema, allocator, batchSize);
        this.keys = new ByteArena(allocator, 64 * 1024);
        this.keyRefs = new LongArray(allocator, 1024);
    }

    int size() {
        return rows;
    }

    long memoryBytes() {
        long b = keys.bytes() + keyRefs.bytes() + appender.bytesHeld();
        for (ColumnBatch c : batches) {
            b += c.sizeInBytes();
        }
        return b;
    }

    /** Copies rows [from, from+count) (or sel-selected rows) of b and encodes their keys. */
    void add(ColumnBatch b, int[] sel, int from, int count) {
        FieldVector[] cols = b.vectors();
        keyRefs.ensure(rows + count);
        for (int k = 0; k < count; k++) {
            int r = sel == null ? from + k : sel[from + k];
            tmp = SortKeyEncoder.ensure(tmp, encoder.maxLength(cols, r), allocator);
            int len = encoder.encodeInto(cols, r, tmp);
            long off = keys.append(tmp.memoryAddress(), len);
            keyRefs.set(rows + k, (off << 24) | len);
        }
        appender.append(b, sel, from, count);
        batches.addAll(appender.takeReady());
        rows += count;
    }

    /** Encodes one row's key into the scratch buffer; returns its length (for threshold checks). */
    int encodeProbe(ColumnBatch b, int r) {
        FieldVector[] cols = b.vectors();
        tmp = SortKeyEncoder.ensure(tmp, encoder.maxLength(cols, r), allocator);
        return encoder.encodeInto(cols, r, tmp);
    }

    long probeAddress() {
        return tmp.memoryAddress();
    }

    int compareRows(int a, int b) {
        long ra = keyRefs.get(a);
        long rb = keyRefs.get(b);
        long base = keys.address();
        return SortKeyEncoder.compare(base + (ra >>> 24), (int) (ra & 0xFFFFFF), base + (rb >>> 24), (int) (rb & 0xFFFFFF));
    }

    /** Compares row r's key with an encoded key at addr/len. */
    int compareTo(int r, long addr, int len) {
        long ref = keyRefs.get(r);
        return SortKeyEncoder.compare(keys.address() + (ref >>> 24), (int) (ref & 0xFFFFFF), addr, len);
    }

    /** A copy of row r's encoded key. */
    byte[] keyBytes(int r) {
        long ref = keyRefs.get(r);
        byte[] out = new byte[(int) (ref & 0xFFFFFF)];
        org.apache.arrow.memory.util.MemoryUtil.copyFromMemory(keys.address() + (ref >>> 24), out, 0, out.length);
        return out;
    }

    /** Row ids 0..size-1 in key order (stable). */
    int[] sortedOrder() {
        int[] a = new int[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = i;
        }
        int[] tmpArr = new int[rows];
        mergeSort(a, tmpArr, 0, rows);
        return a;
    }

    private void mergeSort(int[] a, int[] t, int lo, int hi) {
        if (hi - lo <= 24) {
            for (int i = lo + 1; i < hi; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= lo && compareRows(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, t, lo, mid);
        mergeSort(a, t, mid, hi);
        if (compareRows(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, lo, t, lo, hi - lo);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            a[k++] = compareRows(t[j], t[i]) < 0 ? t[j++] : t[i++];
        }
        while (i < mid) {
            a[k++] = t[i++];
        }
        while (j < hi) {
            a[k++] = t[j++];
        }
    }

    private void finishBatches() {
        batches.addAll(appender.finish());
    }

    /**
     * Appends rows {@code order[from..to)} into {@code out}, consecutive runs from one batch at a
     * time. No rows may be added after the first emit (row ids map to batches of batchSize rows).
     */
    void emit(int[] order, int from, int to, BatchAppender out, int batchSize) {
        finishBatches();
        int[] one = new int[batchSize];
        int k = from;
        while (k < to) {
            int b = order[k] / batchSize;
            int n = 0;
            while (k < to && order[k] / batchSize == b && n < one.length) {
                one[n++] = order[k] % batchSize;
                k++;
            }
            out.append(batches.get(b), one, 0, n);
        }
    }

    Schema schema() {
        return schema;
    }

    @Override
    public void close() {
        batches.forEach(ColumnBatch::close);
        batches.clear();
        appender.close();
        keys.close();
        keyRefs.close();
        if (tmp != null) {
            tmp.close();
            tmp = null;
        }
    }
}
