package dev.ember.columnar.source;

import dev.ember.columnar.ColumnBatch;

import java.util.Iterator;

/** A stream of borrowed batches from one partition of a source. */
public interface BatchReader extends Iterator<ColumnBatch>, AutoCloseable {
    @Override
    void close();
}
