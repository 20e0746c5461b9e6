package dev.ember.plan;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.SourcePointer;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Spark's {@code LEFT SEMI JOIN} and {@code LEFT ANTI JOIN}, which Calcite validates but cannot
 * convert to a plan, rewritten before validation into the subqueries they mean:
 * {@code FROM x LEFT SEMI JOIN r ON c} becomes {@code FROM x WHERE EXISTS (SELECT 1 FROM r WHERE c)}
 * (ANTI: {@code NOT EXISTS}), which the optimizer turns back into a semi (anti) join. Only the
 * left side's columns stay visible, as in Spark. A semi join nested inside another join becomes
 * a derived table under its left side's name, which needs that side to be a single table.
 */
final class SemiJoins {
    private SemiJoins() {
    }

    static void rewrite(SqlNode query, String source) {
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select) {
                    rewriteSelect(select, source);
                }
                return super.visit(call);
            }
        });
    }

    private static boolean isSemi(SqlNode n) {
        return n instanceof SqlJoin j
                && (j.getJoinType() == JoinType.LEFT_SEMI_JOIN || j.getJoinType() == JoinType.LEFT_ANTI_JOIN);
    }

    private static void rewriteSelect(SqlSelect select, String source) {
        SqlNode from = select.getFrom();
        SqlNode where = select.getWhere();
        // The outermost joins of FROM: their conditions move to WHERE.
        while (isSemi(from)) {
            SqlJoin j = (SqlJoin) from;
            SqlNode test = exists(j, source);
            where = where == null ? test : SqlStdOperatorTable.AND.createCall(j.getParserPosition(), test, where);
            from = j.getLeft();
        }
        select.setFrom(from == null ? null : nested(from, source));
        select.setWhere(where);
    }

    /** {@code [NOT] EXISTS (SELECT 1 FROM right WHERE condition)}. */
    private static SqlNode exists(SqlJoin j, String source) {
        SqlParserPos pos = j.getParserPosition();
        if (j.isNatural() || j.getConditionType() != JoinConditionType.ON) {
            SqlParserPos at = j.getJoinTypeNode().getParserPosition();
            throw error("LEFT SEMI and LEFT ANTI joins need an ON condition", at, source);
        }
        SqlSelect sub = new SqlSelect(pos, null, SqlNodeList.of(SqlLiteral.createExactNumeric("1", pos)), j.getRight(),
                j.getCondition(), null, null, null, null, null, null, null, null);
        SqlNode exists = SqlStdOperatorTable.EXISTS.createCall(pos, sub);
        return j.getJoinType() == JoinType.LEFT_ANTI_JOIN ? SqlStdOperatorTable.NOT.createCall(pos, exists) : exists;
    }

    /** Rewrites semi joins inside a join tree; each becomes a derived table named as its left side. */
    private static SqlNode nested(SqlNode node, String source) {
        if (!(node instanceof SqlJoin j)) {
            return node;
        }
        j.setLeft(nested(j.getLeft(), source));
        j.setRight(nested(j.getRight(), source));
        if (!isSemi(j)) {
            return j;
        }
        SqlNode left = j.getLeft();
        String name = nameOf(left);
        if (name == null) {
            SqlParserPos pos = j.getJoinTypeNode().getParserPosition();
            throw error("a LEFT SEMI or LEFT ANTI join inside another join needs a single table (or an aliased "
                    + "subquery) on its left; put the semi join in a subquery", pos, source);
        }
        SqlParserPos pos = j.getParserPosition();
        SqlSelect filtered = new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)), left, exists(j, source),
                null, null, null, null, null, null, null, null);
        return SqlStdOperatorTable.AS.createCall(pos, filtered, new SqlIdentifier(name, pos));
    }

    private static AnalysisException error(String reason, SqlParserPos pos, String source) {
        return new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                SourcePointer.describe(reason, source, pos.getLineNum(), pos.getColumnNum()), pos.getLineNum(), pos.getColumnNum(), null);
    }

    /** The name a FROM item is known by: its alias, or a table's last name part; null for anything else. */
    private static String nameOf(SqlNode n) {
        if (n instanceof SqlIdentifier id && !id.isStar()) {
            return id.names.get(id.names.size() - 1);
        }
        if (n.getKind() == SqlKind.AS && n instanceof SqlCall as && as.operandCount() >= 2
                && as.operand(1) instanceof SqlIdentifier alias) {
            return alias.getSimple();
        }
        return null;
    }
}
