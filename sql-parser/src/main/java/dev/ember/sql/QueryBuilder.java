package dev.ember.sql;

import dev.ember.sql.parser.EmberSqlLexer;
import dev.ember.sql.parser.EmberSqlParser.AliasedQueryContext;
import dev.ember.sql.parser.EmberSqlParser.AliasedRelationContext;
import dev.ember.sql.parser.EmberSqlParser.CubeContext;
import dev.ember.sql.parser.EmberSqlParser.ExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.FetchFirstContext;
import dev.ember.sql.parser.EmberSqlParser.FromClauseContext;
import dev.ember.sql.parser.EmberSqlParser.GroupByClauseContext;
import dev.ember.sql.parser.EmberSqlParser.GroupingElementContext;
import dev.ember.sql.parser.EmberSqlParser.GroupingSetContext;
import dev.ember.sql.parser.EmberSqlParser.GroupingSetsContext;
import dev.ember.sql.parser.EmberSqlParser.HintContext;
import dev.ember.sql.parser.EmberSqlParser.HintIdentifierContext;
import dev.ember.sql.parser.EmberSqlParser.HintKeyValueContext;
import dev.ember.sql.parser.EmberSqlParser.HintLiteralContext;
import dev.ember.sql.parser.EmberSqlParser.HintParameterContext;
import dev.ember.sql.parser.EmberSqlParser.HintStatementContext;
import dev.ember.sql.parser.EmberSqlParser.IdentifierContext;
import dev.ember.sql.parser.EmberSqlParser.IdentifierListContext;
import dev.ember.sql.parser.EmberSqlParser.InlineTableContext;
import dev.ember.sql.parser.EmberSqlParser.InlineTableRelationContext;
import dev.ember.sql.parser.EmberSqlParser.JoinCriteriaContext;
import dev.ember.sql.parser.EmberSqlParser.JoinRelationContext;
import dev.ember.sql.parser.EmberSqlParser.JoinTypeContext;
import dev.ember.sql.parser.EmberSqlParser.LimitClauseContext;
import dev.ember.sql.parser.EmberSqlParser.NamedQueryContext;
import dev.ember.sql.parser.EmberSqlParser.NamedWindowContext;
import dev.ember.sql.parser.EmberSqlParser.ParenthesizedQueryContext;
import dev.ember.sql.parser.EmberSqlParser.QueryContext;
import dev.ember.sql.parser.EmberSqlParser.QueryOrganizationContext;
import dev.ember.sql.parser.EmberSqlParser.QueryPrimaryContext;
import dev.ember.sql.parser.EmberSqlParser.QueryPrimaryDefaultContext;
import dev.ember.sql.parser.EmberSqlParser.QuerySpecificationContext;
import dev.ember.sql.parser.EmberSqlParser.QueryTermContext;
import dev.ember.sql.parser.EmberSqlParser.QueryTermDefaultContext;
import dev.ember.sql.parser.EmberSqlParser.RelationContext;
import dev.ember.sql.parser.EmberSqlParser.RelationPrimaryContext;
import dev.ember.sql.parser.EmberSqlParser.RollupContext;
import dev.ember.sql.parser.EmberSqlParser.SelectItemContext;
import dev.ember.sql.parser.EmberSqlParser.SetOperationContext;
import dev.ember.sql.parser.EmberSqlParser.SingleGroupingSetContext;
import dev.ember.sql.parser.EmberSqlParser.TableAliasContext;
import dev.ember.sql.parser.EmberSqlParser.TableNameContext;
import org.antlr.v4.runtime.Token;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;

/**
 * Queries: SELECT, VALUES, WITH, set operations, ORDER BY / LIMIT / OFFSET / FETCH, the FROM
 * clause with its joins and derived tables, GROUP BY with grouping sets, WINDOW, and hints.
 */
abstract class QueryBuilder extends CallBuilder {

    QueryBuilder(Source source) {
        super(source);
    }

    /** A whole query; ORDER BY / LIMIT wrap it (and its WITH) in a SqlOrderBy, as Calcite's parser does. */
    @Override
    final SqlNode query(QueryContext ctx) {
        SqlParserPos pos = pos(ctx);
        SqlNode body = queryTerm(ctx.queryTerm());
        if (ctx.withClause() != null) {
            List<SqlNode> items = new ArrayList<>();
            for (NamedQueryContext nq : ctx.withClause().namedQuery()) {
                SqlNodeList columns = nq.identifierList() == null ? null : identifierList(nq.identifierList());
                items.add(new SqlWithItem(pos(nq), simpleIdentifier(nq.name), columns, query(nq.query())));
            }
            body = new SqlWith(pos, new SqlNodeList(items, pos(ctx.withClause())), body);
        }
        return organize(body, ctx.queryOrganization(), pos);
    }

