package dev.ember.sql;

import dev.ember.sql.Statement.CreateView;
import dev.ember.sql.Statement.Query;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every TPC-H query parses, and Calcite's validator accepts what the parser built (against a
 * TPC-H schema), so the SqlNodes have the shapes Calcite expects. Q15 is a script: a view,
 * then the query over it.
 */
class TpchQueriesTest {

    static IntStream queries() {
        return IntStream.rangeClosed(1, TpchQueries.COUNT);
    }

    @ParameterizedTest(name = "q{0}")
    @MethodSource("queries")
    void parsesAndValidates(int number) {
        String sql = TpchQueries.text(number);
        List<ParsedStatement> statements = EmberSqlParser.parseScript(sql);
        CalciteSchema schema = CalciteValidation.tpch();
        if (number == 15) {
            assertThat(statements).hasSize(2);
            CreateView view = (CreateView) statements.get(0).statement();
            assertThat(view.name()).containsExactly("revenue");
            assertThat(view.orReplace()).isTrue();
            assertThat(view.queryText()).startsWith("SELECT").endsWith("l_suppkey");
            RelDataType viewType = CalciteValidation.validate(schema, view.query());
            assertThat(viewType.getFieldNames()).containsExactly("supplier_no", "total_revenue");
            CalciteValidation.add(schema, "revenue", viewType);
            statements = statements.subList(1, 2);
        }
        assertThat(statements).hasSize(1);
        ParsedStatement only = statements.get(0);
        assertThat(only.line()).isGreaterThan(1); // the file starts with a comment line
        assertThat(sql.lines().toList().get(only.line() - 1)).startsWith(only.text().lines().findFirst().orElseThrow());
        SqlNode query = ((Query) only.statement()).query();
        assertThat(query.getKind()).isIn(SqlKind.SELECT, SqlKind.ORDER_BY);
        RelDataType rowType = CalciteValidation.validate(schema, query);
        assertThat(rowType.getFieldCount()).isPositive();
    }
}
