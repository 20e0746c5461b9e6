package dev.ember.sql;

import dev.ember.common.ErrorClass;
import dev.ember.common.ParseException;
import dev.ember.sql.Statement.Query;
import dev.ember.sql.Statement.SetConfig;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The public contract of {@link EmberSqlParser}: entry points, errors and their positions. */
class EmberSqlParserTest {

    @Test
    void emptyAndCommentOnlyScriptsHaveNoStatements() {
        assertThat(EmberSqlParser.parseScript("")).isEmpty();
        assertThat(EmberSqlParser.parseScript("  \n\t")).isEmpty();
        assertThat(EmberSqlParser.parseScript("-- nothing\n/* at all */ ;;")).isEmpty();
    }

    @Test
    void emptyStatementIsItsOwnErrorClass() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> EmberSqlParser.parseStatement(""));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.PARSE_EMPTY_STATEMENT);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1);
        assertThat(catchThrowableOfType(ParseException.class, () -> EmberSqlParser.parseStatement("-- just a comment"))
                .errorClass()).isEqualTo(ErrorClass.PARSE_EMPTY_STATEMENT);
        assertThat(catchThrowableOfType(ParseException.class, () -> EmberSqlParser.parseQuery(" "))
                .errorClass()).isEqualTo(ErrorClass.PARSE_EMPTY_STATEMENT);
    }

    @Test
    void scriptStatementsKnowTheirTextAndPlace() {
        String script = "SET ember.sql.shuffle.partitions = 8;\n  SELECT a\n  FROM t; -- done\n";
        List<ParsedStatement> statements = EmberSqlParser.parseScript(script);
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).statement()).isEqualTo(new SetConfig("ember.sql.shuffle.partitions", "8"));
        assertThat(statements.get(0).text()).isEqualTo("SET ember.sql.shuffle.partitions = 8");
        assertThat(statements.get(0).line()).isEqualTo(1);
        assertThat(statements.get(0).column()).isEqualTo(1);
        ParsedStatement second = statements.get(1);
        assertThat(second.text()).isEqualTo("SELECT a\n  FROM t");
        assertThat(second.line()).isEqualTo(2);
        assertThat(second.column()).isEqualTo(3);
        // Positions inside a statement are relative to the whole script.
        SqlSelect select = (SqlSelect) ((Query) second.statement()).query();
        SqlParserPos table = select.getFrom().getParserPosition();
        assertThat(table.getLineNum()).isEqualTo(3);
        assertThat(table.getColumnNum()).isEqualTo(8);
    }

    @Test
    void parseStatementTakesOneStatementWithAnOptionalSemicolon() {
        assertThat(EmberSqlParser.parseStatement("select 1;").statement()).isInstanceOf(Query.class);
        ParseException e = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseStatement("select 1;\nselect 2"));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo("syntax error at or near 'select': only one statement is allowed here");
    }

    @Test
    void misspeltStatementSaysWhatCouldStartOne() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> EmberSqlParser.parseStatement("selec 1"));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        assertThat(e.reason()).startsWith("syntax error at or near 'selec': expected a statement (SELECT, WITH, "
                + "VALUES, EXPLAIN, SET, SHOW, CREATE, INSERT, DROP, CACHE, ...)");
        assertThat(e.reason()).endsWith("did you mean SELECT?");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(1);
    }

    @Test
    void incompleteExpressionPointsAtTheEndOfTheLine() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> EmberSqlParser.parseStatement("select 1 +"));
        assertThat(e.reason()).isEqualTo("unexpected end of input: expected an expression");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(11);
        assertThat(e.getMessage()).isEqualTo("unexpected end of input: expected an expression (line 1, column 11)\n"
                + "select 1 +\n"
                + "          ^");
        // A trailing newline does not move the caret off the line that needs finishing.
        ParseException trailing = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseStatement("select 1 +\n\n"));
        assertThat(trailing.line()).isEqualTo(1);
        assertThat(trailing.column()).isEqualTo(11);
    }

    @Test
    void misspeltKeywordIsPointedAt() {
        ParseException star = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseStatement("select * form t"));
        assertThat(star.column()).isEqualTo(10);
        assertThat(star.reason()).startsWith("syntax error at or near 'form': expected ',', FROM, WHERE")
                .endsWith("did you mean FROM?");
        ParseException column = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseStatement("select a form t"));
        assertThat(column.column()).isEqualTo(10);
        assertThat(column.reason()).isEqualTo("syntax error at or near 'form': did you mean FROM?");
    }

    @Test
    void unterminatedStringsAndCommentsAreReportedWhereTheyStart() {
        ParseException string = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseStatement("select a\nfrom t\nwhere b = 'abc\n  and c = 1"));
        assertThat(string.reason()).startsWith("unterminated string literal");
        assertThat(string.line()).isEqualTo(3);
        assertThat(string.column()).isEqualTo(11);
        ParseException comment = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseStatement("select 1 /* never closed"));
        assertThat(comment.reason()).startsWith("unterminated comment");
        assertThat(comment.column()).isEqualTo(10);
        ParseException quoted = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseStatement("select \"abc from t"));
        assertThat(quoted.reason()).startsWith("unterminated quoted identifier");
        assertThat(quoted.column()).isEqualTo(8);
    }

    @Test
    void errorsInLaterStatementsPointIntoTheWholeScript() {
        ParseException e = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseScript("select 1;\nselect 2;\nselect (3;"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(10);
        assertThat(e.reason()).isEqualTo("syntax error at or near ';': expected ')', ',', AND or OR");
    }

    @Test
    void badLiteralsAreErrorsAtTheLiteral() {
        ParseException e = catchThrowableOfType(ParseException.class,
                () -> EmberSqlParser.parseQuery("select date '1998-13-01'"));
        assertThat(e.reason()).isEqualTo("invalid DATE literal '1998-13-01': there is no such date");
        assertThat(e.column()).isEqualTo(13);
    }

    @Test
    void parseQueryRejectsCommandsAndParseExpressionRejectsQueries() {
        assertThatThrownBy(() -> EmberSqlParser.parseQuery("drop table t")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("syntax error at or near 'drop': expected a query");
        assertThatThrownBy(() -> EmberSqlParser.parseExpression("select 1")).isInstanceOf(ParseException.class);
        assertThat(EmberSqlParser.parseQuery("(select 1) order by 1;").getKind()).isEqualTo(SqlKind.ORDER_BY);
    }

    @Test
    void expressionsMayBeAliasedOrAStar() {
        SqlNode revenue = EmberSqlParser.parseExpression("l_extendedprice * (1 - l_discount) AS revenue");
        assertThat(revenue.getKind()).isEqualTo(SqlKind.AS);
        SqlBasicCall as = (SqlBasicCall) revenue;
        assertThat(as.operand(0).getKind()).isEqualTo(SqlKind.TIMES);
        assertThat(((SqlIdentifier) as.operand(1)).getSimple()).isEqualTo("revenue");
        assertThat(((SqlIdentifier) EmberSqlParser.parseExpression("*")).isStar()).isTrue();
        assertThat(((SqlIdentifier) EmberSqlParser.parseExpression("t.*")).names).containsExactly("t", "");
        assertThat(EmberSqlParser.parseExpression("a > 1 and b is not null").getKind()).isEqualTo(SqlKind.AND);
    }

    /** The error analysis shares rule invocations; walking every path separately would take ages here. */
    @Test
    @Timeout(10)
    void errorsInDeeplyNestedExpressionsAreFoundQuickly() {
        String nested = "select " + "(".repeat(200) + "1 +" + ")".repeat(200);
        ParseException e = catchThrowableOfType(ParseException.class, () -> EmberSqlParser.parseStatement(nested));
        assertThat(e.reason()).isEqualTo("syntax error at or near ')': expected an expression");
        assertThat(e.column()).isEqualTo(211);
        String mixed = "select " + "((((a + b) * (c - d)) / (e ".repeat(40) + ")";
        assertThat(catchThrowableOfType(ParseException.class, () -> EmberSqlParser.parseStatement(mixed)).reason())
                .isEqualTo("unexpected end of input: expected ')', ',', AND or OR");
    }

    @Test
    void tooDeepNestingIsAParseErrorNotACrash() {
        assertThat(EmberSqlParser.parseQuery("select " + "(".repeat(500) + "1" + ")".repeat(500))).isNotNull();
        String deep = "select " + "(".repeat(20_000) + "1" + ")".repeat(20_000);
        ParseException e = catchThrowableOfType(ParseException.class, () -> EmberSqlParser.parseStatement(deep));
        assertThat(e.reason()).isEqualTo("the statement is nested too deeply: more than 500 levels of parentheses");
        assertThat(e.column()).isEqualTo(8 + 500);
    }

    @Test
    void antlrNeverWritesToTheConsole() {
        EmberSqlParser.parseQuery("select 1"); // load everything first
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try {
            System.setOut(capture);
            System.setErr(capture);
            for (String bad : List.of("select * form t", "select (1", "selec", "select 'x", "select # from t",
                    "select 1 + + + from", "create table t (a int", "select a from t where a in (select")) {
                assertThatThrownBy(() -> EmberSqlParser.parseScript(bad)).isInstanceOf(ParseException.class);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void parsesConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> SqlPrinter.unparse(
                            ((Query) EmberSqlParser.parseScript(TpchQueries.text(i % 22 + 1)).getLast().statement())
                                    .query())))
                    .toList();
            for (int i = 0; i < results.size(); i++) {
                String expected = SqlPrinter.unparse(
                        ((Query) EmberSqlParser.parseScript(TpchQueries.text(i % 22 + 1)).getLast().statement()).query());
                assertThat(results.get(i).get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
