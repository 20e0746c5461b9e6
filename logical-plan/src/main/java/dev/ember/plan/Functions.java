package dev.ember.plan;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

import java.util.Set;
import java.util.TreeSet;

/**
 * The functions SQL can name: Calcite's standard operators plus its Spark library (Ember's
 * dialect is Spark SQL's), as one operator table the validator resolves calls against.
 */
public final class Functions {
    private static final SqlOperatorTable TABLE = SqlOperatorTables.chain(
            // Ember's typing of /, %, mod and round (ArithmeticOperators). The validator looks every
            // operator up again by name, so Calcite's own must leave the table, not just follow.
            SqlOperatorTables.of(dev.ember.sql.ArithmeticOperators.DIVIDE, dev.ember.sql.ArithmeticOperators.REMAINDER,
                    dev.ember.sql.ArithmeticOperators.MOD, dev.ember.sql.ArithmeticOperators.ROUND),
            without(SqlStdOperatorTable.instance(), SqlStdOperatorTable.DIVIDE, SqlStdOperatorTable.PERCENT_REMAINDER,
                    SqlStdOperatorTable.MOD, SqlStdOperatorTable.ROUND),
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.SPARK),
            // Spark syntax Calcite keeps in other libraries.
            SqlOperatorTables.of(SqlLibraryOperators.TRY_CAST, SqlLibraryOperators.ILIKE, SqlLibraryOperators.NOT_ILIKE,
                    SqlLibraryOperators.RLIKE, SqlLibraryOperators.NOT_RLIKE,
                    // concat(a, b, ...): NULL when any argument is NULL, as in Spark.
                    SqlLibraryOperators.CONCAT_FUNCTION));

    private Functions() {
    }

    /** {@code table} with its own lookup rules (COUNT(*), overloads), minus {@code removed}. */
    private static SqlOperatorTable without(SqlOperatorTable table, SqlOperator... removed) {
        java.util.Set<SqlOperator> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        gone.addAll(java.util.List.of(removed));
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(org.apache.calcite.sql.SqlIdentifier opName,
                    org.apache.calcite.sql.SqlFunctionCategory category, org.apache.calcite.sql.SqlSyntax syntax,
                    java.util.List<SqlOperator> operatorList, org.apache.calcite.sql.validate.SqlNameMatcher nameMatcher) {
                int before = operatorList.size();
                table.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
                operatorList.subList(before, operatorList.size()).removeIf(gone::contains);
            }

            @Override
            public java.util.List<SqlOperator> getOperatorList() {
                return table.getOperatorList().stream().filter(op -> !gone.contains(op)).toList();
            }
        };
    }

    public static SqlOperatorTable operatorTable() {
        return TABLE;
    }

    /** Names of callable functions (for SHOW FUNCTIONS, completion and suggestions). */
    public static Set<String> names() {
        Set<String> out = new TreeSet<>();
        for (SqlOperator op : TABLE.getOperatorList()) {
            String n = op.getName();
            if (!n.isEmpty() && Character.isLetter(n.charAt(0)) && !n.contains(" ") && !n.startsWith("$")) {
                out.add(n.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }
}
