package dev.ember.sql;

/**
 * A statement with where it came from: its own text, and the 1-based line and column of its
 * first character in the script. Positions inside its SqlNodes are relative to the whole script.
 */
public record ParsedStatement(Statement statement, String text, int line, int column) {
}
