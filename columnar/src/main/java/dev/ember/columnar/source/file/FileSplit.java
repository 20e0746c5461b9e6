package dev.ember.columnar.source.file;

/**
 * A piece of one file that a task reads on its own: a byte range of a text file (records that
 * start inside it), or one Parquet row group / Arrow record batch ({@code unit}, the format's
 * index of it). {@code rows} is the known row count or -1.
 */
public record FileSplit(DataFile file, long start, long length, int unit, long rows) {

    public static FileSplit whole(DataFile file) {
        return new FileSplit(file, 0, file.size(), -1, -1);
    }

    @Override
    public String toString() {
        return file.path() + (unit >= 0 ? "#" + unit : "[" + start + ", " + (start + length) + ")");
    }
}
