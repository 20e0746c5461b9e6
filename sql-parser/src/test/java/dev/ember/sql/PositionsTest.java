package dev.ember.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Positions are accurate enough to cut a node's source out of the input: for every node of the
 * TPC-H queries (and a few more), the position lies inside its parent's, identifiers cut out
 * their own name and literals their own text.
 */
class PositionsTest {

    static Stream<String> inputs() {
        List<String> inputs = new ArrayList<>();
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            inputs.add(TpchQueries.text(q));
        }
        inputs.add("select /*+ BROADCAST(u) */ t.*, \"Quoted\".a, -1, 'it''s' from t join u using (a)\n"
                + "  where x between 1 and 2 and y not in (1, 2) and z like 'a%' escape '!'\n"
                + "  group by grouping sets ((a, b), ()) window w as (partition by a order by b desc nulls last)\n"
                + "  order by 1 limit 10");
        inputs.add("with w (k) as (select 1) select sum(k) filter (where k > 0) over (w rows 2 preceding),\n"
                + "  case k when 1 then 'x' end, cast(k as decimal(10, 2)), interval '1-2' year to month,\n"
                + "  trim(leading 'x' from s), substring(s from 1 for 2), extract(year from d)\n"
                + "from w, (values (1, 2)) v(a, b) left semi join u on true");
        return inputs.stream();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void everyNodeCutsOutItsOwnSource(String sql) {
        for (ParsedStatement statement : EmberSqlParser.parseScript(sql)) {
            SqlNode root = switch (statement.statement()) {
                case Statement.Query q -> q.query();
                case Statement.CreateView v -> v.query();
                default -> throw new AssertionError(statement);
            };
            check(root, null, sql);
        }
    }

    private static void check(SqlNode node, SqlParserPos parent, String sql) {
        if (node == null) {
            return;
        }
        SqlParserPos pos = node.getParserPosition();
        boolean known = !pos.equals(SqlParserPos.ZERO);
        if (known) {
            assertThat(compare(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum()))
                    .as("%s starts before it ends", node).isLessThanOrEqualTo(0);
            if (parent != null) {
                assertThat(compare(parent.getLineNum(), parent.getColumnNum(), pos.getLineNum(), pos.getColumnNum()))
                        .as("%s starts inside its parent", node).isLessThanOrEqualTo(0);
                assertThat(compare(pos.getEndLineNum(), pos.getEndColumnNum(), parent.getEndLineNum(),
                        parent.getEndColumnNum())).as("%s ends inside its parent", node).isLessThanOrEqualTo(0);
            }
            String text = cut(sql, pos);
            switch (node) {
                case SqlIdentifier id when !id.isStar() -> assertThat(text.replace("\"", "").replace("`", "")
                        .replaceAll("\\s", "").toLowerCase(Locale.ROOT))
                        .isEqualTo(String.join(".", id.names).toLowerCase(Locale.ROOT));
                case SqlNumericLiteral n when !Character.isLetter(text.charAt(0)) ->
                        assertThat(text.replace(" ", "")).isEqualTo(n.toValue());
                case SqlCharStringLiteral s when !text.isEmpty() && text.startsWith("'") ->
                        assertThat(text).isEqualTo("'" + s.getValueAs(String.class).replace("'", "''") + "'");
                default -> { }
            }
        }
        SqlParserPos inner = known ? pos : parent;
        if (node instanceof SqlNodeList list) {
            for (SqlNode child : list) {
                check(child, inner, sql);
            }
        } else if (node instanceof SqlCall call) {
            for (SqlNode child : call.getOperandList()) {
                check(child, inner, sql);
            }
        }
    }

    private static int compare(int line1, int col1, int line2, int col2) {
        return line1 != line2 ? Integer.compare(line1, line2) : Integer.compare(col1, col2);
    }

    /** The source text at a position (1-based, end inclusive). */
    static String cut(String sql, SqlParserPos pos) {
        String[] lines = sql.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int line = pos.getLineNum(); line <= pos.getEndLineNum(); line++) {
            String text = lines[line - 1];
            int from = line == pos.getLineNum() ? pos.getColumnNum() - 1 : 0;
            int to = line == pos.getEndLineNum() ? pos.getEndColumnNum() : text.length();
            sb.append(text, from, Math.min(to, text.length()));
            if (line < pos.getEndLineNum()) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
