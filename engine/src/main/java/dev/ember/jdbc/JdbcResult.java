package dev.ember.jdbc;

import dev.ember.columnar.types.Schema;
import dev.ember.sql.Statement;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.Meta;

import java.util.List;

/** One result of a statement, as JDBC sees it: rows, or an update count. */
sealed interface JdbcResult extends AutoCloseable {
    @Override
    void close();

    /** Rows; {@code query} is false for the rows of a command (SHOW, SET, DESCRIBE...). */
    record Rows(Schema schema, RowSource rows, boolean query, String sql) implements JdbcResult {
        Meta.Signature signature() {
            return Meta.Signature.create(ColumnTypes.columns(schema), sql, List.<AvaticaParameter>of(),
                    Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    /** The rows a statement changed (INSERT), or 0 for DDL and settings. */
    record Count(long count, Meta.StatementType type) implements JdbcResult {
        @Override
        public void close() {
        }
    }

    /** Avatica's statement type of an Ember statement. */
    static Meta.StatementType typeOf(Statement s) {
        return switch (s) {
            case Statement.Insert i -> Meta.StatementType.INSERT;
            case Statement.CreateTable t -> Meta.StatementType.CREATE;
            case Statement.CreateView v -> Meta.StatementType.CREATE;
            case Statement.CreateTempViewUsing v -> Meta.StatementType.CREATE;
            case Statement.Drop d -> Meta.StatementType.DROP;
            case Statement.Use u -> Meta.StatementType.OTHER_DDL;
            case Statement.ResetConfig r -> Meta.StatementType.OTHER_DDL;
            case Statement.CacheTable c -> Meta.StatementType.OTHER_DDL;
            case Statement.UncacheTable c -> Meta.StatementType.OTHER_DDL;
            case Statement.ClearCache c -> Meta.StatementType.OTHER_DDL;
            case Statement.AnalyzeTable a -> Meta.StatementType.OTHER_DDL;
            case Statement.Call c -> Meta.StatementType.CALL;
            default -> Meta.StatementType.SELECT;
        };
    }
}
