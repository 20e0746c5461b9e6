package dev.ember.sql;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;

import java.util.List;
import java.util.Map;

/**
 * What one SQL statement asks for. Queries carry Calcite {@link SqlNode}s (Calcite gives them
 * meaning); engine commands are plain records. Names are lists of identifier parts, already
 * case-normalized (unquoted parts lower-cased, quoted parts as written).
 */
public sealed interface Statement {

    /** A query: SELECT, VALUES, WITH, set operations, possibly with ORDER BY / LIMIT. */
    record Query(SqlNode query) implements Statement {
    }

    /** {@code EXPLAIN [mode] statement}. */
    record Explain(ExplainMode mode, Statement target) implements Statement {
    }

    enum ExplainMode { LOGICAL, OPTIMIZED, PHYSICAL, ANALYZE, FORMATTED, LINEAGE }

    /** {@code SET key = value}. */
    record SetConfig(String key, String value) implements Statement {
    }

    /** {@code SET} (explicit values) or {@code SET -v} (every setting with its doc). */
    record ShowConfig(boolean verbose) implements Statement {
    }

    /** {@code RESET} (key null) or {@code RESET key}. */
    record ResetConfig(String key) implements Statement {
    }

    /** {@code USE schema}. */
    record Use(List<String> schema) implements Statement {
    }

    /** {@code SHOW TABLES [IN|FROM schema] [LIKE 'pattern']}; schema and pattern may be null. */
    record ShowTables(List<String> schema, String likePattern) implements Statement {
    }

    /** {@code SHOW SCHEMAS [LIKE 'pattern']}. */
    record ShowSchemas(String likePattern) implements Statement {
    }

    /** {@code SHOW FUNCTIONS [LIKE 'pattern']}. */
    record ShowFunctions(String likePattern) implements Statement {
    }

    /** {@code SHOW COLUMNS FROM|IN table}. */
    record ShowColumns(List<String> table) implements Statement {
    }

    /** {@code SHOW CACHE}: cached relations and where their partitions are. */
    record ShowCache() implements Statement {
    }

    /**
     * {@code DESCRIBE|DESC [TABLE] [EXTENDED|FORMATTED] table [column]}: the columns, with
     * EXTENDED the table's details and statistics; of one column, with EXTENDED its statistics.
     * {@code column} is null when absent.
     */
    record Describe(List<String> table, boolean extended, String column) implements Statement {
        public Describe(List<String> table) {
            this(table, false, null);
        }
    }

    /** {@code DESCRIBE query}: the result columns of a query. */
    record DescribeQuery(SqlNode query) implements Statement {
    }

    /** {@code CREATE [OR REPLACE] [TEMP|TEMPORARY] VIEW name [(cols)] AS query}. */
    record CreateView(List<String> name, boolean orReplace, boolean temporary, boolean ifNotExists,
                      List<String> columnAliases, SqlNode query, String queryText) implements Statement {
    }

    /**
     * {@code CREATE [OR REPLACE] TEMP|TEMPORARY VIEW name [(columns)] USING format [OPTIONS (k 'v', ...)]}:
     * a temporary view over files, as in Spark. Columns may be empty (schema inferred).
     */
    record CreateTempViewUsing(List<String> name, boolean orReplace, List<ColumnDef> columns, String format,
                               Map<String, String> options) implements Statement {
    }

    /** A column of {@code CREATE TABLE}. */
    record ColumnDef(String name, SqlDataTypeSpec type, boolean nullable) {
    }

    /**
     * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(columns)] [USING format]
     * [OPTIONS (k 'v', ...)] [AS query]}. Columns may be empty (CTAS, or a file source whose
     * schema is inferred); format is null for an in-memory table; query is null unless CTAS.
     */
    record CreateTable(List<String> name, boolean orReplace, boolean ifNotExists, List<ColumnDef> columns,
                       String format, Map<String, String> options, SqlNode query) implements Statement {
    }

    /** {@code INSERT INTO|OVERWRITE [TABLE] t [(cols)] query-or-VALUES}; columns null when absent. */
    record Insert(List<String> table, List<String> columns, SqlNode source, boolean overwrite) implements Statement {
    }

    /** {@code DROP TABLE|VIEW [IF EXISTS] name}. */
    record Drop(List<String> name, boolean view, boolean ifExists) implements Statement {
    }

    /** {@code CACHE [LAZY] TABLE name [OPTIONS ('storageLevel' 'DISK_ONLY')] [[AS] query]}. */
    record CacheTable(List<String> name, boolean lazy, Map<String, String> options, SqlNode query)
            implements Statement {
    }

    /** {@code UNCACHE TABLE [IF EXISTS] name}. */
    record UncacheTable(List<String> name, boolean ifExists) implements Statement {
    }

    /** {@code CLEAR CACHE}. */
    record ClearCache() implements Statement {
    }

    /** {@code ANALYZE TABLE name COMPUTE STATISTICS [NOSCAN | FOR COLUMNS c1, c2 | FOR ALL COLUMNS]}. */
    record AnalyzeTable(List<String> name, boolean noScan, boolean forColumns, List<String> columns) implements Statement {
    }

    /** {@code CALL procedure(args)}, e.g. {@code CALL tpch_export('sf1', 'parquet', '/tmp/x')}. */
    record Call(List<String> procedure, List<SqlNode> arguments) implements Statement {
    }
}