    private SqlNode organize(SqlNode body, QueryOrganizationContext org, SqlParserPos pos) {
        SqlNodeList orderBy = org.ORDER() == null ? null : sortItems(org.sortItem(), pos);
        SqlNode offset = null;
        SqlNode fetch = null;
        LimitClauseContext limit = org.limitClause();
        if (limit != null) {
            if (limit.offset != null) {
                offset = SqlLiteral.createExactNumeric(limit.offset.getText(), pos(limit.offset));
            }
            FetchFirstContext fetchFirst = limit.fetchFirst();
            if (limit.limit != null) {
                fetch = SqlLiteral.createExactNumeric(limit.limit.getText(), pos(limit.limit));
            } else if (fetchFirst != null) {
                fetch = fetchFirst.limit != null
                        ? SqlLiteral.createExactNumeric(fetchFirst.limit.getText(), pos(fetchFirst.limit))
                        : SqlLiteral.createExactNumeric("1", pos(fetchFirst));
            }
        }
        if (orderBy == null && offset == null && fetch == null) {
            return body;
        }
        return new SqlOrderBy(pos, body, orderBy == null ? SqlNodeList.EMPTY : orderBy, offset, fetch);
    }

    private SqlNode queryTerm(QueryTermContext ctx) {
        return switch (ctx) {
            case QueryTermDefaultContext c -> queryPrimary(c.queryPrimary());
            case SetOperationContext c -> {
                boolean all = c.setQuantifier() != null && c.setQuantifier().ALL() != null;
                SqlOperator op = switch (c.op.getType()) {
                    case EmberSqlLexer.INTERSECT -> all ? SqlStdOperatorTable.INTERSECT_ALL : SqlStdOperatorTable.INTERSECT;
                    case EmberSqlLexer.UNION -> all ? SqlStdOperatorTable.UNION_ALL : SqlStdOperatorTable.UNION;
                    default -> all ? SqlStdOperatorTable.EXCEPT_ALL : SqlStdOperatorTable.EXCEPT;
                };
                yield op.createCall(pos(c), queryTerm(c.left), queryTerm(c.right));
            }
            default -> throw unexpected(ctx);
        };
    }

    private SqlNode queryPrimary(QueryPrimaryContext ctx) {
        return switch (ctx) {
            case QueryPrimaryDefaultContext c -> select(c.querySpecification());
            case InlineTableContext c -> values(c.expression(), pos(c));
            case ParenthesizedQueryContext c -> query(c.query());
            default -> throw unexpected(ctx);
        };
    }

    /** {@code VALUES (1, 'a'), (2, 'b')}; a row that is a single value needs no parentheses. */
    private SqlNode values(List<ExpressionContext> rows, SqlParserPos pos) {
        List<SqlNode> out = new ArrayList<>(rows.size());
        for (ExpressionContext row : rows) {
            SqlNode e = expression(row);
            out.add(e.getKind() == SqlKind.ROW ? e : SqlStdOperatorTable.ROW.createCall(pos(row), e));
        }
        return SqlStdOperatorTable.VALUES.createCall(pos, out);
    }

    private SqlSelect select(QuerySpecificationContext c) {
        SqlParserPos selectPos = pos(c.SELECT().getSymbol());
        SqlNodeList keywords = new SqlNodeList(selectPos);
        if (c.setQuantifier() != null) {
            keywords.add((c.setQuantifier().DISTINCT() != null ? SqlSelectKeyword.DISTINCT : SqlSelectKeyword.ALL)
                    .symbol(pos(c.setQuantifier())));
        }
        List<SqlNode> items = new ArrayList<>();
        for (SelectItemContext item : c.selectItem()) {
            items.add(item.star() != null ? star(item.star()) : namedExpression(item.namedExpression()));
        }
        List<SelectItemContext> itemCtxs = c.selectItem();
        SqlNodeList selectList = new SqlNodeList(items, source.span(itemCtxs.get(0), itemCtxs.get(itemCtxs.size() - 1)));
        SqlNode from = c.fromClause() == null ? null : from(c.fromClause());
        SqlNode where = c.where == null ? null : booleanExpression(c.where);
        SqlNodeList groupBy = c.groupByClause() == null ? null : groupBy(c.groupByClause());
        SqlNode having = c.having == null ? null : booleanExpression(c.having);
        SqlNodeList windows = new SqlNodeList(selectPos);
        if (c.windowClause() != null) {
            windows = new SqlNodeList(pos(c.windowClause()));
            for (NamedWindowContext w : c.windowClause().namedWindow()) {
                windows.add(window(w.windowSpec(), simpleIdentifier(w.name), pos(w)));
            }
        }
        SqlNodeList hints = c.hint() == null ? new SqlNodeList(selectPos) : hints(c.hint());
        return new SqlSelect(pos(c), keywords, selectList, from, where, groupBy, having, windows, null, null, null,
                null, hints);
    }

