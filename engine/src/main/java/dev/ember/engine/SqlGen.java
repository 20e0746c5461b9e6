package dev.ember.engine;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.sql.EmberSqlParser;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link ColumnNode} into the Calcite SqlNode that Ember's SQL parser would build for
 * the same expression, with every column name already resolved by the {@link Scope} (so a bad
 * name fails here, naming the closest ones). SQL text from {@code expr()} keeps its parsed form;
 * only its column names are replaced. Each call builds fresh nodes: the validator rewrites the
 * nodes it validates.
 */
final class SqlGen {
    private static final SqlParserPos POS = SqlParserPos.ZERO;

    private final Scope scope;

    SqlGen(Scope scope) {
        this.scope = scope;
    }

    Scope scope() {
        return scope;
    }

    /** The column a plain reference ({@code col("a")}, {@code df.col("a")}) stands for; null for other expressions. */
    Scope.Resolved reference(ColumnNode n) {
        return switch (n) {
            case ColumnNode.Ref r -> scope.resolve(r.parts());
            case ColumnNode.Bound b -> scope.resolve(b);
            case ColumnNode.Sql s when s.node() instanceof SqlIdentifier id && !id.isStar() -> scope.resolve(id.names);
            default -> null;
        };
    }

    SqlNode expr(ColumnNode n) {
        return switch (n) {
            case ColumnNode.Ref r -> scope.identifier(scope.resolve(r.parts()));
            case ColumnNode.Bound b -> scope.identifier(scope.resolve(b));
            case ColumnNode.Star s -> throw new AnalysisException(ErrorClass.ANALYSIS_ERROR,
                    "`" + s.display() + "` stands for several columns and cannot be used in an expression");
            case ColumnNode.Literal l -> literal(l.value());
            case ColumnNode.Op o -> o.op().createCall(POS, exprs(o.args()));
            case ColumnNode.Call c -> call(c);
            case ColumnNode.Cast c -> (c.tryCast() ? org.apache.calcite.sql.fun.SqlLibraryOperators.TRY_CAST
                    : SqlStdOperatorTable.CAST).createCall(POS, expr(c.child()), type(c.type()));
            case ColumnNode.Alias a -> expr(a.child());
            case ColumnNode.SortOrder s -> throw new AnalysisException(ErrorClass.ANALYSIS_ERROR,
                    "`" + s.display() + "` is an ordering: use it in orderBy or Window.orderBy");
            case ColumnNode.Case c -> SqlCase.createSwitched(POS, null, new SqlNodeList(exprs(c.conditions()), POS),
                    new SqlNodeList(exprs(c.values()), POS), c.otherwise() == null ? null : expr(c.otherwise()));
            case ColumnNode.In i -> SqlStdOperatorTable.IN.createCall(POS, expr(i.value()), new SqlNodeList(exprs(i.list()), POS));
            case ColumnNode.AggFilter f -> SqlStdOperatorTable.FILTER.createCall(POS, expr(f.aggregate()), expr(f.condition()));
            case ColumnNode.Over o -> SqlStdOperatorTable.OVER.createCall(POS, expr(o.function()), window(o.window()));
            case ColumnNode.Sql s -> s.node().accept(new Rewriter());
        };
    }

    List<SqlNode> exprs(List<ColumnNode> nodes) {
        List<SqlNode> out = new ArrayList<>(nodes.size());
        for (ColumnNode n : nodes) {
            out.add(expr(n));
        }
        return out;
    }

    /** An ORDER BY item: DESC and NULLS FIRST/LAST wrap the expression, ascending is the default. */
    SqlNode sortItem(ColumnNode n) {
        if (!(n instanceof ColumnNode.SortOrder s)) {
            return expr(n);
        }
        SqlNode e = expr(s.child());
        if (!s.ascending()) {
            e = SqlStdOperatorTable.DESC.createCall(POS, e);
        }
        if (s.nullsFirst() != null) {
            e = (s.nullsFirst() ? SqlStdOperatorTable.NULLS_FIRST : SqlStdOperatorTable.NULLS_LAST).createCall(POS, e);
        }
        return e;
    }

    static SqlNode as(SqlNode e, String name) {
        return SqlStdOperatorTable.AS.createCall(POS, e, new SqlIdentifier(name, POS));
    }

    private SqlNode literal(Object value) {
        if (value instanceof functions.TrimFlag f) {
            return SqlTrimFunction.Flag.valueOf(f.flag()).symbol(POS);
        }
        return Literals.toSql(value);
    }

