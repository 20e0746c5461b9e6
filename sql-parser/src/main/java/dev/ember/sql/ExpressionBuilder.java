package dev.ember.sql;

import dev.ember.sql.parser.EmberSqlLexer;
import dev.ember.sql.parser.EmberSqlParser.ArithmeticBinaryContext;
import dev.ember.sql.parser.EmberSqlParser.ArithmeticUnaryContext;
import dev.ember.sql.parser.EmberSqlParser.BetweenPredicateContext;
import dev.ember.sql.parser.EmberSqlParser.BooleanExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.BooleanLiteralContext;
import dev.ember.sql.parser.EmberSqlParser.CastContext;
import dev.ember.sql.parser.EmberSqlParser.ColumnReferenceContext;
import dev.ember.sql.parser.EmberSqlParser.ComparisonOperatorContext;
import dev.ember.sql.parser.EmberSqlParser.ComparisonContext;
import dev.ember.sql.parser.EmberSqlParser.CountStarContext;
import dev.ember.sql.parser.EmberSqlParser.CurrentDatetimeContext;
import dev.ember.sql.parser.EmberSqlParser.DistinctFromPredicateContext;
import dev.ember.sql.parser.EmberSqlParser.ExistsContext;
import dev.ember.sql.parser.EmberSqlParser.ExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.ExtractContext;
import dev.ember.sql.parser.EmberSqlParser.FunctionCallContext;
import dev.ember.sql.parser.EmberSqlParser.IdentifierContext;
import dev.ember.sql.parser.EmberSqlParser.InListPredicateContext;
import dev.ember.sql.parser.EmberSqlParser.InSubqueryPredicateContext;
import dev.ember.sql.parser.EmberSqlParser.IntervalLiteralContext;
import dev.ember.sql.parser.EmberSqlParser.IsPredicateContext;
import dev.ember.sql.parser.EmberSqlParser.LikePredicateContext;
import dev.ember.sql.parser.EmberSqlParser.LiteralContext;
import dev.ember.sql.parser.EmberSqlParser.LiteralExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.LogicalBinaryContext;
import dev.ember.sql.parser.EmberSqlParser.LogicalNotContext;
import dev.ember.sql.parser.EmberSqlParser.MultipartIdentifierContext;
import dev.ember.sql.parser.EmberSqlParser.NamedExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.NullLiteralContext;
import dev.ember.sql.parser.EmberSqlParser.NumericLiteralContext;
import dev.ember.sql.parser.EmberSqlParser.ParenthesizedExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.PositionContext;
import dev.ember.sql.parser.EmberSqlParser.PostfixCastContext;
import dev.ember.sql.parser.EmberSqlParser.PredicateContext;
import dev.ember.sql.parser.EmberSqlParser.PredicatedContext;
import dev.ember.sql.parser.EmberSqlParser.PrimaryExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.QualifiedNameContext;
import dev.ember.sql.parser.EmberSqlParser.QuantifiedComparisonContext;
import dev.ember.sql.parser.EmberSqlParser.QueryContext;
import dev.ember.sql.parser.EmberSqlParser.RowConstructorContext;
import dev.ember.sql.parser.EmberSqlParser.SearchedCaseContext;
import dev.ember.sql.parser.EmberSqlParser.SimpleCaseContext;
import dev.ember.sql.parser.EmberSqlParser.StarContext;
import dev.ember.sql.parser.EmberSqlParser.StringLiteralContext;
import dev.ember.sql.parser.EmberSqlParser.SubqueryExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.SubstringContext;
import dev.ember.sql.parser.EmberSqlParser.TrimContext;
import dev.ember.sql.parser.EmberSqlParser.TypedLiteralContext;
import dev.ember.sql.parser.EmberSqlParser.ValueExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.ValueExpressionDefaultContext;
import dev.ember.sql.parser.EmberSqlParser.WhenClauseContext;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;

/**
 * Parse tree to Calcite expressions: boolean logic, predicates, arithmetic, literals, CASE,
 * CAST and the special-syntax functions. Function calls, windows and queries are built by the
 * subclasses.
 */
abstract class ExpressionBuilder {
    protected final Source source;

