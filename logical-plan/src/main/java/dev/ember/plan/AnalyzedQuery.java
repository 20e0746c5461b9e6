package dev.ember.plan;

import dev.ember.columnar.types.Schema;
import org.apache.calcite.rel.RelNode;

/** A validated query as a logical plan, with its result columns' names and types. */
public record AnalyzedQuery(RelNode rel, Schema schema) {
}
