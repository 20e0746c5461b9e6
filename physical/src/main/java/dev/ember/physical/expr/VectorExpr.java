package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.vector.FieldVector;

/**
 * A compiled expression that evaluates a whole batch at once. The returned vector has exactly
 * {@code batch.rowCount()} values; it is either one of the batch's own vectors (a column
 * reference) or one allocated through {@code scratch}, which owns it until
 * {@link EvalScratch#detach} hands it over or {@link EvalScratch#release} frees it.
 */
public interface VectorExpr {

    FieldVector eval(ColumnBatch batch, EvalScratch scratch);

    DataType type();
}