    ExpressionBuilder(Source source) {
        this.source = source;
    }

    abstract SqlNode query(QueryContext ctx);

    abstract SqlNode functionCall(FunctionCallContext ctx);

    abstract SqlNode countStar(CountStarContext ctx);

    final SqlParserPos pos(ParserRuleContext ctx) {
        return source.pos(ctx);
    }

    final SqlParserPos pos(Token token) {
        return source.pos(token);
    }

    /** {@code expr [AS alias]}: an AS call when aliased. */
    final SqlNode namedExpression(NamedExpressionContext ctx) {
        SqlNode e = expression(ctx.expression());
        if (ctx.alias == null) {
            return e;
        }
        return SqlStdOperatorTable.AS.createCall(pos(ctx), e, simpleIdentifier(ctx.alias));
    }

    final SqlNode expression(ExpressionContext ctx) {
        return booleanExpression(ctx.booleanExpression());
    }

    final List<SqlNode> expressions(List<ExpressionContext> ctxs) {
        List<SqlNode> out = new ArrayList<>(ctxs.size());
        for (ExpressionContext e : ctxs) {
            out.add(expression(e));
        }
        return out;
    }

    final SqlNode booleanExpression(BooleanExpressionContext ctx) {
        SqlParserPos pos = pos(ctx);
        return switch (ctx) {
            case LogicalNotContext c -> SqlStdOperatorTable.NOT.createCall(pos, booleanExpression(c.booleanExpression()));
            case ExistsContext c -> SqlStdOperatorTable.EXISTS.createCall(pos, query(c.query()));
            case PredicatedContext c -> c.predicate() == null
                    ? valueExpression(c.valueExpression())
                    : predicate(valueExpression(c.valueExpression()), c.predicate(), pos);
            case LogicalBinaryContext c -> (c.op.getType() == EmberSqlLexer.AND
                    ? SqlStdOperatorTable.AND : SqlStdOperatorTable.OR)
                    .createCall(pos, booleanExpression(c.left), booleanExpression(c.right));
            default -> throw unexpected(ctx);
        };
    }

    private SqlNode predicate(SqlNode value, PredicateContext ctx, SqlParserPos pos) {
        return switch (ctx) {
            case BetweenPredicateContext c -> {
                boolean not = c.NOT() != null;
                SqlOperator op = c.symmetric != null
                        ? (not ? SqlStdOperatorTable.SYMMETRIC_NOT_BETWEEN : SqlStdOperatorTable.SYMMETRIC_BETWEEN)
                        : (not ? SqlStdOperatorTable.NOT_BETWEEN : SqlStdOperatorTable.BETWEEN);
                yield op.createCall(pos, value, valueExpression(c.lower), valueExpression(c.upper));
            }
            case InSubqueryPredicateContext c -> (c.NOT() != null ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN)
                    .createCall(pos, value, query(c.query()));
            case InListPredicateContext c -> {
                SqlNodeList list = new SqlNodeList(expressions(c.expression()),
                        source.span(c.LEFT_PAREN().getSymbol(), c.RIGHT_PAREN().getSymbol()));
                yield (c.NOT() != null ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN)
                        .createCall(pos, value, list);
            }
            case LikePredicateContext c -> {
                boolean not = c.NOT() != null;
                SqlOperator op = switch (c.kind.getType()) {
                    case EmberSqlLexer.ILIKE -> not ? SqlLibraryOperators.NOT_ILIKE : SqlLibraryOperators.ILIKE;
                    case EmberSqlLexer.RLIKE -> not ? SqlLibraryOperators.NOT_RLIKE : SqlLibraryOperators.RLIKE;
                    default -> not ? SqlStdOperatorTable.NOT_LIKE : SqlStdOperatorTable.LIKE;
                };
                SqlNode pattern = valueExpression(c.pattern);
                if (c.escape == null) {
                    yield op.createCall(pos, value, pattern);
                }
                if (c.kind.getType() == EmberSqlLexer.RLIKE) {
                    throw source.error("ESCAPE applies to LIKE and ILIKE, not RLIKE", c.ESCAPE().getSymbol());
                }
                yield op.createCall(pos, value, pattern, valueExpression(c.escape));
            }
            case IsPredicateContext c -> {
                boolean not = c.NOT() != null;
                SqlOperator op = switch (c.kind.getType()) {
                    case EmberSqlLexer.NULL -> not ? SqlStdOperatorTable.IS_NOT_NULL : SqlStdOperatorTable.IS_NULL;
                    case EmberSqlLexer.TRUE -> not ? SqlStdOperatorTable.IS_NOT_TRUE : SqlStdOperatorTable.IS_TRUE;
                    case EmberSqlLexer.FALSE -> not ? SqlStdOperatorTable.IS_NOT_FALSE : SqlStdOperatorTable.IS_FALSE;
                    default -> not ? SqlStdOperatorTable.IS_NOT_UNKNOWN : SqlStdOperatorTable.IS_UNKNOWN;
                };
                yield op.createCall(pos, value);
            }
            case DistinctFromPredicateContext c -> (c.NOT() != null
                    ? SqlStdOperatorTable.IS_NOT_DISTINCT_FROM : SqlStdOperatorTable.IS_DISTINCT_FROM)
                    .createCall(pos, value, valueExpression(c.right));
            case QuantifiedComparisonContext c -> {
                // Calcite's quantified operators: the validator types them and SqlToRelConverter
                // turns them into SOME subqueries (ALL as NOT SOME of the negated comparison), which
                // the subquery phase removes like IN, with the same NULL semantics.
                SqlKind kind = comparisonKind(c.comparisonOperator());
                SqlOperator op = c.quantifier.getType() == EmberSqlLexer.ALL
                        ? SqlStdOperatorTable.all(kind) : SqlStdOperatorTable.some(kind);
                yield op.createCall(pos, value, query(c.query()));
            }
            default -> throw unexpected(ctx);
        };
    }

