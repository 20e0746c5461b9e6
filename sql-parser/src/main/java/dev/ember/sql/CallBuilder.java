package dev.ember.sql;

import dev.ember.sql.parser.EmberSqlLexer;
import dev.ember.sql.parser.EmberSqlParser.CountStarContext;
import dev.ember.sql.parser.EmberSqlParser.FilterClauseContext;
import dev.ember.sql.parser.EmberSqlParser.FrameBoundContext;
import dev.ember.sql.parser.EmberSqlParser.FunctionCallContext;
import dev.ember.sql.parser.EmberSqlParser.FunctionNameContext;
import dev.ember.sql.parser.EmberSqlParser.IdentifierContext;
import dev.ember.sql.parser.EmberSqlParser.NullsTreatmentContext;
import dev.ember.sql.parser.EmberSqlParser.OverClauseContext;
import dev.ember.sql.parser.EmberSqlParser.SortItemContext;
import dev.ember.sql.parser.EmberSqlParser.WindowFrameContext;
import dev.ember.sql.parser.EmberSqlParser.WindowSpecContext;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Function calls and what may follow them: {@code DISTINCT}, {@code FILTER (WHERE ...)},
 * {@code IGNORE NULLS}, and {@code OVER} windows; also ORDER BY items, which windows share with
 * queries.
 *
 * <p>Calls arrive as {@link SqlUnresolvedFunction}s named in upper case, which the validator
 * resolves against the session's operator table, as with Calcite's own parser. A few names
 * with a standard operator are mapped here: SUBSTRING/SUBSTR, POSITION, TRIM, ROW, and Spark's
 * one-argument cast functions ({@code date(x)}, {@code int(x)}, ...).
 */
abstract class CallBuilder extends ExpressionBuilder {
    private static final Map<String, SqlTypeName> CAST_FUNCTIONS = Map.ofEntries(
            Map.entry("BOOLEAN", SqlTypeName.BOOLEAN), Map.entry("TINYINT", SqlTypeName.TINYINT),
            Map.entry("SMALLINT", SqlTypeName.SMALLINT), Map.entry("INT", SqlTypeName.INTEGER),
            Map.entry("BIGINT", SqlTypeName.BIGINT), Map.entry("FLOAT", SqlTypeName.REAL),
            Map.entry("DOUBLE", SqlTypeName.DOUBLE), Map.entry("DECIMAL", SqlTypeName.DECIMAL),
            Map.entry("DATE", SqlTypeName.DATE), Map.entry("TIMESTAMP", SqlTypeName.TIMESTAMP),
            Map.entry("STRING", SqlTypeName.VARCHAR));

    CallBuilder(Source source) {
        super(source);
    }

    @Override
    final SqlNode functionCall(FunctionCallContext ctx) {
        SqlParserPos callPos = source.span(ctx.getStart(), ctx.RIGHT_PAREN().getSymbol());
        List<SqlNode> args = expressions(ctx.expression());
        SqlLiteral quantifier = null;
        if (ctx.setQuantifier() != null) {
            quantifier = (ctx.setQuantifier().DISTINCT() != null ? SqlSelectKeyword.DISTINCT : SqlSelectKeyword.ALL)
                    .symbol(pos(ctx.setQuantifier()));
        }
        SqlNode call = null;
        if (quantifier == null && ctx.filterClause() == null && ctx.overClause() == null) {
            call = standardCall(ctx.functionName(), args, callPos);
        }
        if (call == null) {
            call = unresolved(ctx.functionName()).createCall(quantifier, callPos, args.toArray(new SqlNode[0]));
        }
        return decorate(call, ctx, ctx.filterClause(), ctx.nullsTreatment(), ctx.overClause());
    }

    /** {@code f(*)}, in practice {@code count(*)}. */
    @Override
    final SqlNode countStar(CountStarContext ctx) {
        SqlParserPos callPos = source.span(ctx.getStart(), ctx.RIGHT_PAREN().getSymbol());
        SqlNode call = unresolved(ctx.functionName()).createCall(null, callPos,
                SqlIdentifier.star(pos(ctx.ASTERISK().getSymbol())));
        return decorate(call, ctx, ctx.filterClause(), null, ctx.overClause());
    }

    private SqlNode decorate(SqlNode call, ParserRuleContext whole, FilterClauseContext filter,
                             NullsTreatmentContext nulls, OverClauseContext over) {
        if (filter != null) {
            call = SqlStdOperatorTable.FILTER.createCall(source.span(whole.getStart(), filter.getStop()), call,
                    booleanExpression(filter.booleanExpression()));
        }
        if (nulls != null) {
            call = (nulls.IGNORE() != null ? SqlStdOperatorTable.IGNORE_NULLS : SqlStdOperatorTable.RESPECT_NULLS)
                    .createCall(source.span(whole.getStart(), nulls.getStop()), call);
        }
        if (over != null) {
            SqlNode window = over.windowName != null ? simpleIdentifier(over.windowName) : window(over.windowSpec());
            call = SqlStdOperatorTable.OVER.createCall(source.span(whole.getStart(), over.getStop()), call, window);
        }
        return call;
    }

