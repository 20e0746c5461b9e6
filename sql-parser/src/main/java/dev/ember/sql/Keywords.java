package dev.ember.sql;

import dev.ember.sql.parser.EmberSqlLexer;
import org.antlr.v4.runtime.Vocabulary;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** The words the shell highlights and completes: the grammar's keywords, type names and time units. */
final class Keywords {
    static final Set<String> ALL = build();

    private Keywords() {
    }

    private static Set<String> build() {
        Set<String> words = new TreeSet<>();
        Vocabulary v = EmberSqlLexer.VOCABULARY;
        for (int type = 1; type <= v.getMaxTokenType(); type++) {
            String literal = v.getLiteralName(type);
            if (literal != null && literal.matches("'[A-Z_]+'")) {
                words.add(literal.substring(1, literal.length() - 1));
            }
        }
        words.addAll(DataTypes.NAMES);
        words.addAll(TimeUnits.WORDS);
        return Collections.unmodifiableSet(words);
    }
}
