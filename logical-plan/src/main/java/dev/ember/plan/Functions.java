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
            SqlStdOperatorTable.instance(),
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.SPARK),
            // Spark syntax Calcite keeps in other libraries.
            SqlOperatorTables.of(SqlLibraryOperators.TRY_CAST, SqlLibraryOperators.ILIKE, SqlLibraryOperators.NOT_ILIKE,
                    SqlLibraryOperators.RLIKE, SqlLibraryOperators.NOT_RLIKE,
                    // concat(a, b, ...): NULL when any argument is NULL, as in Spark.
                    SqlLibraryOperators.CONCAT_FUNCTION));

    private Functions() {
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
