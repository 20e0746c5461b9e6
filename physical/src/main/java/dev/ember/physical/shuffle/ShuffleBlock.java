package dev.ember.physical.shuffle;

import java.util.List;

/** One map task's output for one reduce partition: items (batches or records) held in memory. */
public record ShuffleBlock(List<?> items, long bytes, long rows) {
    public static final ShuffleBlock EMPTY = new ShuffleBlock(List.of(), 0, 0);
}