    final SqlNode valueExpression(ValueExpressionContext ctx) {
        SqlParserPos pos = pos(ctx);
        return switch (ctx) {
            case ValueExpressionDefaultContext c -> primaryExpression(c.primaryExpression());
            case ArithmeticUnaryContext c -> {
                SqlNode operand = valueExpression(c.valueExpression());
                if (c.op.getType() == EmberSqlLexer.PLUS) {
                    yield SqlStdOperatorTable.UNARY_PLUS.createCall(pos, operand);
                }
                yield operand instanceof SqlNumericLiteral n && n.getValue() != null && isBareNumber(c)
                        ? Literals.negate(n, pos)
                        : SqlStdOperatorTable.UNARY_MINUS.createCall(pos, operand);
            }
            case ArithmeticBinaryContext c -> {
                SqlBinaryOperator op = switch (c.op.getType()) {
                    case EmberSqlLexer.ASTERISK -> SqlStdOperatorTable.MULTIPLY;
                    case EmberSqlLexer.SLASH -> ArithmeticOperators.DIVIDE;
                    case EmberSqlLexer.PERCENT -> ArithmeticOperators.REMAINDER;
                    case EmberSqlLexer.PLUS -> SqlStdOperatorTable.PLUS;
                    case EmberSqlLexer.MINUS -> SqlStdOperatorTable.MINUS;
                    default -> SqlStdOperatorTable.CONCAT;
                };
                yield op.createCall(pos, valueExpression(c.left), valueExpression(c.right));
            }
            case ComparisonContext c -> {
                SqlBinaryOperator op = switch (c.comparisonOperator().getStart().getType()) {
                    case EmberSqlLexer.EQ -> SqlStdOperatorTable.EQUALS;
                    case EmberSqlLexer.NEQ, EmberSqlLexer.NEQJ -> SqlStdOperatorTable.NOT_EQUALS;
                    case EmberSqlLexer.LT -> SqlStdOperatorTable.LESS_THAN;
                    case EmberSqlLexer.LTE -> SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
                    case EmberSqlLexer.GT -> SqlStdOperatorTable.GREATER_THAN;
                    case EmberSqlLexer.GTE -> SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
                    default -> SqlStdOperatorTable.IS_NOT_DISTINCT_FROM;
                };
                yield op.createCall(pos, valueExpression(c.left), valueExpression(c.right));
            }
            default -> throw unexpected(ctx);
        };
    }

