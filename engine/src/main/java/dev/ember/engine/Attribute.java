package dev.ember.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One output column of a DataFrame as name resolution sees it: a unique id (what
 * {@code df.col("x")} points at, so it still finds its column after joins and projections, as
 * Spark's expression ids do), the name users see (duplicates allowed, as after a join) and the
 * qualifier that {@code col("t.x")} matches ({@code df.as("t")}, or the table's name).
 */
record Attribute(long id, String name, String qualifier) {
    private static final AtomicLong NEXT_ID = new AtomicLong();

    static Attribute of(String name) {
        return new Attribute(NEXT_ID.incrementAndGet(), name, null);
    }

    static Attribute of(String name, String qualifier) {
        return new Attribute(NEXT_ID.incrementAndGet(), name, qualifier);
    }

    /** The same column under another qualifier. */
    Attribute qualified(String q) {
        return new Attribute(id, name, q);
    }

    /** The same name and qualifier, a new identity (the right side of a self-join). */
    Attribute renewed() {
        return new Attribute(NEXT_ID.incrementAndGet(), name, qualifier);
    }

    String display() {
        return qualifier == null ? name : qualifier + "." + name;
    }
}
