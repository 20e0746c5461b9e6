package dev.ember.columnar.source.file;

import java.nio.file.Path;
import java.util.List;

/**
 * One file of a table: where it is, its size and modification time (which key cached metadata
 * such as Parquet footers), and the values of its Hive partition columns ({@code key=value}
 * folders above it), in the order of the table's partition schema.
 */
public record DataFile(Path path, long size, long modifiedMillis, List<Object> partitionValues) {
    public DataFile {
        partitionValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(partitionValues));
    }

    /** True for gzip-compressed text (by extension): read whole, never split. */
    public boolean gzipped() {
        String n = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".gz") || n.endsWith(".gzip");
    }
}
