package dev.ember.physical.plan;

/** Broadcast the build side to every task, or shuffle both sides on the join keys. */
public enum JoinStrategy { BROADCAST, SHUFFLE }