    /** The comparison a quantifier applies to; {@code <=>} has no quantified form (nor in Spark). */
    private SqlKind comparisonKind(ComparisonOperatorContext ctx) {
        return switch (ctx.getStart().getType()) {
            case EmberSqlLexer.EQ -> SqlKind.EQUALS;
            case EmberSqlLexer.NEQ, EmberSqlLexer.NEQJ -> SqlKind.NOT_EQUALS;
            case EmberSqlLexer.LT -> SqlKind.LESS_THAN;
            case EmberSqlLexer.LTE -> SqlKind.LESS_THAN_OR_EQUAL;
            case EmberSqlLexer.GT -> SqlKind.GREATER_THAN;
            case EmberSqlLexer.GTE -> SqlKind.GREATER_THAN_OR_EQUAL;
            default -> throw source.error("<=> cannot be used with ALL, ANY or SOME; use =", ctx.getStart());
        };
    }

    /** {@code -5} folds into a literal; {@code -(5)} and {@code -5::int} stay calls. */
    private static boolean isBareNumber(ArithmeticUnaryContext c) {
        return c.valueExpression() instanceof ValueExpressionDefaultContext d
                && d.primaryExpression() instanceof LiteralExpressionContext l
                && l.literal() instanceof NumericLiteralContext n
                && n.number().TYPED_NUMBER() == null;
    }

    final SqlNode primaryExpression(PrimaryExpressionContext ctx) {
        SqlParserPos pos = pos(ctx);
        return switch (ctx) {
            case LiteralExpressionContext c -> literal(c.literal());
            // createSwitched also supplies the ELSE NULL that the validator expects.
            case SearchedCaseContext c -> SqlCase.createSwitched(pos, null, whens(c.whenClause(), true),
                    whens(c.whenClause(), false), c.elseExpression == null ? null : expression(c.elseExpression));
            case SimpleCaseContext c -> {
                // createSwitched turns each condition into "value = when" positioned at the whole
                // CASE, so the list of conditions spans the whole CASE too.
                SqlNodeList conditions = new SqlNodeList(whens(c.whenClause(), true).getList(), pos);
                yield SqlCase.createSwitched(pos, expression(c.value), conditions, whens(c.whenClause(), false),
                        c.elseExpression == null ? null : expression(c.elseExpression));
            }
            case CastContext c -> (c.castKind.getType() == EmberSqlLexer.TRY_CAST
                    ? SqlLibraryOperators.TRY_CAST : SqlStdOperatorTable.CAST)
                    .createCall(pos, expression(c.expression()), DataTypes.build(c.dataType(), source));
            case PostfixCastContext c -> SqlStdOperatorTable.CAST.createCall(pos,
                    primaryExpression(c.primaryExpression()), DataTypes.build(c.dataType(), source));
            case ExtractContext c -> SqlStdOperatorTable.EXTRACT.createCall(pos,
                    TimeUnits.extractField(c.field.identifier(), source), expression(c.expression()));
            case SubstringContext c -> c.length == null
                    ? SqlStdOperatorTable.SUBSTRING.createCall(pos, valueExpression(c.str), valueExpression(c.from))
                    : SqlStdOperatorTable.SUBSTRING.createCall(pos, valueExpression(c.str), valueExpression(c.from),
                    valueExpression(c.length));
            case PositionContext c -> SqlStdOperatorTable.POSITION.createCall(pos,
                    valueExpression(c.needle), valueExpression(c.haystack));
            case TrimContext c -> trim(c, pos);
            case CurrentDatetimeContext c -> (c.name.getType() == EmberSqlLexer.CURRENT_DATE
                    ? SqlStdOperatorTable.CURRENT_DATE : SqlStdOperatorTable.CURRENT_TIMESTAMP).createCall(pos);
            case CountStarContext c -> countStar(c);
            case FunctionCallContext c -> functionCall(c);
            case SubqueryExpressionContext c -> query(c.query());
            case RowConstructorContext c -> SqlStdOperatorTable.ROW.createCall(pos, expressions(c.expression()));
            case ParenthesizedExpressionContext c -> expression(c.expression());
            case ColumnReferenceContext c -> identifier(c.qualifiedName());
            default -> throw unexpected(ctx);
        };
    }

