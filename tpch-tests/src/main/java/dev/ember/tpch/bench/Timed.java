package dev.ember.tpch.bench;

import java.util.List;

/** A query's answer and how long it took, end to end (text in, every row out), in milliseconds. */
record Timed(List<List<Object>> rows, double millis, double parseMillis, double planMillis) {
}
