package dev.ember.shell;

import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * {@code ember server}: Ember's sessions over the network with Avatica's HTTP server, for
 * Avatica's remote driver ({@code jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf}).
 * It binds to 127.0.0.1 unless {@code --host} says otherwise. Remote connections share the
 * session named by {@code --session} (default {@code server}); a client picks another with the
 * connection property {@code session=NAME}.
 */
public final class Server implements AutoCloseable {
    static final String USAGE = """
            usage: ember server [options]
              --port N              port to listen on (default 8765; 0 picks a free one)
              --host ADDRESS        address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
              --session NAME        the session remote connections share (default server)
              --serialization S     protobuf (default) or json
              -c, --conf KEY=VALUE  an ember.* setting for the session (repeatable)
            Connect with Avatica's remote driver:
              jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf
            """;

    private final HttpServer http;
    private final String host;

    private Server(HttpServer http, String host) {
        this.http = http;
        this.host = host;
    }

    /** Starts a server; {@code info} holds ember.* settings and the shared session's name. */
    public static Server start(String host, int port, Properties info, Serialization serialization) throws SQLException {
        LocalService service = new LocalService(new EmberServerMeta("jdbc:ember:", info));
        ServerCustomizer<org.eclipse.jetty.server.Server> bind = server -> {
            for (Connector c : server.getConnectors()) {
                if (c instanceof ServerConnector sc) {
                    sc.setHost(host);
                }
            }
        };
        HttpServer http = new HttpServer.Builder<org.eclipse.jetty.server.Server>()
                .withHandler(service, serialization)
                .withPort(port)
                .withServerCustomizers(List.of(bind), org.eclipse.jetty.server.Server.class)
                .build();
        http.start();
        return new Server(http, host);
    }

    public int port() {
        return http.getPort();
    }

    /** The URL of Avatica's remote driver for this server. */
    public String jdbcUrl() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "jdbc:avatica:remote:url=http://" + h + ":" + port() + ";serialization=protobuf";
    }

    public void join() throws InterruptedException {
        http.join();
    }

    @Override
    public void close() {
        http.stop();
    }

    /** {@code ember server ...}: runs until the process is stopped. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        int port = 8765;
        String host = "127.0.0.1";
        Properties info = new Properties();
        info.setProperty("session", "server");
        Serialization serialization = Serialization.PROTOBUF;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--host" -> host = args[++i];
                    case "--session" -> info.setProperty("session", args[++i]);
                    case "--serialization" -> serialization = Serialization.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
                    case "-c", "--conf" -> {
                        String kv = args[++i];
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            err.println("--conf takes KEY=VALUE, got '" + kv + "'");
                            return 2;
                        }
                        info.setProperty(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                    }
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> {
                        err.println("unknown option '" + a + "'\n" + USAGE);
                        return 2;
                    }
                }
            } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
                err.println("bad or missing value for " + a + "\n" + USAGE);
                return 2;
            }
        }
        // Check the settings once, here, rather than on the first client's connection.
        try (java.sql.Connection check = java.sql.DriverManager.getConnection("jdbc:ember:", settingsOnly(info))) {
            check.isValid(1);
        } catch (SQLException e) {
            err.println(e.getMessage());
            return 2;
        }
        Server server;
        try {
            server = start(host, port, info, serialization);
        } catch (SQLException | RuntimeException e) {
            err.println("cannot start the server on " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
        out.println("Ember server listening on http://" + host + ":" + server.port() + " (session '"
                + info.getProperty("session") + "')");
        out.println("Connect with: " + server.jdbcUrl());
        out.flush();
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return 0;
    }

    private static Properties settingsOnly(Properties info) {
        Properties p = new Properties();
        for (String k : info.stringPropertyNames()) {
            if (k.startsWith("ember.")) {
                p.setProperty(k, info.getProperty(k));
            }
        }
        return p;
    }
}
