package dev.ember.jdbc;

import dev.ember.common.EmberException;
import dev.ember.engine.EmberSession;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A connection to an Ember session (its own, or a shared {@code mem:NAME} one). Ember has no
 * transactions: every statement takes effect when it runs, so the connection is always in
 * auto-commit mode with isolation {@code TRANSACTION_NONE}; the catalog and schema are the
 * session's current schema ({@code USE}).
 */
public final class EmberConnection extends AvaticaConnection {
    private final SessionRegistry.Lease lease;
    private volatile boolean readOnly;

    EmberConnection(EmberDriver driver, AvaticaFactory factory, String url, Properties info) throws SQLException {
        super(driver, factory, url, info);
        properties.put(InternalProperty.CASE_SENSITIVE, false);
        properties.put(InternalProperty.QUOTING, Quoting.DOUBLE_QUOTE);
        properties.put(InternalProperty.UNQUOTED_CASING, Casing.TO_LOWER);
        properties.put(InternalProperty.QUOTED_CASING, Casing.UNCHANGED);
        Map<String, String> settings = new TreeMap<>();
        for (String k : info.stringPropertyNames()) {
            if (k.startsWith("ember.")) {
                settings.put(k, info.getProperty(k));
            }
        }
        String name = info.getProperty(ConnectionUrl.SESSION, "").trim();
        try {
            this.lease = SessionRegistry.acquire(name.isEmpty() ? null : name, settings);
        } catch (EmberException e) {
            throw SqlErrors.of(e);
        }
    }

    /** The Ember session this connection runs on. */
    public EmberSession session() {
        return lease.session();
    }

    boolean sharedSession() {
        return lease.name() != null;
    }

    void releaseSession() {
        lease.close();
    }

    EmberMeta emberMeta() {
        return (EmberMeta) meta;
    }

    /** A result set over the current result of {@code statement} (for {@code getMoreResults}). */
    AvaticaResultSet openResultSet(AvaticaStatement statement, Meta.Signature signature) throws SQLException {
        EmberResultSet rs = (EmberResultSet) factory.newResultSet(statement, new QueryState(signature.sql), signature,
                getTimeZone(), null);
        rs.start();
        return rs;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                                       int resultSetHoldability) throws SQLException {
        try {
            return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e, false);
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (!autoCommit) {
            throw SqlErrors.unsupported("setAutoCommit(false): transactions (every statement takes effect at once)");
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return true;
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        throw new SQLException("commit: the connection is in auto-commit mode (Ember has no transactions)", "25000");
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        throw new SQLException("rollback: the connection is in auto-commit mode (Ember has no transactions; "
                + "nothing can be undone)", "25000");
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level != Connection.TRANSACTION_NONE) {
            throw SqlErrors.unsupported("transaction isolation level " + level + " (Ember has no transactions)");
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return Connection.TRANSACTION_NONE;
    }

    /** A hint, as JDBC defines it: remembered and reported, not enforced. */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        sync(catalog, null);
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return CatalogMetadata.catalogAndSchema(session().catalog().currentSchema())[0];
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        sync(null, schema);
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return CatalogMetadata.catalogAndSchema(session().catalog().currentSchema())[1];
    }

    private void sync(String catalog, String schema) throws SQLException {
        checkOpen();
        try {
            meta.connectionSync(handle, new org.apache.calcite.avatica.ConnectionPropertiesImpl()
                    .setCatalog(catalog).setSchema(schema));
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e, false);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            super.close();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, false);
        }
    }
}
