package dev.ember.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Ember's embedded JDBC driver, built on Avatica (as Calcite's own driver is): Avatica supplies
 * the {@code java.sql} classes, {@link EmberMeta} runs statements on an Ember session.
 *
 * <pre>{@code
 * try (Connection c = DriverManager.getConnection("jdbc:ember:?ember.sql.shuffle.partitions=8");
 *      ResultSet rs = c.createStatement().executeQuery("select count(*) from tpch.tiny.lineitem")) {
 *     rs.next();
 *     long rows = rs.getLong(1);
 * }
 * }</pre>
 *
 * <p>URLs: {@code jdbc:ember:} opens a session of its own; {@code jdbc:ember:mem:NAME} shares
 * the JVM's session of that name. Properties ({@code ?key=value&...} or the {@code Properties}
 * passed in) take any {@code ember.*} setting. The driver registers itself through
 * {@code META-INF/services/java.sql.Driver}.
 */
public class EmberDriver extends UnregisteredDriver {
    public static final String VERSION = "0.1.0";

    static {
        new EmberDriver().register();
    }

    public EmberDriver() {
        super();
    }

    @Override
    protected String getConnectStringPrefix() {
        return ConnectionUrl.PREFIX;
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return new DriverVersion("Ember JDBC Driver", VERSION, "Ember", VERSION, false, 0, 1, 0, 1);
    }

    @Override
    protected AvaticaFactory createFactory() {
        return new EmberJdbcFactory();
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        return new EmberMeta((EmberConnection) connection);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        if (url == null) {
            throw new SQLException("url can not be null", "08001");
        }
        return ConnectionUrl.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        ConnectionUrl parsed = ConnectionUrl.parse(url, info);
        if (parsed.sessionName() != null) {
            parsed.properties().setProperty(ConnectionUrl.SESSION, parsed.sessionName());
        }
        AvaticaConnection c = factory.newConnection(this, factory, url, parsed.properties());
        handler.onConnectionInit(c);
        return c;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        List<DriverPropertyInfo> out = new ArrayList<>();
        DriverPropertyInfo session = new DriverPropertyInfo(ConnectionUrl.SESSION, info == null ? null
                : info.getProperty(ConnectionUrl.SESSION));
        session.description = "Name of a session shared by the connections of this JVM that name it (as jdbc:ember:mem:NAME)";
        out.add(session);
        for (var e : dev.ember.common.config.EmberConf.entries()) {
            DriverPropertyInfo p = new DriverPropertyInfo(e.key(), info == null ? null : info.getProperty(e.key()));
            p.description = e.doc();
            out.add(p);
        }
        DriverPropertyInfo tz = new DriverPropertyInfo("timeZone", info == null ? null : info.getProperty("timeZone"));
        tz.description = "Zone in which getDate/getTimestamp read Ember's zone-less dates and timestamps (default: the JVM's)";
        out.add(tz);
        return out.toArray(new DriverPropertyInfo[0]);
    }
}