    private SqlNode call(ColumnNode.Call c) {
        SqlUnresolvedFunction fn = new SqlUnresolvedFunction(new SqlIdentifier(c.name().toUpperCase(Locale.ROOT), POS),
                null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION);
        SqlLiteral quantifier = c.distinct() ? SqlSelectKeyword.DISTINCT.symbol(POS) : null;
        List<SqlNode> args = c.star() ? List.of(SqlIdentifier.star(POS)) : exprs(c.args());
        return fn.createCall(quantifier, POS, args.toArray(new SqlNode[0]));
    }

    /** A SQL type name ({@code bigint}, {@code decimal(10,2)}) as the parser reads it. */
    static SqlDataTypeSpec type(String type) {
        SqlNode cast = EmberSqlParser.parseExpression("CAST(NULL AS " + type + ")");
        if (cast instanceof SqlBasicCall call && call.operand(1) instanceof SqlDataTypeSpec spec) {
            return spec;
        }
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "not a type: " + type);
    }

    private SqlWindow window(WindowSpec w) {
        List<SqlNode> order = new ArrayList<>();
        for (ColumnNode o : w.order()) {
            order.add(sortItem(o));
        }
        WindowSpec.Frame f = w.frame();
        SqlNode lower = f == null ? null : bound(f.start());
        SqlNode upper = f == null ? null : bound(f.end());
        return SqlWindow.create(null, null, new SqlNodeList(exprs(w.partition()), POS), new SqlNodeList(order, POS),
                SqlLiteral.createBoolean(f != null && f.rows(), POS), lower, upper, null, POS);
    }

    private static SqlNode bound(long b) {
        if (b == Window.unboundedPreceding) {
            return SqlWindow.createUnboundedPreceding(POS);
        }
        if (b == Window.unboundedFollowing) {
            return SqlWindow.createUnboundedFollowing(POS);
        }
        if (b == 0) {
            return SqlWindow.createCurrentRow(POS);
        }
        SqlNode offset = SqlLiteral.createExactNumeric(Long.toString(Math.abs(b)), POS);
        return b < 0 ? SqlWindow.createPreceding(offset, POS) : SqlWindow.createFollowing(offset, POS);
    }

    private static boolean isQuery(SqlNode n) {
        return n.getKind().belongsTo(SqlKind.QUERY) || n.getKind() == SqlKind.WITH;
    }

    /** A deep copy of parsed SQL with its column names resolved; subqueries are copied as they are. */
    private final class Rewriter extends SqlShuttle {
        @Override
        public SqlNode visit(SqlIdentifier id) {
            if (id.isStar()) {
                return id.clone(id.getParserPosition());
            }
            return scope.identifier(scope.resolve(id.names));
        }

        @Override
        public SqlNode visit(SqlNodeList list) {
            List<SqlNode> out = new ArrayList<>(list.size());
            for (SqlNode n : list) {
                out.add(n == null ? null : n.accept(this));
            }
            return new SqlNodeList(out, list.getParserPosition());
        }

        @Override
        public SqlNode visit(SqlCall call) {
            if (isQuery(call)) {
                return call.accept(new Copier());
            }
            if (call.getKind() == SqlKind.AS) {
                return SqlStdOperatorTable.AS.createCall(call.getParserPosition(), call.operand(0).accept(this),
                        call.operand(1).clone(call.operand(1).getParserPosition()));
            }
            CallCopyingArgHandler handler = new CallCopyingArgHandler(call, true);
            call.getOperator().acceptCall(this, call, false, handler);
            return handler.result();
        }
    }

    /** A deep copy, names untouched. */
    private static final class Copier extends SqlShuttle {
        @Override
        public SqlNode visit(SqlIdentifier id) {
            return id.clone(id.getParserPosition());
        }

        @Override
        public SqlNode visit(SqlNodeList list) {
            List<SqlNode> out = new ArrayList<>(list.size());
            for (SqlNode n : list) {
                out.add(n == null ? null : n.accept(this));
            }
            return new SqlNodeList(out, list.getParserPosition());
        }

        @Override
        public SqlNode visit(SqlCall call) {
            CallCopyingArgHandler handler = new CallCopyingArgHandler(call, true);
            call.getOperator().acceptCall(this, call, false, handler);
            return handler.result();
        }
    }
}