    private SqlUnresolvedFunction unresolved(FunctionNameContext ctx) {
        return new SqlUnresolvedFunction(functionName(ctx), null, null, null, null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private SqlIdentifier functionName(FunctionNameContext ctx) {
        if (ctx.qualifiedName() == null) {
            return new SqlIdentifier(ctx.getText().toUpperCase(Locale.ROOT), pos(ctx));
        }
        List<String> names = new ArrayList<>();
        List<SqlParserPos> positions = new ArrayList<>();
        for (IdentifierContext part : ctx.qualifiedName().identifier()) {
            names.add(Identifiers.upperName(part.getStart(), source));
            positions.add(pos(part));
        }
        return new SqlIdentifier(names, null, pos(ctx), positions);
    }

    /** Functions with a standard operator or a fixed meaning; null for any other function. */
    private SqlNode standardCall(FunctionNameContext name, List<SqlNode> args, SqlParserPos pos) {
        if (name.qualifiedName() == null || name.qualifiedName().identifier().size() != 1) {
            return null;
        }
        Token token = name.getStart();
        if (Identifiers.isQuoted(token)) {
            return null;
        }
        String upper = Identifiers.upperName(token, source);
        int n = args.size();
        switch (upper) {
            case "SUBSTRING", "SUBSTR":
                return n == 2 || n == 3 ? SqlStdOperatorTable.SUBSTRING.createCall(pos, args) : null;
            case "POSITION":
                return n == 2 || n == 3 ? SqlStdOperatorTable.POSITION.createCall(pos, args) : null;
            case "TRIM":
                return n == 1 ? SqlStdOperatorTable.TRIM.createCall(pos, SqlTrimFunction.Flag.BOTH.symbol(pos),
                        SqlLiteral.createCharString(" ", pos), args.get(0)) : null;
            case "ROW":
                return SqlStdOperatorTable.ROW.createCall(pos, args);
            default:
                SqlTypeName type = CAST_FUNCTIONS.get(upper);
                if (type != null && n == 1) {
                    SqlDataTypeSpec spec = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, pos(name)), pos(name));
                    return SqlStdOperatorTable.CAST.createCall(pos, args.get(0), spec);
                }
                return null;
        }
    }

    // ---- windows

    /** A window specification. */
    final SqlWindow window(WindowSpecContext ctx) {
        return window(ctx, null, pos(ctx));
    }

    /** A window of a WINDOW clause, named {@code declName}, positioned from its name. */
    final SqlWindow window(WindowSpecContext ctx, SqlIdentifier declName, SqlParserPos pos) {
        SqlIdentifier base = ctx.base == null ? null : simpleIdentifier(ctx.base);
        SqlParserPos partitionPos = ctx.partition.isEmpty() ? pos
                : source.span(ctx.partition.get(0), ctx.partition.get(ctx.partition.size() - 1));
        SqlNodeList partition = new SqlNodeList(expressions(ctx.partition), partitionPos);
        SqlNodeList order = sortItems(ctx.sortItem(), pos);
        WindowFrameContext frame = ctx.windowFrame();
        SqlLiteral isRows = SqlLiteral.createBoolean(frame != null && frame.frameType.getType() == EmberSqlLexer.ROWS,
                frame == null ? pos : pos(frame.frameType));
        SqlNode lower = frame == null ? null : bound(frame.start);
        SqlNode upper = frame == null || frame.end == null ? null : bound(frame.end);
        return SqlWindow.create(declName, base, partition, order, isRows, lower, upper, null, pos);
    }

    private SqlNode bound(FrameBoundContext ctx) {
        SqlParserPos pos = pos(ctx);
        if (ctx.CURRENT() != null) {
            return SqlWindow.createCurrentRow(pos);
        }
        boolean preceding = ctx.boundType.getType() == EmberSqlLexer.PRECEDING;
        if (ctx.UNBOUNDED() != null) {
            return preceding ? SqlWindow.createUnboundedPreceding(pos) : SqlWindow.createUnboundedFollowing(pos);
        }
        SqlNode offset = valueExpression(ctx.valueExpression());
        return preceding ? SqlWindow.createPreceding(offset, pos) : SqlWindow.createFollowing(offset, pos);
    }

    /** ORDER BY items: DESC and NULLS FIRST/LAST wrap the expression, ASC is the default. */
    final SqlNodeList sortItems(List<SortItemContext> items, SqlParserPos emptyPos) {
        List<SqlNode> out = new ArrayList<>(items.size());
        for (SortItemContext item : items) {
            SqlParserPos pos = pos(item);
            SqlNode e = expression(item.expression());
            if (item.ordering != null && item.ordering.getType() == EmberSqlLexer.DESC) {
                e = SqlStdOperatorTable.DESC.createCall(pos, e);
            }
            if (item.nullOrder != null) {
                e = (item.nullOrder.getType() == EmberSqlLexer.FIRST
                        ? SqlStdOperatorTable.NULLS_FIRST : SqlStdOperatorTable.NULLS_LAST).createCall(pos, e);
            }
            out.add(e);
        }
        return new SqlNodeList(out, items.isEmpty() ? emptyPos : source.span(items.get(0), items.get(items.size() - 1)));
    }
}
