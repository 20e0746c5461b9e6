package dev.ember.sql;

import dev.ember.sql.parser.EmberSqlLexer;
import org.antlr.v4.runtime.Token;

import java.util.Locale;

/**
 * Identifier normalization: unquoted names are case-insensitive and become lower case;
 * "double quoted" and `back quoted` names keep their case, a doubled quote inside standing for
 * one quote.
 */
final class Identifiers {
    private Identifiers() {
    }

    /** The normalized name of an identifier token. */
    static String name(Token token, Source source) {
        return switch (token.getType()) {
            case EmberSqlLexer.QUOTED_IDENTIFIER -> unquote(token, '"', source);
            case EmberSqlLexer.BACKQUOTED_IDENTIFIER -> unquote(token, '`', source);
            default -> token.getText().toLowerCase(Locale.ROOT);
        };
    }

    /** A function or hint name: unquoted names in upper case, as Calcite's operator tables expect. */
    static String upperName(Token token, Source source) {
        return switch (token.getType()) {
            case EmberSqlLexer.QUOTED_IDENTIFIER -> unquote(token, '"', source);
            case EmberSqlLexer.BACKQUOTED_IDENTIFIER -> unquote(token, '`', source);
            default -> token.getText().toUpperCase(Locale.ROOT);
        };
    }

    static boolean isQuoted(Token token) {
        return token.getType() == EmberSqlLexer.QUOTED_IDENTIFIER
                || token.getType() == EmberSqlLexer.BACKQUOTED_IDENTIFIER;
    }

    private static String unquote(Token token, char quote, Source source) {
        String text = token.getText();
        String body = text.substring(1, text.length() - 1);
        if (body.isEmpty()) {
            throw source.error("a quoted identifier cannot be empty", token);
        }
        String q = String.valueOf(quote);
        return body.replace(q + q, q);
    }
}
