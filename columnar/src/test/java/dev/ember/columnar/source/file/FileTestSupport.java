package dev.ember.columnar.source.file;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.BatchBuilder;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.BufferAllocator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of every type, and reading a whole table back as rows. */
public final class FileTestSupport {
    public static final Schema ALL_TYPES = Schema.of(
            Field.of("b", DataType.BOOLEAN),
            Field.of("i", DataType.INT),
            Field.of("l", DataType.BIGINT),
            Field.of("d", DataType.DOUBLE),
            Field.of("m", DataType.decimal(15, 2)),
            Field.of("big", DataType.decimal(38, 10)),
            Field.of("day", DataType.DATE),
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("s", DataType.STRING));

    private FileTestSupport() {
    }

    /** Rows with extremes, NULLs in every column, and strings that need quoting. */
    public static List<List<Object>> allTypesRows() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList(true, 1, 10L, 1.5, new BigDecimal("12.34"), new BigDecimal("12345678901234567890.0123456789"),
                LocalDate.of(1998, 9, 2), LocalDateTime.of(2020, 1, 2, 3, 4, 5, 123_456_000), "plain"));
        rows.add(Arrays.asList(false, -2147483648, Long.MIN_VALUE, -0.25, new BigDecimal("-9999999999999.99"),
                new BigDecimal("-0.0000000001"), LocalDate.of(1970, 1, 1), LocalDateTime.of(1969, 12, 31, 23, 59, 59),
                "comma, \"quote\" and\nnewline"));
        rows.add(Arrays.asList(null, null, null, null, null, null, null, null, null));
        rows.add(Arrays.asList(true, 2147483647, Long.MAX_VALUE, 1e300, new BigDecimal("0.00"), BigDecimal.ZERO.setScale(10),
                LocalDate.of(2400, 2, 29), LocalDateTime.of(2038, 1, 19, 3, 14, 8), ""));
        rows.add(Arrays.asList(false, 0, 0L, Double.MIN_VALUE, new BigDecimal("0.05"), new BigDecimal("1.5000000000"),
                LocalDate.of(1600, 3, 1), LocalDateTime.of(2000, 2, 29, 0, 0), "ünïcödé ✓ 𝄞 | pipe"));
        return rows;
    }

    public static ColumnBatch batch(Schema schema, List<List<Object>> rows, BufferAllocator allocator) {
        try (BatchBuilder b = new BatchBuilder(schema, allocator, rows.size())) {
            for (List<Object> r : rows) {
                b.appendRow(r);
            }
            return b.build();
        }
    }

    /** Every row of every partition of {@code t}, projected to {@code columns}. */
    public static List<List<Object>> readAll(TableSource t, int[] columns) {
        List<List<Object>> out = new ArrayList<>();
        Schema s = t.schema().project(columns);
        try (BufferAllocator a = ArrowRuntime.newChild("test-read", Long.MAX_VALUE)) {
            for (int p = 0; p < t.numPartitions(); p++) {
                try (BatchReader r = t.open(p, columns, a)) {
                    while (r.hasNext()) {
                        ColumnBatch b = r.next();
                        if (b.columnCount() != columns.length) {
                            throw new AssertionError("batch has " + b.columnCount() + " columns, asked " + columns.length);
                        }
                        for (int row = 0; row < b.rowCount(); row++) {
                            List<Object> values = new ArrayList<>();
                            for (int c = 0; c < columns.length; c++) {
                                values.add(Values.get(b.vector(c), s.type(c), row));
                            }
                            out.add(values);
                        }
                    }
                }
            }
        }
        return out;
    }

    public static List<List<Object>> readAll(TableSource t) {
        int[] all = new int[t.schema().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return readAll(t, all);
    }
}
