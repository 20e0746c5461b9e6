package dev.ember.sql;

import dev.ember.common.ParseException;
import dev.ember.sql.parser.EmberSqlLexer;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.antlr.v4.runtime.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keywords: exactly the documented ones are reserved; every other keyword works as a column,
 * table and alias name (Spark lets {@code date}, {@code value}, {@code type}... be names).
 */
class KeywordsTest {
    /** Reserved words, as listed above {@code nonReserved} in EmberSql.g4. */
    static final Set<String> RESERVED = Set.of("ALL", "AND", "ANTI", "AS", "ASC", "ASYMMETRIC", "BETWEEN", "BOTH",
            "BY", "CASE", "CAST", "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIMESTAMP", "DESC", "DISTINCT", "ELSE",
            "END", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FOR", "FROM", "FULL", "GROUP", "HAVING", "ILIKE", "IN",
            "INNER", "INTERSECT", "INTO", "IS", "JOIN", "LEADING", "LEFT", "LIKE", "LIMIT", "MINUS", "NATURAL", "NOT",
            "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "RIGHT", "RLIKE", "SELECT", "SEMI", "SYMMETRIC", "TABLE",
            "THEN", "TO", "TRAILING", "TRUE", "UNION", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH");

    static Set<String> lexerKeywords() {
        Set<String> words = new TreeSet<>();
        Vocabulary v = EmberSqlLexer.VOCABULARY;
        for (int type = 1; type <= v.getMaxTokenType(); type++) {
            String literal = v.getLiteralName(type);
            if (literal != null && literal.matches("'[A-Z_]+'")) {
                words.add(literal.substring(1, literal.length() - 1));
            }
        }
        return words;
    }

    @Test
    void exactlyTheDocumentedKeywordsAreReserved() {
        Set<String> reserved = new TreeSet<>();
        for (String keyword : lexerKeywords()) {
            try {
                SqlNode e = EmberSqlParser.parseExpression("t." + keyword.toLowerCase(Locale.ROOT));
                assertThat(((SqlIdentifier) e).names).containsExactly("t", keyword.toLowerCase(Locale.ROOT));
            } catch (ParseException expected) {
                reserved.add(keyword);
            }
        }
        assertThat(reserved).isEqualTo(new TreeSet<>(RESERVED));
    }

    @Test
    void nonReservedKeywordsAreColumnTableAndAliasNames() {
        for (String keyword : lexerKeywords()) {
            if (RESERVED.contains(keyword)) {
                continue;
            }
            String k = keyword.toLowerCase(Locale.ROOT);
            SqlSelect select = (SqlSelect) EmberSqlParser.parseQuery(
                    "select " + k + ", " + k + " + 1 as " + k + " from " + k + " " + k + " where " + k + " > 0");
            assertThat(((SqlIdentifier) select.getSelectList().get(0)).names).as(keyword).containsExactly(k);
            assertThat(SqlPrinter.unparse(select.getSelectList().get(1))).as(keyword)
                    .isEqualTo("`" + k + "` + 1 AS `" + k + "`");
            assertThat(SqlPrinter.unparse(select.getFrom())).as(keyword).isEqualTo("`" + k + "` AS `" + k + "`");
        }
    }

    @Test
    void reservedKeywordsNeedQuotes() {
        for (String keyword : RESERVED) {
            String k = keyword.toLowerCase(Locale.ROOT);
            assertThatThrownBy(() -> EmberSqlParser.parseQuery("select a from " + k)).as(keyword)
                    .isInstanceOf(ParseException.class);
            SqlNode quoted = EmberSqlParser.parseExpression("\"" + k + "\"");
            assertThat(((SqlIdentifier) quoted).names).containsExactly(k);
        }
    }

    @Test
    void keywordsForTheShellAreUpperCaseAndComplete() {
        Set<String> keywords = EmberSqlParser.keywords();
        assertThat(keywords).containsAll(lexerKeywords());
        assertThat(keywords).contains("SELECT", "FROM", "WHERE", "DATE", "INTERVAL", "INT", "STRING", "DECIMAL",
                "YEAR", "MONTH", "DAY", "CACHE", "EXPLAIN");
        assertThat(keywords).allMatch(k -> k.equals(k.toUpperCase(Locale.ROOT)));
        assertThatThrownBy(() -> keywords.add("X")).isInstanceOf(UnsupportedOperationException.class);
    }
}
