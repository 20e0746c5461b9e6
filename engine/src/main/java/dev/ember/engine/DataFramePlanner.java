package dev.ember.engine;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.hint.Hintable;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.tools.RelBuilder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the plan of each DataFrame operation. An operation with expressions is compiled into
 * the SQL query it stands for, over its inputs as tables ({@code SELECT ... FROM __df0 WHERE
 * ...}), with every column name resolved beforehand by {@link Scope}; the {@link
 * dev.ember.plan.Analyzer} validates and converts that query exactly as it does SQL text, so
 * the DataFrame API and SQL share types, implicit casts, functions, aggregates and windows, and
 * produce the same plans. Operations without expressions (limit, distinct, drop) use Calcite's
 * RelBuilder directly. Each operation plans in a fresh cluster.
 */
final class DataFramePlanner {
    private static final SqlParserPos POS = SqlParserPos.ZERO;
    private static final Pattern INPUT_NAME = Pattern.compile("`?__DF\\d+`?\\.", Pattern.CASE_INSENSITIVE);

    private final EmberSession session;

    DataFramePlanner(EmberSession session) {
        this.session = session;
    }

    /** The table name input {@code i} has in generated SQL. */
    static String table(int i) {
        return "__df" + i;
    }

    RelOptCluster newCluster() {
        return session.analyzer().newCluster();
    }

    /** {@code plan} in a cluster of its own, ready to build on. */
    Plan fresh(Plan plan) {
        return new Plan(PlanCopier.copy(plan.rel(), newCluster()), plan.output());
    }

    RelBuilder builder(Plan fresh) {
        return Plan.builder(fresh.rel()).push(fresh.rel());
    }

