package dev.ember.columnar.source.file;

import dev.ember.columnar.ColumnBatch;

import java.io.IOException;

/** Writes batches of one schema into one new file; {@link #close} completes it. */
public interface FileWriter extends AutoCloseable {

    /** Appends the rows of {@code batch}, whose columns are the writer's schema. */
    void write(ColumnBatch batch) throws IOException;

    /** Finishes the file (footer, compression trailer) and releases what the writer holds. */
    @Override
    void close() throws IOException;

    /** Gives up: releases resources; the caller deletes the partial file. */
    default void abort() {
        try {
            close();
        } catch (IOException | RuntimeException ignored) {
            // the file is deleted anyway
        }
    }
}
