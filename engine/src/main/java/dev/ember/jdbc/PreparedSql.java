package dev.ember.jdbc;

import dev.ember.columnar.types.DataType;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ParseException;
import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.sql.EmberSqlParser;
import dev.ember.sql.ParsedStatement;
import dev.ember.sql.Statement;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared statement's text, the offsets of its {@code ?} markers and its description.
 *
 * <p>Preparing parses the statement with a one-character stand-in for each marker (so a syntax
 * error fails here, at the right position) and describes a query's columns with NULL in place of
 * each parameter (so a missing table or column fails here too). A column typed NULL is a parameter
 * in the select list: its type comes with the value, so such a statement's columns are "not
 * known" until it runs.
 */
record PreparedSql(String sql, int[] markers, Meta.Signature signature, boolean columnsKnown) {

    static PreparedSql prepare(EmberSession session, String sql) {
        int[] markers = Parameters.markers(sql);
        List<ParsedStatement> parsed = EmberSqlParser.parseScript(Parameters.substituteAll(sql, markers, "1"));
        if (parsed.isEmpty()) {
            throw new ParseException(ErrorClass.PARSE_EMPTY_STATEMENT, "no statement to prepare", sql, 0, 0);
        }
        Statement first = parsed.get(0).statement();
        List<ColumnMetaData> columns = List.of();
        boolean known = !(first instanceof Statement.Query);
        if (first instanceof Statement.Query) {
            String described = Parameters.substituteAll(sql, markers, "NULL");
            try {
                ParsedStatement q = EmberSqlParser.parseScript(described).get(0);
                DataFrame df = session.execute(q, described);
                columns = ColumnTypes.columns(df.schema());
                known = df.schema().types().stream().noneMatch(t -> t instanceof DataType.NullType);
            } catch (EmberException e) {
                if (markers.length == 0) {
                    throw e;
                }
                // With parameters the description may need their values: it comes with the result.
            }
        }
        List<AvaticaParameter> params = new ArrayList<>();
        for (int i = 0; i < markers.length; i++) {
            params.add(new AvaticaParameter(false, 0, 0, Types.OTHER, "ANY", Object.class.getName(), "?" + (i + 1)));
        }
        Meta.Signature signature = Meta.Signature.create(columns, sql, params, Meta.CursorFactory.ARRAY,
                JdbcResult.typeOf(first));
        return new PreparedSql(sql, markers, signature, known);
    }
}