    /** Validates and converts generated SQL over {@code inputs} (copied into one new cluster). */
    RelNode analyze(SqlNode query, List<Plan> inputs) {
        RelOptCluster cluster = newCluster();
        Map<String, RelNode> tables = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            tables.put(table(i), PlanCopier.copy(inputs.get(i).rel(), cluster));
        }
        try {
            return stripIdentity(session.analyzer().analyze(query, cluster, tables).rel());
        } catch (AnalysisException e) {
            throw new AnalysisException(e.errorClass(), INPUT_NAME.matcher(e.getMessage()).replaceAll(""), 0, 0, e);
        }
    }

    /** A projection that only passes its input's fields on is left out (names live in attributes). */
    private static RelNode stripIdentity(RelNode rel) {
        if (rel instanceof Project p && p.getVariablesSet().isEmpty()
                && p.getProjects().size() == p.getInput().getRowType().getFieldCount()) {
            for (int i = 0; i < p.getProjects().size(); i++) {
                if (!(p.getProjects().get(i) instanceof RexInputRef r) || r.getIndex() != i) {
                    return rel;
                }
            }
            return p.getInput();
        }
        return rel;
    }

    static SqlIdentifier from(int input) {
        return new SqlIdentifier(table(input), POS);
    }

    static SqlSelect select(List<SqlNode> items, SqlNode from, SqlNode where, SqlNodeList groupBy, boolean distinct) {
        SqlNodeList keywords = distinct ? SqlNodeList.of(SqlSelectKeyword.DISTINCT.symbol(POS)) : null;
        return new SqlSelect(POS, keywords, new SqlNodeList(items, POS), from, where, groupBy, null, null, null, null,
                null, null, null);
    }

    static SqlSelect selectAll(int input) {
        return select(List.of(SqlIdentifier.star(POS)), from(input), null, null, false);
    }

    /** The name a select item gets: its alias, the column's own name, or Spark's name for the expression. */
    static String nameOf(ColumnNode n, Scope.Resolved ref) {
        if (n instanceof ColumnNode.Alias a) {
            return a.name();
        }
        return ref != null ? ref.attr().name() : n.display();
    }

    // ---- projections

    Plan select(Plan in, List<ColumnNode> items) {
        Scope scope = Scope.of(in);
        SqlGen g = new SqlGen(scope);
        List<SqlNode> sel = new ArrayList<>();
        List<Attribute> out = new ArrayList<>();
        for (ColumnNode n : items) {
            if (n instanceof ColumnNode.Star s) {
                for (Scope.Resolved r : scope.star(s.qualifier())) {
                    sel.add(SqlGen.as(scope.identifier(r), in.fieldName(r.field())));
                    out.add(r.attr());
                }
                continue;
            }
            Scope.Resolved ref = g.reference(n);
            String name = nameOf(n, ref);
            sel.add(SqlGen.as(g.expr(n), name));
            out.add(ref != null ? ref.attr() : Attribute.of(name));
        }
        if (sel.isEmpty()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "select needs at least one column");
        }
        return Plan.of(analyze(select(sel, from(0), null, null, false), List.of(in)), out);
    }

    Plan filter(Plan in, ColumnNode condition) {
        SqlGen g = new SqlGen(Scope.of(in));
        SqlNode where = g.expr(condition);
        RelNode rel = analyze(select(List.of(SqlIdentifier.star(POS)), from(0), where, null, false), List.of(in));
        return Plan.of(rel, in.output());
    }

    /** Keeps the columns at {@code indices}, in that order. */
    Plan project(Plan in, int[] indices) {
        Plan f = fresh(in);
        RelBuilder b = builder(f);
        List<RexNode> refs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Attribute> out = new ArrayList<>();
        for (int i : indices) {
            refs.add(b.field(i));
            names.add(in.fieldName(i));
            out.add(in.output().get(i));
        }
        return Plan.of(b.project(refs, names, true).build(), out);
    }

    // ---- aggregation

    enum Grouping { GROUP_BY, ROLLUP, CUBE }

    Plan aggregate(Plan in, List<ColumnNode> keys, Grouping grouping, List<ColumnNode> aggregates) {
        SqlGen g = new SqlGen(Scope.of(in));
        List<SqlNode> sel = new ArrayList<>();
        List<SqlNode> group = new ArrayList<>();
        List<Attribute> out = new ArrayList<>();
        for (ColumnNode k : keys) {
            Scope.Resolved ref = g.reference(k);
            String name = nameOf(k, ref);
            sel.add(SqlGen.as(g.expr(k), name));
            group.add(g.expr(k));
            out.add(ref != null && grouping == Grouping.GROUP_BY ? ref.attr() : Attribute.of(name));
        }
        for (ColumnNode a : aggregates) {
            String name = nameOf(a, null);
            sel.add(SqlGen.as(g.expr(a), name));
            out.add(Attribute.of(name));
        }
        SqlNodeList groupBy = switch (grouping) {
            case GROUP_BY -> group.isEmpty() ? null : new SqlNodeList(group, POS);
            case ROLLUP -> SqlNodeList.of(SqlStdOperatorTable.ROLLUP.createCall(POS, group));
            case CUBE -> SqlNodeList.of(SqlStdOperatorTable.CUBE.createCall(POS, group));
        };
        return Plan.of(analyze(select(sel, from(0), null, groupBy, false), List.of(in)), out);
    }

    /** One row per distinct value of {@code keys}; other columns take a value of some row of the group. */
    Plan dropDuplicates(Plan in, List<String> keyNames) {
        Scope scope = Scope.of(in);
        Set<Integer> keyFields = new HashSet<>();
        for (String k : keyNames) {
            keyFields.add(scope.resolve(Names.split(k)).field());
        }
        List<SqlNode> sel = new ArrayList<>();
        List<SqlNode> group = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            SqlIdentifier id = scope.identifier(new Scope.Resolved(0, i, in.output().get(i)));
            if (keyFields.contains(i)) {
                sel.add(SqlGen.as(id, in.fieldName(i)));
                group.add(scope.identifier(new Scope.Resolved(0, i, in.output().get(i))));
            } else {
                sel.add(SqlGen.as(functionCall("ANY_VALUE", id), in.fieldName(i)));
            }
        }
        return Plan.of(analyze(select(sel, from(0), null, new SqlNodeList(group, POS), false), List.of(in)), in.output());
    }

    private static SqlNode functionCall(String name, SqlNode... args) {
        return new org.apache.calcite.sql.SqlUnresolvedFunction(new SqlIdentifier(name, POS), null, null, null, null,
                org.apache.calcite.sql.SqlFunctionCategory.USER_DEFINED_FUNCTION).createCall(POS, args);
    }

    Plan distinct(Plan in) {
        return Plan.of(builder(fresh(in)).distinct().build(), in.output());
    }

    // ---- ordering and limits

    Plan sort(Plan in, List<ColumnNode> orders) {
        SqlGen g = new SqlGen(Scope.of(in));
        List<SqlNode> items = new ArrayList<>();
        for (ColumnNode o : orders) {
            items.add(g.sortItem(o));
        }
        SqlNode q = new SqlOrderBy(POS, selectAll(0), new SqlNodeList(items, POS), null, null);
        return Plan.of(analyze(q, List.of(in)), in.output());
    }

    Plan limit(Plan in, int offset, int fetch) {
        return Plan.of(builder(fresh(in)).limit(offset, fetch).build(), in.output());
    }

    // ---- set operations

    enum SetOp { UNION, INTERSECT, EXCEPT }

    Plan setOp(Plan left, Plan right, SetOp op, boolean all) {
        if (left.size() != right.size()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, op.name().toLowerCase(Locale.ROOT)
                    + " needs the same number of columns on both sides, not " + left.size() + " and " + right.size()
                    + " (" + left.names() + " and " + right.names() + ")");
        }
        var operator = switch (op) {
            case UNION -> all ? SqlStdOperatorTable.UNION_ALL : SqlStdOperatorTable.UNION;
            case INTERSECT -> all ? SqlStdOperatorTable.INTERSECT_ALL : SqlStdOperatorTable.INTERSECT;
            case EXCEPT -> all ? SqlStdOperatorTable.EXCEPT_ALL : SqlStdOperatorTable.EXCEPT;
        };
        SqlNode q = operator.createCall(POS, selectAll(0), selectAll(1));
        return Plan.of(analyze(q, List.of(left, right)), left.output());
    }

    /** UNION ALL matching columns by name; with {@code allowMissing}, a column one side lacks is NULL there. */
    Plan unionByName(Plan left, Plan right, boolean allowMissing) {
        List<String> names = new ArrayList<>(left.names());
        List<Attribute> out = new ArrayList<>(left.output());
        for (Attribute a : right.output()) {
            if (indexOfName(left, a.name()) < 0) {
                if (!allowMissing) {
                    throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "unionByName: column `" + a.name()
                            + "` of the other DataFrame is not in this one (columns " + left.names()
                            + "); pass allowMissingColumns = true to fill it with NULL");
                }
                names.add(a.name());
                out.add(Attribute.of(a.name()));
            }
        }
        SqlSelect l = select(side(left, 0, names, right), from(0), null, null, false);
        SqlSelect r = select(side(right, 1, names, left), from(1), null, null, false);
        return Plan.of(analyze(SqlStdOperatorTable.UNION_ALL.createCall(POS, l, r), List.of(left, right)), out);
    }

    private static List<SqlNode> side(Plan p, int input, List<String> names, Plan other) {
        List<SqlNode> items = new ArrayList<>();
        for (String n : names) {
            int i = indexOfName(p, n);
            if (i >= 0) {
                items.add(SqlGen.as(new SqlIdentifier(List.of(table(input), p.fieldName(i)), POS), n));
            } else {
                int j = indexOfName(other, n);
                if (j < 0 && input == 1) {
                    throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "unionByName: column `" + n
                            + "` is not in the other DataFrame (columns " + p.names()
                            + "); pass allowMissingColumns = true to fill it with NULL");
                }
                String type = other.schema().type(j).sql();
                items.add(SqlGen.as(SqlStdOperatorTable.CAST.createCall(POS, SqlLiteral.createNull(POS), SqlGen.type(type)), n));
            }
        }
        return items;
    }

    static int indexOfName(Plan p, String name) {
        for (int i = 0; i < p.size(); i++) {
            if (p.output().get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    // ---- joins

    enum JoinKind {
        INNER, LEFT, RIGHT, FULL, LEFT_SEMI, LEFT_ANTI, CROSS;

        static JoinKind parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT).replace("_", "")) {
                case "inner" -> INNER;
                case "left", "leftouter" -> LEFT;
                case "right", "rightouter" -> RIGHT;
                case "outer", "full", "fullouter" -> FULL;
                case "semi", "leftsemi" -> LEFT_SEMI;
                case "anti", "leftanti" -> LEFT_ANTI;
                case "cross" -> CROSS;
                default -> throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "unknown join type '" + s
                        + "' (inner, cross, outer, full, fullouter, left, leftouter, right, rightouter, semi, leftsemi, anti, leftanti)");
            };
        }

        boolean leftOnly() {
            return this == LEFT_SEMI || this == LEFT_ANTI;
        }
    }

    /**
     * Joins {@code left} and {@code right} on a condition ({@code on}), on equal columns of the
     * same names ({@code using}: they appear once, first), or on nothing (cross). Columns the
     * right side shares with the left (a self-join) get new identities there.
     */
    Plan join(Plan left, Plan right, ColumnNode on, List<String> using, JoinKind kind, boolean broadcastLeft,
              boolean broadcastRight) {
        Set<Long> leftIds = new HashSet<>();
        left.output().forEach(a -> leftIds.add(a.id()));
        Set<Long> shared = new HashSet<>();
        List<Attribute> renewed = new ArrayList<>();
        for (Attribute a : right.output()) {
            if (leftIds.contains(a.id())) {
                shared.add(a.id());
                renewed.add(a.renewed());
            } else {
                renewed.add(a);
            }
        }
        right = right.withOutput(renewed);
        if (on != null && !shared.isEmpty()) {
            checkSelfJoin(on, shared);
        }
        Scope scope = Scope.of(left, right);
        SqlGen g = new SqlGen(scope);
        List<SqlNode> items = new ArrayList<>();
        List<Attribute> out = new ArrayList<>();
        SqlNode condition = null;
        if (using != null && !using.isEmpty()) {
            Scope ls = new Scope(List.of(scope.inputs().get(0)));
            Scope rs = new Scope(List.of(scope.inputs().get(1)));
            Set<Integer> lk = new HashSet<>();
            Set<Integer> rk = new HashSet<>();
            for (String k : using) {
                Scope.Resolved l = ls.resolve(Names.split(k));
                Scope.Resolved r = rs.resolve(Names.split(k));
                Scope.Resolved rr = new Scope.Resolved(1, r.field(), r.attr());
                lk.add(l.field());
                rk.add(r.field());
                SqlNode eq = SqlStdOperatorTable.EQUALS.createCall(POS, scope.identifier(l), scope.identifier(rr));
                condition = condition == null ? eq : SqlStdOperatorTable.AND.createCall(POS, condition, eq);
                SqlNode key = switch (kind) {
                    case RIGHT -> scope.identifier(rr);
                    case FULL -> SqlStdOperatorTable.COALESCE.createCall(POS, scope.identifier(l), scope.identifier(rr));
                    default -> scope.identifier(l);
                };
                items.add(SqlGen.as(key, l.attr().name()));
                out.add(kind == JoinKind.RIGHT ? r.attr() : kind == JoinKind.FULL ? Attribute.of(l.attr().name()) : l.attr());
            }
            addColumns(left, 0, lk, items, out);
            if (!kind.leftOnly()) {
                addColumns(right, 1, rk, items, out);
            }
        } else {
            condition = on == null ? null : g.expr(on);
            addColumns(left, 0, Set.of(), items, out);
            if (!kind.leftOnly()) {
                addColumns(right, 1, Set.of(), items, out);
            }
        }
        if (kind == JoinKind.CROSS && condition != null) {
            kind = JoinKind.INNER;
        }
        JoinType type = switch (kind) {
            case INNER, LEFT_SEMI, LEFT_ANTI -> condition == null ? JoinType.CROSS : JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case CROSS -> JoinType.CROSS;
        };
        if (condition == null && type != JoinType.CROSS) {
            condition = SqlLiteral.createBoolean(true, POS);
        }
        SqlJoin join = new SqlJoin(POS, from(0), SqlLiteral.createBoolean(false, POS), type.symbol(POS), from(1),
                (condition == null ? JoinConditionType.NONE : JoinConditionType.ON).symbol(POS), condition);
        if (kind.leftOnly()) {
            // Calcite's converter has no LEFT SEMI/ANTI JOIN: validate the condition as an inner join, then build it.
            List<SqlNode> all = new ArrayList<>(items);
            addColumns(right, 1, Set.of(), all, new ArrayList<>());
            RelNode inner = analyze(select(all, join, null, null, false), List.of(left, right));
            Join j = findJoin(inner);
            RelBuilder b = Plan.builder(j).push(j.getLeft()).push(j.getRight())
                    .join(kind == JoinKind.LEFT_SEMI ? JoinRelType.SEMI : JoinRelType.ANTI, j.getCondition());
            if (j.getLeft().getRowType().getFieldCount() != left.size()) {
                b.project(b.fields(org.apache.calcite.util.ImmutableBitSet.range(left.size()).asList()));
            }
            return Plan.of(hinted(b.build(), broadcastLeft, false), left.output());
        }
        RelNode rel = analyze(select(items, join, null, null, false), List.of(left, right));
        return Plan.of(hinted(rel, broadcastLeft, broadcastRight), out);
    }

    private static void addColumns(Plan p, int input, Set<Integer> skip, List<SqlNode> items, List<Attribute> out) {
        for (int i = 0; i < p.size(); i++) {
            if (!skip.contains(i)) {
                items.add(SqlGen.as(new SqlIdentifier(List.of(table(input), p.fieldName(i)), POS), p.fieldName(i)));
                out.add(p.output().get(i));
            }
        }
    }

    private static void checkSelfJoin(ColumnNode on, Set<Long> shared) {
        new Object() {
            void visit(ColumnNode n) {
                switch (n) {
                    case ColumnNode.Bound b when shared.contains(b.id()) -> throw new AnalysisException(
                            ErrorClass.AMBIGUOUS_REFERENCE, "the join condition takes `" + b.name() + "` with df.col() from "
                            + "a DataFrame that is on both sides of this self-join, so it cannot tell the sides apart: name "
                            + "the sides with as(\"a\") and as(\"b\") and write col(\"a." + b.name() + "\")");
                    case ColumnNode.Op o -> o.args().forEach(this::visit);
                    case ColumnNode.Call c -> c.args().forEach(this::visit);
                    case ColumnNode.Cast c -> visit(c.child());
                    case ColumnNode.Alias a -> visit(a.child());
                    case ColumnNode.In i -> {
                        visit(i.value());
                        i.list().forEach(this::visit);
                    }
                    case ColumnNode.Case c -> {
                        c.conditions().forEach(this::visit);
                        c.values().forEach(this::visit);
                        if (c.otherwise() != null) {
                            visit(c.otherwise());
                        }
                    }
                    default -> {
                    }
                }
            }
        }.visit(on);
    }

    private static Join findJoin(RelNode rel) {
        RelNode r = rel;
        while (!(r instanceof Join)) {
            if (r.getInputs().size() != 1) {
                throw new IllegalStateException("no join in " + rel);
            }
            r = r.getInput(0);
        }
        return (Join) r;
    }

    /** Attaches a BROADCAST hint naming a table of the broadcast side, as {@code /*+ BROADCAST(t) * /} would. */
    private static RelNode hinted(RelNode rel, boolean left, boolean right) {
        if (!left && !right) {
            return rel;
        }
        Join j = findJoin(rel);
        String table = tableOf(right ? j.getRight() : j.getLeft());
        if (table == null) {
            return rel;
        }
        RelNode hintedJoin = ((Hintable) j).withHints(List.of(RelHint.builder("BROADCAST").hintOption(table).build()));
        return replace(rel, j, hintedJoin);
    }

    private static RelNode replace(RelNode rel, RelNode target, RelNode with) {
        if (rel == target) {
            return with;
        }
        return rel.copy(rel.getTraitSet(), List.of(replace(rel.getInput(0), target, with)));
    }

    /** The name of a table this side reads, not under another join (how the planner matches hints). */
    private static String tableOf(RelNode rel) {
        if (rel instanceof TableScan s) {
            List<String> q = s.getTable().getQualifiedName();
            return q.get(q.size() - 1);
        }
        if (rel instanceof Join) {
            return null;
        }
        for (RelNode in : rel.getInputs()) {
            String t = tableOf(in);
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
