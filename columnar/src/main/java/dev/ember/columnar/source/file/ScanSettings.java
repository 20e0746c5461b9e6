package dev.ember.columnar.source.file;

/**
 * How a file table is cut into partitions, as Spark's {@code spark.sql.files.*}: splits are
 * packed into partitions of at most {@code maxPartitionBytes}, each file costing at least
 * {@code openCostInBytes}, and large tables are cut so that there are about
 * {@code minPartitions} partitions (one per core) to read in parallel. {@code batchSize} is the
 * rows per batch readers produce.
 */
public record ScanSettings(long maxPartitionBytes, long openCostInBytes, int minPartitions, int batchSize) {

    public static ScanSettings defaults() {
        return new ScanSettings(128L << 20, 4L << 20, Runtime.getRuntime().availableProcessors(), 4096);
    }

    /** The split size for a table of {@code totalBytes}: Spark's {@code maxSplitBytes}. */
    public long maxSplitBytes(long totalBytes) {
        long perCore = totalBytes / Math.max(1, minPartitions);
        return Math.max(1, Math.min(maxPartitionBytes, Math.max(openCostInBytes, perCore)));
    }
}
