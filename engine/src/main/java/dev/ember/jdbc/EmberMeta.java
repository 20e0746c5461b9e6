package dev.ember.jdbc;

import dev.ember.engine.EmberSession;
import dev.ember.sql.EmberSqlParser;
import dev.ember.sql.ParsedStatement;
import dev.ember.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avatica's {@code Meta} over an Ember session: everything the {@code java.sql} objects ask the
 * "server" to do, done in process. Statements run through {@link StatementState}; catalog
 * questions are answered by {@link CatalogMetadata} from the live catalog.
 *
 * <p>Errors leave here as unchecked exceptions (Avatica's interface); the driver's statements
 * and result sets turn them back into SQLExceptions with Ember's SQLState ({@link SqlErrors}).
 */
final class EmberMeta extends MetaImpl {
    private final EmberConnection conn;
    private final Map<Integer, StatementState> states = new ConcurrentHashMap<>();

    EmberMeta(EmberConnection connection) {
        super(connection);
        this.conn = connection;
        connProps.setAutoCommit(true).setReadOnly(false).setTransactionIsolation(Connection.TRANSACTION_NONE);
        connProps.setDirty(false);
    }

    private EmberSession session() {
        return conn.session();
    }

    StatementState state(int statementId) {
        StatementState s = states.get(statementId);
        if (s == null) {
            s = new StatementState(session(), conn.sharedSession());
            StatementState raced = states.putIfAbsent(statementId, s);
            if (raced != null) {
                s = raced;
            }
        }
        return s;
    }

    private AvaticaStatement statement(StatementHandle h) {
        return conn.statementMap.get(h.id);
    }

    private long maxRows(StatementHandle h) {
        AvaticaStatement s = statement(h);
        try {
            return s == null ? 0 : s.getLargeMaxRows();
        } catch (SQLException e) {
            return 0;
        }
    }

    private int timeoutMillis(StatementHandle h) {
        AvaticaStatement s = statement(h);
        try {
            return s == null ? 0 : (int) Math.min(Integer.MAX_VALUE, s.getQueryTimeout() * 1000L);
        } catch (SQLException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------ statements

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        StatementHandle h = super.createStatement(ch);
        state(h.id);
        return h;
    }

    @Override
    public void closeStatement(StatementHandle h) {
        StatementState s = states.remove(h.id);
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void closeConnection(ConnectionHandle ch) {
        for (StatementState s : states.values()) {
            s.close();
        }
        states.clear();
        conn.releaseSession();
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        PreparedSql prepared = PreparedSql.prepare(session(), sql);
        StatementHandle h = createStatement(ch);
        h.signature = prepared.signature();
        state(h.id).prepared = prepared;
        return h;
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
            throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, -1, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        StatementState st = state(h.id);
        try {
            synchronized (callback.getMonitor()) {
                callback.clear();
            }
            resetCancel(h);
            long maxRows = maxRowCount > 0 ? maxRowCount : 0;
            JdbcResult first = st.run(sql, maxRows, timeoutMillis(h));
            synchronized (callback.getMonitor()) {
                callback.assign(signatureOf(first, sql), null, updateCountOf(first));
            }
            callback.execute();
            return new ExecuteResult(List.of(metaResultSet(h, first, sql)));
        } catch (SQLException e) {
            throw new SqlErrors.Carrier(e);
        }
    }

    private void resetCancel(StatementHandle h) {
        try {
            conn.getCancelFlag(h).set(false);
        } catch (NoSuchStatementException e) {
            // Not registered yet: nothing was cancelled.
        }
    }

    static Signature signatureOf(JdbcResult r, String sql) {
        return switch (r) {
            case JdbcResult.Rows rows -> rows.signature();
            case JdbcResult.Count c -> Signature.create(List.of(), sql, List.of(), CursorFactory.ARRAY, c.type());
        };
    }

    static long updateCountOf(JdbcResult r) {
        return r instanceof JdbcResult.Count c ? c.count() : -1;
    }

    private MetaResultSet metaResultSet(StatementHandle h, JdbcResult r, String sql) {
        return switch (r) {
            case JdbcResult.Rows rows -> MetaResultSet.create(h.connectionId, h.id, false, rows.signature(), null);
            case JdbcResult.Count c -> MetaResultSet.count(h.connectionId, h.id, c.count());
        };
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return execute(h, parameterValues, -1);
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        StatementState st = state(h.id);
        PreparedSql p = st.prepared;
        if (p == null) {
            throw new NoSuchStatementException(h);
        }
        try {
            String sql = Parameters.substitute(p.sql(), p.markers(), Parameters.literals(parameterValues, p.markers().length));
            resetCancel(h);
            JdbcResult first = st.run(sql, maxRows(h), timeoutMillis(h));
            return new ExecuteResult(List.of(metaResultSet(h, first, sql)));
        } catch (SQLException e) {
            throw new SqlErrors.Carrier(e);
        }
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        StatementState st = state(h.id);
        long[] counts = new long[sqlCommands.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = batchCount(st.run(sqlCommands.get(i), 0, timeoutMillis(h)));
        }
        return new ExecuteBatchResult(counts);
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        StatementState st = state(h.id);
        PreparedSql p = st.prepared;
        if (p == null) {
            throw new NoSuchStatementException(h);
        }
        try {
            long[] counts = new long[parameterValues.size()];
            for (int i = 0; i < counts.length; i++) {
                String sql = Parameters.substitute(p.sql(), p.markers(),
                        Parameters.literals(parameterValues.get(i), p.markers().length));
                counts[i] = batchCount(st.run(sql, 0, timeoutMillis(h)));
            }
            return new ExecuteBatchResult(counts);
        } catch (SQLException e) {
            throw new SqlErrors.Carrier(e);
        }
    }

    /** A batch holds updates only: a statement that returns rows fails it (JDBC's BatchUpdateException). */
    private static long batchCount(JdbcResult r) {
        r.close();
        if (r instanceof JdbcResult.Rows rows && rows.query()) {
            throw new SqlErrors.Carrier(new SQLException("a batch cannot run a query (it returns rows)", "07000"));
        }
        return r instanceof JdbcResult.Count c ? c.count() : 0;
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        StatementState st = states.get(h.id);
        if (st == null) {
            throw new NoSuchStatementException(h);
        }
        RowSource rows = st.takeRows();
        List<Object> out = new ArrayList<>();
        int max = fetchMaxRowCount <= 0 ? Integer.MAX_VALUE : fetchMaxRowCount;
        while (out.size() < max && rows.hasNext()) {
            out.add(rows.next());
        }
        return new Frame(offset, !rows.hasNext(), out);
    }

    @Override
    public Iterable<Object> createIterable(StatementHandle h, QueryState state, Signature signature,
                                           List<TypedValue> parameterValues, Frame firstFrame) {
        if (firstFrame != null && firstFrame.done) {
            return firstFrame.rows;
        }
        RowSource rows = state(h.id).takeRows();
        return () -> new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Object next() {
                return rows.next();
            }
        };
    }

    @Override
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
        return false;
    }

    @Override
    public void commit(ConnectionHandle ch) {
        throw new SqlErrors.Carrier(new SQLException("commit: the connection is in auto-commit mode (Ember has no transactions)",
                "25000"));
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        throw new SqlErrors.Carrier(new SQLException(
                "rollback: the connection is in auto-commit mode (Ember has no transactions; nothing can be undone)", "25000"));
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties props) {
        if (props.getSchema() != null || props.getCatalog() != null) {
            List<String> path = new ArrayList<>(session().catalog().currentSchema());
            if (props.getCatalog() != null) {
                path = new ArrayList<>(List.of(props.getCatalog()));
            }
            if (props.getSchema() != null) {
                String catalog = path.isEmpty() ? null : path.get(0);
                path = new ArrayList<>();
                if (catalog != null) {
                    path.add(catalog);
                }
                path.addAll(List.of(props.getSchema().split("\\.")));
            }
            session().execute(new ParsedStatement(new Statement.Use(path), "USE", 1, 1), "USE");
        }
        connProps.merge(props);
        String[] cs = CatalogMetadata.catalogAndSchema(session().catalog().currentSchema());
        connProps.setCatalog(cs[0]);
        connProps.setSchema(cs[1]);
        connProps.setDirty(false);
        return connProps;
    }

    // ------------------------------------------------------------------ metadata

    private MetaResultSet rows(CatalogMetadata.Rows r) {
        return createResultSet(Map.of(), r.columns(), CursorFactory.ARRAY, new Frame(0, true, new ArrayList<>(r.rows())));
    }

    private CatalogMetadata catalog() {
        return new CatalogMetadata(session());
    }

    @Override
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
        Map<DatabaseProperty, Object> m = new EnumMap<>(DatabaseProperty.class);
        m.put(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, "Ember");
        m.put(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, EmberDriver.VERSION);
        m.put(DatabaseProperty.GET_DATABASE_MAJOR_VERSION, 0);
        m.put(DatabaseProperty.GET_DATABASE_MINOR_VERSION, 1);
        m.put(DatabaseProperty.GET_DRIVER_NAME, "Ember JDBC Driver");
        m.put(DatabaseProperty.GET_DRIVER_VERSION, EmberDriver.VERSION);
        m.put(DatabaseProperty.GET_DRIVER_MAJOR_VERSION, 0);
        m.put(DatabaseProperty.GET_DRIVER_MINOR_VERSION, 1);
        m.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, Connection.TRANSACTION_NONE);
        m.put(DatabaseProperty.GET_S_Q_L_KEYWORDS, String.join(",", new java.util.TreeSet<>(EmberSqlParser.keywords())));
        m.put(DatabaseProperty.GET_NUMERIC_FUNCTIONS, FunctionLists.numeric());
        m.put(DatabaseProperty.GET_STRING_FUNCTIONS, FunctionLists.string());
        m.put(DatabaseProperty.GET_TIME_DATE_FUNCTIONS, FunctionLists.dateTime());
        m.put(DatabaseProperty.GET_SYSTEM_FUNCTIONS, FunctionLists.system());
        return m;
    }

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                   List<String> typeList) {
        return rows(catalog().tables(catalog, schemaPattern.s, tableNamePattern.s, typeList));
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                    Pat columnNamePattern) {
        return rows(catalog().columns(catalog, schemaPattern.s, tableNamePattern.s, columnNamePattern.s));
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        return rows(catalog().schemas(catalog, schemaPattern.s));
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return rows(catalog().catalogs());
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return rows(CatalogMetadata.tableTypes());
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return rows(CatalogMetadata.typeInfo());
    }

    @Override
    public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat functionNamePattern) {
        return rows(CatalogMetadata.functions(catalog, schemaPattern.s, functionNamePattern.s));
    }
}
