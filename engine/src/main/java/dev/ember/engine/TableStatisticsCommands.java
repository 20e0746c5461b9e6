package dev.ember.engine;

import dev.ember.catalog.AnalyzedStatistics;
import dev.ember.catalog.Catalog;
import dev.ember.catalog.CatalogEntry;
import dev.ember.columnar.source.TableStatistics.ColumnStatistics;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.sql.Statement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ANALYZE TABLE t COMPUTE STATISTICS [NOSCAN | FOR COLUMNS a, b | FOR ALL COLUMNS]} and
 * what {@code DESCRIBE EXTENDED} shows of the result. The table's rows are counted, and each
 * column's distinct values (exactly: {@code count(DISTINCT c)}), NULLs, bounds and average width
 * measured, by one aggregate query over the table; NOSCAN records only the size in bytes the
 * source reports. The results go to the catalog, where the optimizer reads them.
 */
final class TableStatisticsCommands {
    private final EmberSession session;

    TableStatisticsCommands(EmberSession session) {
        this.session = session;
    }

    DataFrame analyze(Statement.AnalyzeTable a) {
        Catalog.Resolved r = session.catalog().require(a.name());
        if (!(r.entry() instanceof CatalogEntry.SourceTable table)) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "ANALYZE TABLE needs a table: `"
                    + String.join(".", a.name()) + "` is a view");
        }
        Schema schema = table.source().schema();
        List<Field> columns = new ArrayList<>();
        if (a.forColumns()) {
            if (a.columns().isEmpty()) {
                columns.addAll(schema.fields());
            }
            for (String c : a.columns()) {
                int i = schema.indexOf(c);
                if (i < 0) {
                    throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "column `" + c + "` does not exist in `"
                            + String.join(".", r.qualifiedName()) + "`"
                            + hint(c, schema.names()));
                }
                columns.add(schema.fields().get(i));
            }
        }
        long bytes = table.source().statistics().sizeInBytes();
        if (a.noScan()) {
            session.catalog().putStatistics(r.qualifiedName(), new AnalyzedStatistics(bytes, null, Map.of()));
            return session.local(new Schema(List.of()), List.of());
        }
        Row measured = session.sql(measureQuery(r.qualifiedName(), columns)).collectAsList().get(0);
        long rows = ((Number) measured.get(0)).longValue();
        Map<String, ColumnStatistics> stats = new LinkedHashMap<>();
        int at = 1;
        for (Field f : columns) {
            long nonNull = ((Number) measured.get(at)).longValue();
            long distinct = ((Number) measured.get(at + 1)).longValue();
            Object min = null;
            Object max = null;
            Double width = (double) Math.max(0, f.type().fixedWidth());
            at += 2;
            if (ordered(f.type())) {
                min = measured.get(at);
                max = measured.get(at + 1);
                at += 2;
            }
            if (f.type() instanceof DataType.StringType) {
                Object avg = measured.get(at++);
                width = avg == null ? 0.0 : ((Number) avg).doubleValue();
            }
            stats.put(f.name(), new ColumnStatistics((double) distinct, (double) (rows - nonNull), min, max, width));
        }
        session.catalog().putStatistics(r.qualifiedName(), new AnalyzedStatistics(bytes, rows, stats));
        return session.local(new Schema(List.of()), List.of());
    }

    private static String hint(String name, List<String> candidates) {
        String h = dev.ember.common.Suggestions.didYouMean(name, candidates);
        return h.isEmpty() ? "" : "; " + h;
    }

    /** Types with an order, whose bounds are worth keeping (and that min and max accept). */
    private static boolean ordered(DataType t) {
        return switch (t) {
            case DataType.IntType i -> true;
            case DataType.BigIntType b -> true;
            case DataType.DoubleType d -> true;
            case DataType.DecimalType d -> true;
            case DataType.DateType d -> true;
            case DataType.TimestampType ts -> true;
            case DataType.StringType s -> true;
            default -> false;
        };
    }

    /** count(*), then per column count(c), count(DISTINCT c) [, min(c), max(c)] [, avg(length(c))]. */
    private static String measureQuery(List<String> table, List<Field> columns) {
        List<String> items = new ArrayList<>();
        items.add("count(*)");
        for (Field f : columns) {
            String c = quote(f.name());
            items.add("count(" + c + ")");
            items.add("count(DISTINCT " + c + ")");
            if (ordered(f.type())) {
                items.add("min(" + c + ")");
                items.add("max(" + c + ")");
            }
            if (f.type() instanceof DataType.StringType) {
                items.add("avg(CAST(length(" + c + ") AS DOUBLE))");
            }
        }
        return "select " + String.join(", ", items) + " from "
                + String.join(".", table.stream().map(TableStatisticsCommands::quote).toList());
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    // ---- DESCRIBE EXTENDED

    /** Spark's "Statistics" value: {@code 1234 bytes, 10 rows}; null when never analyzed. */
    String statisticsLine(List<String> qualifiedName) {
        return session.catalog().statistics(qualifiedName)
                .map(s -> s.sizeInBytes() + " bytes" + (s.rowCount() == null ? "" : ", " + s.rowCount() + " rows"))
                .orElse(null);
    }

    /** {@code DESCRIBE [EXTENDED] t c}: the column, and with EXTENDED its measured statistics (NULL when not analyzed). */
    DataFrame describeColumn(Catalog.Resolved r, Schema schema, String column, boolean extended) {
        int i = schema.indexOf(column);
        if (i < 0) {
            throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "column `" + column + "` does not exist in `"
                    + String.join(".", r.qualifiedName()) + "`" + hint(column, schema.names()));
        }
        Field f = schema.fields().get(i);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("col_name", f.name()));
        rows.add(Row.of("data_type", f.type().sql()));
        rows.add(Row.of("nullable", f.nullable() ? "YES" : "NO"));
        if (extended) {
            ColumnStatistics s = session.catalog().statistics(r.qualifiedName())
                    .map(a -> a.columns().get(f.name())).orElse(null);
            rows.add(Row.of("min", s == null ? "NULL" : text(s.min())));
            rows.add(Row.of("max", s == null ? "NULL" : text(s.max())));
            rows.add(Row.of("num_nulls", s == null ? "NULL" : text(s.nullCount().longValue())));
            rows.add(Row.of("distinct_count", s == null ? "NULL" : text(s.distinctCount().longValue())));
            rows.add(Row.of("avg_col_len", s == null ? "NULL" : text(s.avgWidth())));
        }
        List<Field> out = List.of(Field.of("info_name", DataType.STRING), Field.of("info_value", DataType.STRING));
        return session.local(new Schema(out), rows);
    }

    private static String text(Object v) {
        return switch (v) {
            case null -> "NULL";
            case Double d when d == Math.rint(d) && !Double.isInfinite(d) -> Long.toString(d.longValue());
            case Double d -> String.format(Locale.ROOT, "%.2f", d);
            case BigDecimal b -> b.toPlainString();
            default -> v.toString();
        };
    }
}
