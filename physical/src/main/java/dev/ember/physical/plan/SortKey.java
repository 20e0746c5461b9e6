package dev.ember.physical.plan;

import dev.ember.columnar.types.Schema;

import java.util.List;
import java.util.stream.Collectors;

/** One ORDER BY key: a column, its direction and where NULLs go. */
public record SortKey(int column, boolean ascending, boolean nullsFirst) {

    static String describe(List<SortKey> keys, Schema schema) {
        return keys.stream().map(k -> schema.field(k.column()).name() + (k.ascending() ? " ASC" : " DESC")
                + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST")).collect(Collectors.joining(", ", "[", "]"));
    }
}
