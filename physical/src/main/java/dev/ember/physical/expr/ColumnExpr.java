package dev.ember.physical.expr;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.vector.FieldVector;

/** A column of the input batch, returned as it is (borrowed, never copied). */
record ColumnExpr(int index, DataType type) implements VectorExpr {
    @Override
    public FieldVector eval(ColumnBatch batch, EvalScratch scratch) {
        return batch.vector(index);
    }
}
