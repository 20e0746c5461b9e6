package dev.ember.columnar.source.file;

import dev.ember.columnar.source.ScanMetrics;
import org.apache.arrow.memory.BufferAllocator;

/** What a format's reader gets besides its split: the table's options, memory, batch size and metrics. */
public record ReadContext(SourceOptions options, BufferAllocator allocator, int batchSize, ScanMetrics metrics) {
}
