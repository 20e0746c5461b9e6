package dev.ember.jdbc;

import dev.ember.catalog.CatalogEntry;
import dev.ember.catalog.Namespace;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.EmberException;
import dev.ember.engine.EmberSession;
import dev.ember.plan.Functions;
import org.apache.calcite.avatica.ColumnMetaData;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rows of {@code DatabaseMetaData}'s catalog methods, read from the session's live catalog.
 *
 * <p>Ember's names map onto JDBC's three levels the way Trino's do: a top-level schema is a
 * JDBC catalog, a schema nested in it is a JDBC schema. {@code tpch.tiny.lineitem} is table
 * {@code lineitem} of schema {@code tiny} in catalog {@code tpch}; a table directly in
 * {@code default} is in catalog {@code default} with no schema (null), so a tool that qualifies
 * names as {@code catalog.schema.table} writes a name Ember resolves.
 */
final class CatalogMetadata {
    /** A metadata result: its columns and rows. */
    record Rows(List<ColumnMetaData> columns, List<Object[]> rows) {
    }

    private final EmberSession session;

    CatalogMetadata(EmberSession session) {
        this.session = session;
    }

    private static List<ColumnMetaData> columns(Object... namesAndTypes) {
        List<ColumnMetaData> out = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            out.add(ColumnTypes.metaColumn(i / 2, (String) namesAndTypes[i], (Integer) namesAndTypes[i + 1]));
        }
        return out;
    }

    /** A JDBC search pattern ({@code %}, {@code _}, escape {@code \}); null matches everything. */
    static Pattern like(String pattern) {
        if (pattern == null) {
            return null;
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static boolean matches(Pattern p, String name) {
        return p == null || p.matcher(name).matches();
    }

    /** Schema patterns: null matches all; "" only tables without a schema; a pattern of only % matches those too. */
    private static boolean schemaMatches(String pattern, String schema) {
        if (pattern == null) {
            return true;
        }
        if (schema == null) {
            return pattern.isEmpty() || pattern.chars().allMatch(c -> c == '%');
        }
        return matches(like(pattern), schema);
    }

    private static boolean catalogMatches(String catalog, String name) {
        return catalog == null || catalog.equalsIgnoreCase(name);
    }

    /** One table or view with where it lives. */
    private record Located(String catalog, String schema, CatalogEntry entry) {
        String type() {
            return entry instanceof CatalogEntry.View ? "VIEW" : "TABLE";
        }

        List<String> qualifiedName() {
            List<String> q = new ArrayList<>();
            q.add(catalog);
            if (schema != null) {
                q.add(schema);
            }
            q.add(entry.name());
            return q;
        }
    }

    private List<Located> tables(String catalog, String schemaPattern, String tablePattern) {
        Pattern tables = like(tablePattern);
        List<Located> out = new ArrayList<>();
        for (Map.Entry<String, Namespace> root : session.catalog().roots().entrySet()) {
            Namespace ns = root.getValue();
            if (!catalogMatches(catalog, ns.name())) {
                continue;
            }
            if (schemaMatches(schemaPattern, null)) {
                addEntries(out, ns.name(), null, ns, tables);
            }
            for (String child : ns.childNames()) {
                if (schemaMatches(schemaPattern, child)) {
                    ns.child(child).ifPresent(c -> addEntries(out, ns.name(), child, c, tables));
                }
            }
        }
        return out;
    }

    private static void addEntries(List<Located> out, String catalog, String schema, Namespace ns, Pattern tables) {
        for (String name : ns.entryNames()) {
            if (matches(tables, name)) {
                ns.entry(name).ifPresent(e -> out.add(new Located(catalog, schema, e)));
            }
        }
    }

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    Rows tables(String catalog, String schemaPattern, String tablePattern, List<String> types) {
        List<Located> found = tables(catalog, schemaPattern, tablePattern);
        found.removeIf(t -> types != null && types.stream().noneMatch(x -> x.equalsIgnoreCase(t.type())));
        found.sort(Comparator.comparing(Located::type).thenComparing(Located::catalog, NULLS_FIRST)
                .thenComparing(Located::schema, NULLS_FIRST).thenComparing(t -> t.entry().name()));
        List<Object[]> rows = new ArrayList<>();
        for (Located t : found) {
            rows.add(new Object[] {t.catalog(), t.schema(), t.entry().name(), t.type(), null, null, null, null, null, null});
        }
        return new Rows(columns("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "TABLE_TYPE", Types.VARCHAR, "REMARKS", Types.VARCHAR, "TYPE_CAT", Types.VARCHAR, "TYPE_SCHEM", Types.VARCHAR,
                "TYPE_NAME", Types.VARCHAR, "SELF_REFERENCING_COL_NAME", Types.VARCHAR, "REF_GENERATION", Types.VARCHAR), rows);
    }

    /** A table's columns; a view's come from analyzing it (a view that no longer analyzes has none). */
    private Schema schemaOf(Located t) {
        return switch (t.entry()) {
            case CatalogEntry.SourceTable s -> s.source().schema();
            case CatalogEntry.View v -> {
                try {
                    yield session.sql("select * from " + String.join(".", t.qualifiedName().stream()
                            .map(n -> "`" + n.replace("`", "``") + "`").toList())).schema();
                } catch (EmberException e) {
                    yield new Schema(List.of());
                }
            }
        };
    }

    Rows columns(String catalog, String schemaPattern, String tablePattern, String columnPattern) {
        List<Located> found = tables(catalog, schemaPattern, tablePattern);
        found.sort(Comparator.comparing(Located::catalog, NULLS_FIRST).thenComparing(Located::schema, NULLS_FIRST)
                .thenComparing(t -> t.entry().name()));
        Pattern cols = like(columnPattern);
        List<Object[]> rows = new ArrayList<>();
        for (Located t : found) {
            Schema s = schemaOf(t);
            for (int i = 0; i < s.size(); i++) {
                Field f = s.field(i);
                if (!matches(cols, f.name())) {
                    continue;
                }
                ColumnTypes.JdbcType jt = ColumnTypes.of(f.type());
                boolean numeric = f.type().isNumeric();
                Integer digits = f.type() instanceof DataType.DecimalType || f.type() instanceof DataType.TimestampType
                        || f.type() instanceof DataType.IntType || f.type() instanceof DataType.BigIntType ? jt.scale() : null;
                rows.add(new Object[] {t.catalog(), t.schema(), t.entry().name(), f.name(), jt.sqlType(), jt.name(),
                        jt.precision(), null, digits, numeric ? 10 : null,
                        f.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, null, null, null, null,
                        jt.sqlType() == Types.VARCHAR ? Integer.MAX_VALUE : null, i + 1, f.nullable() ? "YES" : "NO",
                        null, null, null, null, "NO", "NO"});
            }
        }
        return new Rows(columns("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "COLUMN_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER, "TYPE_NAME", Types.VARCHAR,
                "COLUMN_SIZE", Types.INTEGER, "BUFFER_LENGTH", Types.INTEGER, "DECIMAL_DIGITS", Types.INTEGER,
                "NUM_PREC_RADIX", Types.INTEGER, "NULLABLE", Types.INTEGER, "REMARKS", Types.VARCHAR,
                "COLUMN_DEF", Types.VARCHAR, "SQL_DATA_TYPE", Types.INTEGER, "SQL_DATETIME_SUB", Types.INTEGER,
                "CHAR_OCTET_LENGTH", Types.INTEGER, "ORDINAL_POSITION", Types.INTEGER, "IS_NULLABLE", Types.VARCHAR,
                "SCOPE_CATALOG", Types.VARCHAR, "SCOPE_SCHEMA", Types.VARCHAR, "SCOPE_TABLE", Types.VARCHAR,
                "SOURCE_DATA_TYPE", Types.SMALLINT, "IS_AUTOINCREMENT", Types.VARCHAR, "IS_GENERATEDCOLUMN", Types.VARCHAR),
                rows);
    }

    Rows schemas(String catalog, String schemaPattern) {
        List<Object[]> rows = new ArrayList<>();
        Pattern p = like(schemaPattern);
        for (Namespace root : session.catalog().roots().values()) {
            if (!catalogMatches(catalog, root.name())) {
                continue;
            }
            for (String child : root.childNames()) {
                if (matches(p, child)) {
                    rows.add(new Object[] {child, root.name()});
                }
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[0]));
        return new Rows(columns("TABLE_SCHEM", Types.VARCHAR, "TABLE_CATALOG", Types.VARCHAR), rows);
    }

    Rows catalogs() {
        List<Object[]> rows = new ArrayList<>();
        for (Namespace root : session.catalog().roots().values()) {
            rows.add(new Object[] {root.name()});
        }
        rows.sort(Comparator.comparing(r -> (String) r[0]));
        return new Rows(columns("TABLE_CAT", Types.VARCHAR), rows);
    }

    static Rows tableTypes() {
        return new Rows(columns("TABLE_TYPE", Types.VARCHAR), List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}));
    }

    static Rows typeInfo() {
        List<Object[]> rows = new ArrayList<>();
        for (DataType t : List.of(DataType.BOOLEAN, DataType.INT, DataType.BIGINT, DataType.DOUBLE,
                DataType.decimal(DataType.DecimalType.MAX_PRECISION, 0), DataType.DATE, DataType.TIMESTAMP, DataType.STRING)) {
            ColumnTypes.JdbcType jt = ColumnTypes.of(t);
            boolean numeric = t.isNumeric();
            String prefix = switch (jt.sqlType()) {
                case Types.VARCHAR -> "'";
                case Types.DATE -> "DATE '";
                case Types.TIMESTAMP -> "TIMESTAMP '";
                default -> null;
            };
            boolean decimal = t instanceof DataType.DecimalType;
            rows.add(new Object[] {jt.name(), jt.sqlType(), jt.precision(), prefix, prefix == null ? null : "'",
                    decimal ? "precision,scale" : null, DatabaseMetaData.typeNullable, jt.sqlType() == Types.VARCHAR,
                    DatabaseMetaData.typeSearchable, !numeric, decimal, false, jt.name(),
                    decimal ? 0 : jt.scale(), decimal ? DataType.DecimalType.MAX_PRECISION : jt.scale(), null, null,
                    numeric ? 10 : null});
        }
        rows.sort(Comparator.comparing(r -> (Integer) r[1]));
        return new Rows(columns("TYPE_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER, "PRECISION", Types.INTEGER,
                "LITERAL_PREFIX", Types.VARCHAR, "LITERAL_SUFFIX", Types.VARCHAR, "CREATE_PARAMS", Types.VARCHAR,
                "NULLABLE", Types.SMALLINT, "CASE_SENSITIVE", Types.BOOLEAN, "SEARCHABLE", Types.SMALLINT,
                "UNSIGNED_ATTRIBUTE", Types.BOOLEAN, "FIXED_PREC_SCALE", Types.BOOLEAN, "AUTO_INCREMENT", Types.BOOLEAN,
                "LOCAL_TYPE_NAME", Types.VARCHAR, "MINIMUM_SCALE", Types.SMALLINT, "MAXIMUM_SCALE", Types.SMALLINT,
                "SQL_DATA_TYPE", Types.INTEGER, "SQL_DATETIME_SUB", Types.INTEGER, "NUM_PREC_RADIX", Types.INTEGER), rows);
    }

    static Rows functions(String catalog, String schemaPattern, String functionPattern) {
        List<Object[]> rows = new ArrayList<>();
        if (catalog == null || catalog.isEmpty()) {
            if (schemaMatches(schemaPattern, null)) {
                Pattern p = like(functionPattern);
                for (String f : Functions.names()) {
                    if (matches(p, f)) {
                        rows.add(new Object[] {null, null, f, null, DatabaseMetaData.functionResultUnknown, f});
                    }
                }
            }
        }
        return new Rows(columns("FUNCTION_CAT", Types.VARCHAR, "FUNCTION_SCHEM", Types.VARCHAR, "FUNCTION_NAME", Types.VARCHAR,
                "REMARKS", Types.VARCHAR, "FUNCTION_TYPE", Types.SMALLINT, "SPECIFIC_NAME", Types.VARCHAR), rows);
    }

    /** The current schema path as JDBC's catalog and schema. */
    static String[] catalogAndSchema(List<String> path) {
        String catalog = path.isEmpty() ? null : path.get(0);
        String schema = path.size() > 1 ? String.join(".", path.subList(1, path.size())) : null;
        return new String[] {catalog, schema};
    }
}
