package dev.ember.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * One file of the SQL corpus ({@code src/test/resources/sql/*.slt}), in a sqllogictest-like
 * format. Records are separated by blank lines; lines starting with {@code #} between records
 * are comments.
 *
 * <pre>
 * # DuckDB answers the same question over the same rows (ordered if the query ends in ORDER BY)
 * query
 * select dept, count(*) from emp group by dept
 *
 * # DuckDB's spelling differs: the text after "---- duckdb" is what DuckDB runs
 * query
 * select * from lt left semi join rt on lt.k = rt.k
 * ---- duckdb
 * select * from lt semi join rt on lt.k = rt.k
 *
 * # Ember's answer stated explicitly; an optional first line "::" lists the column types
 * query expect
 * select 7 / 2, 1.10 * 2.2
 * ----
 * :: INT, DECIMAL(6,3)
 * 3 | 2.420
 *
 * # The plan (EXPLAIN) contains these lines, in this order
 * plan
 * select ... over (partition by dept) ...
 * ----
 * Window partition=[dept]
 *
 * # runs in Ember only; "statement ok both" runs it in DuckDB too (its text after "---- duckdb", if any)
 * statement ok
 * set ember.sql.shuffle.partitions = 3
 *
 * # The error class, line:column (when the error has a position), and the whole message
 * statement error UNRESOLVED_COLUMN 1:8
 * select nme from emp
 * ----
 * column `nme` does not exist; did you mean `name`? (line 1, column 8)
 * ...
 *
 * # A case Ember gets wrong today, with the diagnosis; it must fail (else remove the marker)
 * known-failure: JoinPlanner: ...
 * query
 * ...
 * </pre>
 */
final class CorpusFile {
    private CorpusFile() {
    }

    enum Kind { STATEMENT_OK, STATEMENT_ERROR, QUERY_ORACLE, QUERY_EXPECT, PLAN }

    /**
     * One case. {@code block} holds the lines after {@code ----} (expected rows, error message or
     * plan lines), null when there is none; {@code duckSql} DuckDB's text when it differs.
     */
    record Record(String file, int line, Kind kind, String sql, String duckSql, List<String> block,
                  String errorClass, String position, boolean duckToo, String knownFailure) {
        boolean negative() {
            return kind == Kind.STATEMENT_ERROR;
        }

        String title() {
            String first = sql.lines().findFirst().orElse("").strip();
            return "line " + line + ": " + (first.length() > 70 ? first.substring(0, 67) + "..." : first);
        }
    }

    static List<Record> parse(String file, String text) {
        List<Record> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        String knownFailure = null;
        while (i < lines.length) {
            String line = lines[i].stripTrailing();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            if (line.startsWith("known-failure:")) {
                knownFailure = line.substring("known-failure:".length()).strip();
                i++;
                continue;
            }
            int headerLine = i + 1;
            String[] head = line.split("\\s+");
            Kind kind;
            String errorClass = null;
            String position = null;
            boolean duckToo = false;
            switch (head[0]) {
                case "statement" -> {
                    if (head.length >= 2 && head[1].equals("ok")) {
                        kind = Kind.STATEMENT_OK;
                        duckToo = head.length >= 3 && head[2].equals("both");
                    } else if (head.length >= 3 && head[1].equals("error")) {
                        kind = Kind.STATEMENT_ERROR;
                        errorClass = head[2];
                        position = head.length >= 4 ? head[3] : null;
                    } else {
                        throw new IllegalArgumentException(file + ":" + headerLine + ": bad header '" + line + "'");
                    }
                }
                case "query" -> kind = head.length >= 2 && head[1].equals("expect") ? Kind.QUERY_EXPECT : Kind.QUERY_ORACLE;
                case "plan" -> kind = Kind.PLAN;
                default -> throw new IllegalArgumentException(file + ":" + headerLine + ": bad header '" + line + "'");
            }
            i++;
            StringBuilder sql = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("----")) {
                sql.append(sql.isEmpty() ? "" : "\n").append(lines[i].stripTrailing());
                i++;
            }
            String duckSql = null;
            List<String> block = null;
            if (i < lines.length && lines[i].startsWith("----")) {
                boolean duck = lines[i].strip().equals("---- duckdb");
                i++;
                List<String> body = new ArrayList<>();
                while (i < lines.length && !lines[i].isBlank()) {
                    body.add(lines[i].stripTrailing());
                    i++;
                }
                if (duck) {
                    duckSql = String.join("\n", body);
                } else {
                    block = body;
                }
            }
            if (sql.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + headerLine + ": record without SQL");
            }
            if ((kind == Kind.QUERY_EXPECT || kind == Kind.PLAN || kind == Kind.STATEMENT_ERROR) && block == null) {
                throw new IllegalArgumentException(file + ":" + headerLine + ": " + kind + " needs a ---- block");
            }
            out.add(new Record(file, headerLine, kind, sql.toString(), duckSql, block, errorClass, position, duckToo, knownFailure));
            knownFailure = null;
        }
        return out;
    }
}
