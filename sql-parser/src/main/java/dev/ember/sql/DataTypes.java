package dev.ember.sql;

import dev.ember.sql.parser.EmberSqlParser.DataTypeContext;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Type names of CAST, {@code ::} and CREATE TABLE. Names are plain words looked up here, so a
 * column may still be called {@code date} or {@code string}.
 */
final class DataTypes {
    /** Every type name understood, for messages and the shell's completion. */
    static final Set<String> NAMES = Set.of("BOOLEAN", "BOOL", "TINYINT", "BYTE", "SMALLINT", "SHORT", "INT",
            "INTEGER", "BIGINT", "LONG", "FLOAT", "REAL", "DOUBLE", "DECIMAL", "NUMERIC", "DEC", "DATE",
            "TIMESTAMP", "STRING", "TEXT", "VARCHAR", "CHAR", "CHARACTER");

    private DataTypes() {
    }

    static SqlDataTypeSpec build(DataTypeContext ctx, Source source) {
        SqlParserPos pos = source.pos(ctx);
        String name = ctx.typeName.getText().toUpperCase(Locale.ROOT);
        if (Identifiers.isQuoted(ctx.typeName.getStart())) {
            name = Identifiers.upperName(ctx.typeName.getStart(), source);
        }
        List<TerminalNode> params = ctx.INTEGER_VALUE();
        if (ctx.PRECISION() != null && !name.equals("DOUBLE")) {
            throw source.error("PRECISION may only follow DOUBLE", ctx.PRECISION().getSymbol());
        }
        SqlBasicTypeNameSpec spec = switch (name) {
            case "BOOLEAN", "BOOL" -> simple(SqlTypeName.BOOLEAN, name, ctx, source);
            case "TINYINT", "BYTE" -> simple(SqlTypeName.TINYINT, name, ctx, source);
            case "SMALLINT", "SHORT" -> simple(SqlTypeName.SMALLINT, name, ctx, source);
            case "INT", "INTEGER" -> simple(SqlTypeName.INTEGER, name, ctx, source);
            case "BIGINT", "LONG" -> simple(SqlTypeName.BIGINT, name, ctx, source);
            // Spark's FLOAT is 4 bytes: Calcite calls that REAL (Calcite's FLOAT is a double).
            case "FLOAT", "REAL" -> simple(SqlTypeName.REAL, name, ctx, source);
            case "DOUBLE" -> simple(SqlTypeName.DOUBLE, name, ctx, source);
            case "DATE" -> simple(SqlTypeName.DATE, name, ctx, source);
            case "STRING", "TEXT" -> simple(SqlTypeName.VARCHAR, name, ctx, source);
            case "DECIMAL", "NUMERIC", "DEC" -> decimal(ctx, params, pos, source);
            case "TIMESTAMP" -> withLength(SqlTypeName.TIMESTAMP, name, ctx, params, pos, source);
            case "VARCHAR" -> withLength(SqlTypeName.VARCHAR, name, ctx, params, pos, source);
            case "CHAR", "CHARACTER" -> withLength(SqlTypeName.CHAR, name, ctx, params, pos, source);
            default -> throw source.error("unknown data type '" + ctx.typeName.getText() + "': expected BOOLEAN, "
                    + "TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p, s), DATE, TIMESTAMP, STRING, "
                    + "VARCHAR(n) or CHAR(n)", ctx.typeName);
        };
        return new SqlDataTypeSpec(spec, pos);
    }

    private static SqlBasicTypeNameSpec simple(SqlTypeName type, String name, DataTypeContext ctx, Source source) {
        if (!ctx.INTEGER_VALUE().isEmpty()) {
            throw source.error("type " + name + " takes no parameters", ctx.LEFT_PAREN().getSymbol());
        }
        return new SqlBasicTypeNameSpec(type, source.pos(ctx));
    }

    private static SqlBasicTypeNameSpec withLength(SqlTypeName type, String name, DataTypeContext ctx,
                                                   List<TerminalNode> params, SqlParserPos pos, Source source) {
        if (params.isEmpty()) {
            return new SqlBasicTypeNameSpec(type, pos);
        }
        if (params.size() > 1) {
            throw source.error("type " + name + " takes one parameter", params.get(1).getSymbol());
        }
        return new SqlBasicTypeNameSpec(type, positive(params.get(0), source), pos);
    }

    private static SqlBasicTypeNameSpec decimal(DataTypeContext ctx, List<TerminalNode> params, SqlParserPos pos,
                                                Source source) {
        if (params.isEmpty()) {
            return new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, pos);
        }
        int precision = positive(params.get(0), source);
        if (params.size() == 1) {
            return new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, precision, pos);
        }
        int scale = parameter(params.get(1), 0, source);
        if (scale > precision) {
            throw source.error("DECIMAL scale " + scale + " is larger than its precision " + precision,
                    params.get(1).getSymbol());
        }
        return new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, precision, scale, pos);
    }

    private static int positive(TerminalNode number, Source source) {
        return parameter(number, 1, source);
    }

    private static int parameter(TerminalNode number, int min, Source source) {
        try {
            int value = Integer.parseInt(number.getText());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw source.error("type parameter " + number.getText() + " must be "
                + (min > 0 ? "a positive integer" : "a non-negative integer"), number.getSymbol());
    }
}