    private SqlNodeList whens(List<WhenClauseContext> whens, boolean conditions) {
        List<SqlNode> out = new ArrayList<>(whens.size());
        for (WhenClauseContext w : whens) {
            out.add(expression(conditions ? w.condition : w.result));
        }
        return new SqlNodeList(out, source.span(whens.get(0), whens.get(whens.size() - 1)));
    }

    /** {@code TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)}; both sides and a space by default. */
    private SqlNode trim(TrimContext c, SqlParserPos pos) {
        SqlTrimFunction.Flag flag = SqlTrimFunction.Flag.BOTH;
        SqlParserPos flagPos = pos;
        if (c.trimOption != null) {
            flagPos = pos(c.trimOption);
            flag = switch (c.trimOption.getType()) {
                case EmberSqlLexer.LEADING -> SqlTrimFunction.Flag.LEADING;
                case EmberSqlLexer.TRAILING -> SqlTrimFunction.Flag.TRAILING;
                default -> SqlTrimFunction.Flag.BOTH;
            };
        }
        SqlNode chars = c.trimChar == null ? SqlLiteral.createCharString(" ", pos) : valueExpression(c.trimChar);
        return SqlStdOperatorTable.TRIM.createCall(pos, flag.symbol(flagPos), chars, valueExpression(c.str));
    }

    final SqlNode literal(LiteralContext ctx) {
        SqlParserPos pos = pos(ctx);
        return switch (ctx) {
            case NullLiteralContext c -> SqlLiteral.createNull(pos);
            case BooleanLiteralContext c -> SqlLiteral.createBoolean(c.TRUE() != null, pos);
            case NumericLiteralContext c -> Literals.number(c.number().getStart(), source);
            case StringLiteralContext c -> Literals.string(c.STRING().getSymbol(), source);
            case IntervalLiteralContext c -> Literals.interval(c.sign, c.value, c.from.getStart(),
                    c.to == null ? null : c.to.getStart(), pos, source);
            case TypedLiteralContext c -> Literals.typed(c.typeName.getText(), c.STRING().getSymbol(), pos, source);
            default -> throw unexpected(ctx);
        };
    }

    // ---- names

    final String name(IdentifierContext ctx) {
        return Identifiers.name(ctx.getStart(), source);
    }

    final List<String> names(List<IdentifierContext> ctxs) {
        List<String> out = new ArrayList<>(ctxs.size());
        for (IdentifierContext c : ctxs) {
            out.add(name(c));
        }
        return List.copyOf(out);
    }

    final List<String> names(MultipartIdentifierContext ctx) {
        return names(ctx.identifier());
    }

    final SqlIdentifier simpleIdentifier(IdentifierContext ctx) {
        return new SqlIdentifier(name(ctx), pos(ctx));
    }

    final SqlIdentifier identifier(List<IdentifierContext> parts, SqlParserPos pos) {
        List<SqlParserPos> positions = new ArrayList<>(parts.size());
        for (IdentifierContext p : parts) {
            positions.add(pos(p));
        }
        return new SqlIdentifier(names(parts), null, pos, positions);
    }

    final SqlIdentifier identifier(QualifiedNameContext ctx) {
        return identifier(ctx.identifier(), pos(ctx));
    }

    final SqlIdentifier identifier(MultipartIdentifierContext ctx) {
        return identifier(ctx.identifier(), pos(ctx));
    }

    /** {@code *} or {@code t.*}. */
    final SqlIdentifier star(StarContext ctx) {
        List<String> names = new ArrayList<>();
        List<SqlParserPos> positions = new ArrayList<>();
        if (ctx.qualifiedName() != null) {
            for (IdentifierContext p : ctx.qualifiedName().identifier()) {
                names.add(name(p));
                positions.add(pos(p));
            }
        }
        names.add("");
        positions.add(pos(ctx.ASTERISK().getSymbol()));
        return SqlIdentifier.star(names, pos(ctx), positions);
    }

    final IllegalStateException unexpected(ParserRuleContext ctx) {
        return new IllegalStateException("no builder for " + ctx.getClass().getSimpleName() + ": " + ctx.getText());
    }
}
