package dev.ember.physical.plan;

/** Which input of a hash join is hashed. */
public enum BuildSide { LEFT, RIGHT }
