package dev.ember.columnar.tpch;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The eight TPC-H tables as Ember sees them: keys BIGINT, counts INT, money and quantities
 * exact {@code DECIMAL(15,2)}, dates DATE, text STRING.
 */
public final class TpchTables {
    public static final DataType MONEY = DataType.decimal(15, 2);

    private TpchTables() {
    }

    public static List<String> names() {
        return TpchTable.getTables().stream().map(TpchTable::getTableName).toList();
    }

    public static Optional<TpchTable<?>> table(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return TpchTable.getTables().stream().filter(t -> t.getTableName().equals(n))
                .<TpchTable<?>>map(t -> t).findFirst();
    }

    public static Schema schema(TpchTable<?> table) {
        List<Field> fields = new ArrayList<>();
        for (TpchColumn<?> c : table.getColumns()) {
            fields.add(new Field(c.getColumnName(), typeOf(c), false));
        }
        return new Schema(fields);
    }

    public static DataType typeOf(TpchColumn<?> c) {
        return switch (c.getType().getBase()) {
            case IDENTIFIER -> DataType.BIGINT;
            case INTEGER -> DataType.INT;
            case DATE -> DataType.DATE;
            case DOUBLE -> MONEY;
            case VARCHAR -> DataType.STRING;
        };
    }

    /** Rows of a table at a scale factor (lineitem is an estimate until generated: about 6M per SF). */
    public static long estimatedRows(String table, double sf) {
        return switch (table) {
            case "region" -> 5;
            case "nation" -> 25;
            case "supplier" -> (long) (10_000 * sf);
            case "customer" -> (long) (150_000 * sf);
            case "part" -> (long) (200_000 * sf);
            case "partsupp" -> (long) (800_000 * sf);
            case "orders" -> (long) (1_500_000 * sf);
            case "lineitem" -> (long) (6_000_000 * sf);
            default -> throw new IllegalArgumentException("not a TPC-H table: " + table);
        };
    }

    /** The primary key columns of a table (by position), as the TPC-H specification declares them. */
    public static List<int[]> primaryKey(String table) {
        return switch (table) {
            case "partsupp" -> List.of(new int[] {0, 1});
            case "lineitem" -> List.of(new int[] {0, 3});
            default -> List.of(new int[] {0});
        };
    }

    /** Average bytes per row in Arrow, measured at SF 0.01, for size estimates before generation. */
    public static long averageRowBytes(String table) {
        return switch (table) {
            case "region" -> 140;
            case "nation" -> 150;
            case "supplier" -> 160;
            case "customer" -> 200;
            case "part" -> 140;
            case "partsupp" -> 170;
            case "orders" -> 120;
            case "lineitem" -> 130;
            default -> 100;
        };
    }

    /**
     * Partitions a table is generated in (and scanned by): about 150K rows each, at least two
     * for tables of 5000 rows or more so that even SF 0.01 exercises exchanges between
     * several partitions. The generator splits rows by order key or part key, deterministically.
     */
    public static int partitionCount(String table, double sf) {
        if (table.equals("nation") || table.equals("region")) {
            return 1;
        }
        long rows = estimatedRows(table, sf);
        int parts = (int) Math.min(4096, (rows + 149_999) / 150_000);
        return Math.max(parts, rows >= 5_000 ? 2 : 1);
    }
}