    // ---- FROM

    private SqlNode from(FromClauseContext ctx) {
        List<RelationContext> relations = ctx.relation();
        SqlNode left = relation(relations.get(0));
        for (int i = 1; i < relations.size(); i++) {
            RelationContext r = relations.get(i);
            SqlParserPos commaPos = pos(ctx.COMMA(i - 1).getSymbol());
            left = new SqlJoin(source.span(relations.get(0), r), left, SqlLiteral.createBoolean(false, commaPos),
                    JoinType.COMMA.symbol(commaPos), relation(r), JoinConditionType.NONE.symbol(commaPos), null);
        }
        return left;
    }

    private SqlNode relation(RelationContext ctx) {
        SqlNode left = relationPrimary(ctx.relationPrimary());
        for (JoinRelationContext j : ctx.joinRelation()) {
            left = join(left, j, source.span(ctx.getStart(), j.getStop()));
        }
        return left;
    }

    /**
     * One join. As in Spark, a JOIN without a condition is a cross join, an outer, semi or anti
     * join without a condition joins ON TRUE, and a CROSS JOIN with a condition is an inner join.
     */
    private SqlNode join(SqlNode left, JoinRelationContext j, SqlParserPos pos) {
        JoinTypeContext jt = j.joinType();
        Token typeStart = jt.getStop() == null || jt.getStop().getTokenIndex() < jt.getStart().getTokenIndex()
                ? j.JOIN().getSymbol() : jt.getStart();
        SqlParserPos typePos = source.span(typeStart, j.JOIN().getSymbol());
        JoinType type = joinType(jt);
        SqlNode right = relationPrimary(j.right);
        boolean natural = j.NATURAL() != null;
        JoinConditionType conditionType = JoinConditionType.NONE;
        SqlNode condition = null;
        SqlParserPos conditionPos = typePos;
        JoinCriteriaContext criteria = j.joinCriteria();
        if (natural) {
            if (type == JoinType.CROSS || type == JoinType.LEFT_SEMI_JOIN || type == JoinType.LEFT_ANTI_JOIN) {
                throw source.error("NATURAL applies to INNER, LEFT, RIGHT and FULL joins only", j.NATURAL().getSymbol());
            }
        } else if (criteria == null) {
            if (type == JoinType.INNER) {
                type = JoinType.CROSS;
            } else if (type != JoinType.CROSS) {
                conditionType = JoinConditionType.ON;
                condition = SqlLiteral.createBoolean(true, typePos);
            }
        } else {
            if (type == JoinType.CROSS) {
                type = JoinType.INNER;
            }
            conditionPos = pos(criteria);
            if (criteria.ON() != null) {
                conditionType = JoinConditionType.ON;
                condition = booleanExpression(criteria.booleanExpression());
            } else {
                conditionType = JoinConditionType.USING;
                condition = identifierList(criteria.identifierList());
            }
        }
        return new SqlJoin(pos, left, SqlLiteral.createBoolean(natural, typePos), type.symbol(typePos), right,
                conditionType.symbol(conditionPos), condition);
    }

    private static JoinType joinType(JoinTypeContext jt) {
        if (jt.CROSS() != null) {
            return JoinType.CROSS;
        } else if (jt.SEMI() != null) {
            return JoinType.LEFT_SEMI_JOIN;
        } else if (jt.ANTI() != null) {
            return JoinType.LEFT_ANTI_JOIN;
        } else if (jt.LEFT() != null) {
            return JoinType.LEFT;
        } else if (jt.RIGHT() != null) {
            return JoinType.RIGHT;
        } else if (jt.FULL() != null) {
            return JoinType.FULL;
        }
        return JoinType.INNER;
    }

    private SqlNode relationPrimary(RelationPrimaryContext ctx) {
        return switch (ctx) {
            case TableNameContext c -> alias(identifier(c.multipartIdentifier()), c.tableAlias(), pos(c));
            case AliasedQueryContext c -> alias(query(c.query()), c.tableAlias(), pos(c));
            case AliasedRelationContext c -> alias(relation(c.relation()), c.tableAlias(), pos(c));
            case InlineTableRelationContext c -> alias(values(c.expression(),
                    source.span(c.getStart(), c.expression(c.expression().size() - 1).getStop())), c.tableAlias(), pos(c));
            default -> throw unexpected(ctx);
        };
    }

