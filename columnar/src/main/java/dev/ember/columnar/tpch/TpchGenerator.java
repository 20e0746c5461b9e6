package dev.ember.columnar.tpch;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one partition of a TPC-H table straight from the {@code io.trino.tpch} generator into
 * Arrow batches: no intermediate rows or files.
 */
public final class TpchGenerator {
    private TpchGenerator() {
    }

    /** Generates partition {@code part} (0-based) of {@code partCount}, in batches of {@code batchSize} rows. */
    public static <E extends TpchEntity> List<ColumnBatch> generate(TpchTable<E> table, double sf, int part,
                                                                    int partCount, int batchSize,
                                                                    BufferAllocator allocator) {
        Schema schema = TpchTables.schema(table);
        List<TpchColumn<E>> columns = table.getColumns();
        List<ColumnBatch> out = new ArrayList<>();
        FieldVector[] vectors = null;
        int row = 0;
        try {
            for (E entity : table.createGenerator(sf, part + 1, partCount)) {
                if (vectors == null) {
                    vectors = allocate(schema, batchSize, allocator);
                }
                for (int c = 0; c < columns.size(); c++) {
                    write(vectors[c], schema.type(c), columns.get(c), entity, row);
                }
                if (++row == batchSize) {
                    out.add(new ColumnBatch(schema, vectors, row));
                    vectors = null;
                    row = 0;
                }
            }
            if (vectors != null && row > 0) {
                out.add(new ColumnBatch(schema, vectors, row));
                vectors = null;
            }
        } catch (RuntimeException e) {
            out.forEach(ColumnBatch::close);
            throw e;
        } finally {
            if (vectors != null) {
                for (FieldVector v : vectors) {
                    v.close();
                }
            }
        }
        return out;
    }

    private static FieldVector[] allocate(Schema schema, int capacity, BufferAllocator allocator) {
        FieldVector[] vs = new FieldVector[schema.size()];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = Vectors.allocate(schema.field(i).name(), schema.type(i), allocator, capacity);
        }
        return vs;
    }

    private static <E extends TpchEntity> void write(FieldVector v, DataType type, TpchColumn<E> c, E e, int row) {
        switch (c.getType().getBase()) {
            case IDENTIFIER -> ((BigIntVector) v).set(row, c.getIdentifier(e));
            case INTEGER -> ((IntVector) v).set(row, c.getInteger(e));
            case DATE -> ((DateDayVector) v).set(row, c.getDate(e));
            // Money is generated as a double with two decimals; round to exact cents.
            case DOUBLE -> ((BigIntVector) v).set(row, Math.round(c.getDouble(e) * 100));
            case VARCHAR -> ((VarCharVector) v).setSafe(row, c.getString(e).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
