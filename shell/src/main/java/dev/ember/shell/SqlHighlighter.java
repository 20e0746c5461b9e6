package dev.ember.shell;

import dev.ember.sql.EmberSqlParser;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.Locale;
import java.util.Set;

/** Colors SQL as it is typed: keywords, string literals, numbers and comments. */
final class SqlHighlighter implements Highlighter {
    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);

    private final Set<String> keywords = EmberSqlParser.keywords();

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    AttributedString highlight(String s) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        if (s.startsWith(".") || s.startsWith("\\")) {
            return sb.append(s, AttributedStyle.BOLD).toAttributedString();
        }
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int j = i + 1;
            if (c == '\'') {
                while (j < n && !(s.charAt(j) == '\'' && (j + 1 >= n || s.charAt(j + 1) != '\''))) {
                    j += s.charAt(j) == '\'' ? 2 : 1;
                }
                j = Math.min(n, j + 1);
                sb.append(s.substring(i, j), STRING);
            } else if (c == '-' && j < n && s.charAt(j) == '-') {
                j = n;
                sb.append(s.substring(i, j), COMMENT);
            } else if (c == '/' && j < n && s.charAt(j) == '*') {
                int end = s.indexOf("*/", j + 1);
                j = end < 0 ? n : end + 2;
                sb.append(s.substring(i, j), COMMENT);
            } else if (c == '"' || c == '`') {
                while (j < n && s.charAt(j) != c) {
                    j++;
                }
                j = Math.min(n, j + 1);
                sb.append(s.substring(i, j));
            } else if (Character.isDigit(c) && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_')) {
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                sb.append(s.substring(i, j), NUMBER);
            } else if (Character.isLetter(c) || c == '_') {
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                String w = s.substring(i, j);
                boolean qualified = i > 0 && s.charAt(i - 1) == '.';
                sb.append(w, !qualified && keywords.contains(w.toUpperCase(Locale.ROOT)) ? KEYWORD : AttributedStyle.DEFAULT);
            } else {
                sb.append(c);
            }
            i = j;
        }
        return sb.toAttributedString();
    }
}