    /** {@code relation [AS] alias [(c1, c2)]} becomes {@code AS(relation, alias, c1, c2)}. */
    private SqlNode alias(SqlNode relation, TableAliasContext alias, SqlParserPos pos) {
        if (alias.identifier() == null) {
            return relation;
        }
        List<SqlNode> operands = new ArrayList<>();
        operands.add(relation);
        operands.add(simpleIdentifier(alias.identifier()));
        if (alias.identifierList() != null) {
            operands.addAll(identifierList(alias.identifierList()).getList());
        }
        return SqlStdOperatorTable.AS.createCall(pos, operands);
    }

    final SqlNodeList identifierList(IdentifierListContext ctx) {
        SqlNodeList list = new SqlNodeList(pos(ctx));
        for (IdentifierContext id : ctx.identifier()) {
            list.add(simpleIdentifier(id));
        }
        return list;
    }

    // ---- GROUP BY

    private SqlNodeList groupBy(GroupByClauseContext ctx) {
        SqlNodeList list = new SqlNodeList(pos(ctx));
        for (GroupingElementContext e : ctx.groupingElement()) {
            list.add(groupingElement(e));
        }
        return list;
    }

    private SqlNode groupingElement(GroupingElementContext ctx) {
        SqlParserPos pos = pos(ctx);
        return switch (ctx) {
            case RollupContext c -> SqlStdOperatorTable.ROLLUP.createCall(pos, groupingSets(c.groupingSet()));
            case CubeContext c -> SqlStdOperatorTable.CUBE.createCall(pos, groupingSets(c.groupingSet()));
            case GroupingSetsContext c -> {
                List<SqlNode> sets = new ArrayList<>();
                for (GroupingElementContext e : c.groupingElement()) {
                    sets.add(groupingElement(e));
                }
                yield SqlStdOperatorTable.GROUPING_SETS.createCall(pos, sets);
            }
            case SingleGroupingSetContext c -> groupingSet(c.groupingSet());
            default -> throw unexpected(ctx);
        };
    }

    private List<SqlNode> groupingSets(List<GroupingSetContext> sets) {
        List<SqlNode> out = new ArrayList<>(sets.size());
        for (GroupingSetContext s : sets) {
            out.add(groupingSet(s));
        }
        return out;
    }

    /** {@code ()} is the empty grouping set; {@code (a, b)} arrives as a ROW, as from Calcite's parser. */
    private SqlNode groupingSet(GroupingSetContext ctx) {
        return ctx.expression() == null ? new SqlNodeList(pos(ctx)) : expression(ctx.expression());
    }

    // ---- hints

    /**
     * {@code /}{@code *+ BROADCAST(t), MERGE(a, b) *}{@code /}: hint names in upper case; options
     * are all names (ID_LIST), all literals (LITERAL_LIST) or all {@code key = value} (KV_LIST).
     */
    private SqlNodeList hints(HintContext ctx) {
        SqlNodeList hints = new SqlNodeList(pos(ctx));
        for (HintStatementContext h : ctx.hintStatement()) {
            SqlIdentifier name = new SqlIdentifier(Identifiers.upperName(h.name.getStart(), source), pos(h.name));
            List<HintParameterContext> params = h.hintParameter();
            if (params.isEmpty()) {
                hints.add(new SqlHint(pos(h), name, SqlNodeList.EMPTY, SqlHint.HintOptionFormat.EMPTY));
                continue;
            }
            SqlNodeList options = new SqlNodeList(source.span(params.get(0), params.get(params.size() - 1)));
            Class<?> kind = params.get(0).getClass();
            for (HintParameterContext p : params) {
                if (p.getClass() != kind) {
                    throw source.error("the options of hint " + name + " must be all names, all literals, "
                            + "or all key = value pairs", p);
                }
                switch (p) {
                    case HintIdentifierContext c -> options.add(identifier(c.multipartIdentifier()));
                    case HintLiteralContext c -> options.add(hintLiteral(c.literal().getStart(), literal(c.literal())));
                    case HintKeyValueContext c -> {
                        options.add(c.keyName != null ? simpleIdentifier(c.keyName) : Literals.string(c.keyString, source));
                        options.add(hintLiteral(c.value.getStart(), literal(c.value)));
                    }
                    default -> throw unexpected(p);
                }
            }
            SqlHint.HintOptionFormat format = switch (params.get(0)) {
                case HintIdentifierContext c -> SqlHint.HintOptionFormat.ID_LIST;
                case HintLiteralContext c -> SqlHint.HintOptionFormat.LITERAL_LIST;
                default -> SqlHint.HintOptionFormat.KV_LIST;
            };
            hints.add(new SqlHint(pos(h), name, options, format));
        }
        return hints;
    }

    private SqlNode hintLiteral(Token at, SqlNode value) {
        if (!(value instanceof SqlLiteral)) {
            throw source.error("a hint option must be a plain literal", at);
        }
        return value;
    }
}
