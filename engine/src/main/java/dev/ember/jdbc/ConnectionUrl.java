package dev.ember.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Ember's JDBC URLs: {@code jdbc:ember:} (a new session of its own) or {@code jdbc:ember:mem:NAME}
 * (the named session of this JVM, shared by every connection that names it), followed by
 * optional {@code ?key=value&key=value} properties ({@code ;} also separates them). Properties
 * given in the URL win over those passed to {@code DriverManager.getConnection}.
 */
record ConnectionUrl(String sessionName, Properties properties) {
    static final String PREFIX = "jdbc:ember:";
    /** The property naming a shared session (what {@code mem:NAME} says in the URL). */
    static final String SESSION = "session";

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    static ConnectionUrl parse(String url, Properties info) throws SQLException {
        String rest = url.substring(PREFIX.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        Properties props = new Properties();
        if (info != null) {
            for (String k : info.stringPropertyNames()) {
                props.setProperty(k, info.getProperty(k));
            }
        }
        for (String pair : query.split("[&;]")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new SQLException("bad property '" + pair + "' in " + url + ": use key=value", "08001");
            }
            props.setProperty(decode(pair.substring(0, eq)).trim(), decode(pair.substring(eq + 1)).trim());
        }
        String name;
        if (rest.isEmpty()) {
            name = props.getProperty(SESSION, "").trim();
        } else if (rest.startsWith("mem:") && rest.length() > 4) {
            name = rest.substring(4);
        } else {
            throw new SQLException("bad Ember URL " + url + ": use jdbc:ember: or jdbc:ember:mem:NAME, then ?key=value&...",
                    "08001");
        }
        return new ConnectionUrl(name.isEmpty() ? null : name, props);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
