package dev.ember.physical.shuffle;

/**
 * Where a map task's shuffle output lives and how big each of its blocks is: the statistics
 * that skew handling and partition coalescing read.
 */
public record MapStatus(int executorId, long[] bytesPerPartition, long[] rowsPerPartition) {

    public long totalBytes() {
        long t = 0;
        for (long b : bytesPerPartition) {
            t += b;
        }
        return t;
    }

    public long totalRows() {
        long t = 0;
        for (long r : rowsPerPartition) {
            t += r;
        }
        return t;
    }
}
