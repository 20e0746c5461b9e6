package dev.ember.jdbc;

import dev.ember.engine.EmberSession;
import dev.ember.sql.ParsedStatement;
import dev.ember.sql.Statement;

import java.util.HashMap;
import java.util.Map;

/**
 * The sessions behind connections. A connection to {@code jdbc:ember:} has a session of its own,
 * closed with it. Connections to {@code jdbc:ember:mem:NAME} share the JVM's session of that
 * name: its tables, views, settings and current schema; it is created by the first of them and
 * closed when the last one closes (as an in-memory database of H2 or DuckDB).
 */
final class SessionRegistry {
    private static final Map<String, Shared> SHARED = new HashMap<>();

    private SessionRegistry() {
    }

    private static final class Shared {
        final EmberSession session;
        int connections;

        Shared(EmberSession session) {
            this.session = session;
        }
    }

    /** A connection's hold on its session; {@link #close} releases it. */
    static final class Lease implements AutoCloseable {
        private final EmberSession session;
        private final String name;
        private boolean closed;

        private Lease(EmberSession session, String name) {
            this.session = session;
            this.name = name;
        }

        EmberSession session() {
            return session;
        }

        /** The shared session's name, or null for a connection's own session. */
        String name() {
            return name;
        }

        @Override
        public void close() {
            synchronized (SHARED) {
                if (closed) {
                    return;
                }
                closed = true;
                if (name == null) {
                    session.close();
                    return;
                }
                Shared s = SHARED.get(name);
                if (s != null && s.session == session && --s.connections == 0) {
                    SHARED.remove(name);
                    session.close();
                }
            }
        }
    }

    /**
     * The session for a connection, with {@code settings} (ember.* keys) applied to it; a bad
     * setting fails the connection and leaves a shared session as it was.
     */
    static Lease acquire(String name, Map<String, String> settings) {
        if (name == null) {
            EmberSession.Builder b = EmberSession.builder();
            settings.forEach(b::config);
            return new Lease(b.getOrCreate(), null);
        }
        synchronized (SHARED) {
            Shared s = SHARED.get(name);
            if (s == null) {
                EmberSession.Builder b = EmberSession.builder();
                settings.forEach(b::config);
                s = new Shared(b.getOrCreate());
                SHARED.put(name, s);
            } else {
                // Validate every value first (the builder rejects bad ones), then apply through SET.
                EmberSession.Builder check = EmberSession.builder();
                settings.forEach(check::config);
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    s.session.execute(new ParsedStatement(new Statement.SetConfig(e.getKey(), e.getValue()),
                            "SET " + e.getKey(), 1, 1), "SET " + e.getKey());
                }
            }
            s.connections++;
            return new Lease(s.session, name);
        }
    }
}
