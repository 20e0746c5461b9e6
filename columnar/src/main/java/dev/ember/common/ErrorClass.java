package dev.ember.common;

/**
 * Stable error classes, named as Spark names them where Spark has one, each with the SQLSTATE
 * that JDBC reports. The class is part of the public contract: tests and clients match on it,
 * never on message text.
 */
public enum ErrorClass {
    PARSE_SYNTAX_ERROR("42601", Category.PARSE),
    PARSE_EMPTY_STATEMENT("42617", Category.PARSE),
    TABLE_OR_VIEW_NOT_FOUND("42P01", Category.ANALYSIS),
    SCHEMA_NOT_FOUND("3F000", Category.ANALYSIS),
    TABLE_OR_VIEW_ALREADY_EXISTS("42P07", Category.ANALYSIS),
    UNRESOLVED_COLUMN("42703", Category.ANALYSIS),
    UNRESOLVED_ROUTINE("42883", Category.ANALYSIS),
    AMBIGUOUS_REFERENCE("42702", Category.ANALYSIS),
    DATATYPE_MISMATCH("42804", Category.ANALYSIS),
    INVALID_CONFIG("42K0I", Category.ANALYSIS),
    ANALYSIS_ERROR("42000", Category.ANALYSIS),
    UNSUPPORTED_FEATURE("0A000", Category.ANALYSIS),
    DIVIDE_BY_ZERO("22012", Category.EXECUTION),
    NUMERIC_VALUE_OUT_OF_RANGE("22003", Category.EXECUTION),
    CAST_INVALID_INPUT("22018", Category.EXECUTION),
    INVALID_ARGUMENT("22023", Category.EXECUTION),
    MALFORMED_RECORD("22P02", Category.EXECUTION),
    SCALAR_SUBQUERY_TOO_MANY_ROWS("21000", Category.EXECUTION),
    IO_ERROR("58030", Category.EXECUTION),
    TASK_FAILED("XX000", Category.EXECUTION),
    INTERNAL_ERROR("XX000", Category.EXECUTION),
    MEMORY_LIMIT_EXCEEDED("53200", Category.RESOURCE),
    DISK_FULL("53100", Category.RESOURCE),
    QUERY_CANCELLED("57014", Category.CANCELLED);

    /** The four families of the error hierarchy, plus cancellation. */
    public enum Category { PARSE, ANALYSIS, EXECUTION, RESOURCE, CANCELLED }

    private final String sqlState;
    private final Category category;

    ErrorClass(String sqlState, Category category) {
        this.sqlState = sqlState;
        this.category = category;
    }

    public String sqlState() {
        return sqlState;
    }

    public Category category() {
        return category;
    }
}
