package dev.ember.engine;

import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.sql.EmberSqlParser;
import dev.ember.sql.Statement;

import java.util.ArrayList;
import java.util.List;

/** Schemas written in DDL, as in CREATE TABLE: {@code "id INT NOT NULL, name STRING, price DECIMAL(10,2)"}. */
final class Schemas {
    private Schemas() {
    }

    static Schema parse(String ddl) {
        Statement s = EmberSqlParser.parseStatement("CREATE TABLE t (" + ddl + ")").statement();
        if (!(s instanceof Statement.CreateTable t) || t.columns() == null || t.columns().isEmpty()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "not a list of columns: " + ddl);
        }
        List<Field> fields = new ArrayList<>();
        for (Statement.ColumnDef c : t.columns()) {
            fields.add(new Field(c.name(), CommandRunner.typeOf(c.type()), c.nullable()));
        }
        return new Schema(fields);
    }
}
