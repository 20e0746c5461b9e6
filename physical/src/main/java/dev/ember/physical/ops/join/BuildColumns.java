package dev.ember.physical.ops.join;

import dev.ember.columnar.ColumnBatch;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

import java.util.List;

/**
 * Buffer addresses of every column of a join's build batches, read once when the relation is
 * built. Gathering joined rows reads them per output batch and column; asking Arrow each time
 * (and counting NULLs, a scan of the validity bitmap) for every build batch cost as much as the
 * gather itself when the build side has hundreds of batches. Read-only, so shared by the tasks
 * that probe one broadcast relation.
 */
final class BuildColumns {
    final long[][] data;
    final long[][] validity;
    final long[][] offsets;
    final boolean[][] allValid;
    /** log2 of rows per batch when that is a power of two (row ref = batch << shift | row), else -1. */
    final int shift;
    final int batchSize;

    BuildColumns(List<ColumnBatch> batches, int columns, int batchSize) {
        int nb = batches.size();
        this.data = new long[columns][nb];
        this.validity = new long[columns][nb];
        this.offsets = new long[columns][nb];
        this.allValid = new boolean[columns][nb];
        for (int b = 0; b < nb; b++) {
            ColumnBatch batch = batches.get(b);
            for (int c = 0; c < columns; c++) {
                FieldVector v = batch.vector(c);
                data[c][b] = v.getDataBuffer().memoryAddress();
                validity[c][b] = v.getValidityBuffer().memoryAddress();
                offsets[c][b] = v instanceof BaseVariableWidthVector ? v.getOffsetBuffer().memoryAddress() : 0;
                allValid[c][b] = v.getNullCount() == 0;
            }
        }
        this.batchSize = batchSize;
        this.shift = batchSize > 0 && Integer.bitCount(batchSize) == 1 ? Integer.numberOfTrailingZeros(batchSize) : -1;
    }

    /** For one batch (a nested-loop join's right batch): row refs are row numbers. */
    static BuildColumns of(ColumnBatch batch) {
        return new BuildColumns(List.of(batch), batch.columnCount(), Integer.MAX_VALUE);
    }

    int batchOf(long ref) {
        return shift >= 0 ? (int) (ref >>> shift) : (int) (ref / batchSize);
    }

    int rowOf(long ref) {
        return shift >= 0 ? (int) (ref & (batchSize - 1)) : (int) (ref % batchSize);
    }
}
