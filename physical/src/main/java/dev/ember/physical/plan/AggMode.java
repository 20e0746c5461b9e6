package dev.ember.physical.plan;

/** The phase of a hash aggregation: map-side partial states, reduce-side final, or both at once. */
public enum AggMode { PARTIAL, FINAL, COMPLETE }
