package dev.ember.sql;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;

import java.util.List;
import java.util.function.Function;

/**
 * Runs Calcite's validator over what the parser built, the way the engine will: standard and
 * Spark library operators plus TRY_CAST, Babel conformance (GROUP BY ordinals, LEFT SEMI/ANTI
 * joins, ...). A stand-in for
 * the engine's own setup, to prove the SqlNodes have the shapes Calcite expects.
 */
final class CalciteValidation {
    private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.SPARK, SqlLibrary.POSTGRESQL),
            SqlOperatorTables.of(SqlLibraryOperators.TRY_CAST));

    private CalciteValidation() {
    }

    static RelDataType validate(CalciteSchema schema, SqlNode query) {
        JavaTypeFactory typeFactory = new JavaTypeFactoryImpl();
        CalciteCatalogReader reader = new CalciteCatalogReader(schema, List.of(), typeFactory,
                CalciteConnectionConfig.DEFAULT);
        SqlValidator validator = SqlValidatorUtil.newValidator(OPERATORS, reader, typeFactory,
                SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.BABEL));
        SqlNode validated = validator.validate(query);
        return validator.getValidatedNodeType(validated);
    }

    /** The eight TPC-H tables, money as DECIMAL(15, 2). */
    static CalciteSchema tpch() {
        CalciteSchema root = CalciteSchema.createRootSchema(false);
        for (TpchTable<?> table : TpchTable.getTables()) {
            add(root, table.getTableName(), f -> {
                RelDataTypeFactory.Builder row = f.builder();
                for (TpchColumn<?> column : table.getColumns()) {
                    row.add(column.getColumnName(), switch (column.getType().getBase()) {
                        case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
                        case IDENTIFIER -> f.createSqlType(SqlTypeName.BIGINT);
                        case DATE -> f.createSqlType(SqlTypeName.DATE);
                        case DOUBLE -> f.createSqlType(SqlTypeName.DECIMAL, 15, 2);
                        case VARCHAR -> f.createSqlType(SqlTypeName.VARCHAR);
                    });
                }
                return row.build();
            });
        }
        return root;
    }

    static void add(CalciteSchema schema, String name, Function<RelDataTypeFactory, RelDataType> rowType) {
        schema.add(name, new AbstractTable() {
            @Override
            public RelDataType getRowType(RelDataTypeFactory typeFactory) {
                return rowType.apply(typeFactory);
            }
        });
    }

    static void add(CalciteSchema schema, String name, RelDataType rowType) {
        add(schema, name, f -> rowType);
    }
}
