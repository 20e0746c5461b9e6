/**
 * Ember's SQL front end: {@link dev.ember.sql.EmberSqlParser} turns Spark-style SQL into
 * {@link dev.ember.sql.Statement}s whose queries are Calcite {@code SqlNode}s.
 *
 * <h2>What the validator receives</h2>
 * <ul>
 *   <li><b>Names.</b> Unquoted identifiers are lower-cased, quoted ones ("x", `x`) kept as
 *       written. Function and hint names are upper-cased.</li>
 *   <li><b>Functions.</b> Calls are {@code SqlUnresolvedFunction}s (category
 *       USER_DEFINED_FUNCTION), as from Calcite's own parser, for the validator to resolve
 *       against the session's operator table ({@code count}, {@code sum}, {@code coalesce},
 *       {@code nullif}, {@code upper}, {@code if}, {@code left}, ...). Mapped here instead:
 *       {@code substring/substr(s, a[, b])} and {@code SUBSTRING(s FROM a FOR b)} to
 *       SUBSTRING, {@code position(a, b)} and {@code POSITION(a IN b)} to POSITION,
 *       {@code trim(s)} and the TRIM forms to TRIM, {@code row(...)} to ROW,
 *       {@code extract}, {@code current_date}, {@code current_timestamp} to their standard
 *       operators, and Spark's one-argument cast functions ({@code date(x)},
 *       {@code timestamp(x)}, {@code int(x)}, {@code bigint(x)}, {@code double(x)},
 *       {@code string(x)}, ...) to CAST.</li>
 *   <li><b>Library operators.</b> {@code TRY_CAST} is {@code SqlLibraryOperators.TRY_CAST},
 *       {@code ILIKE}/{@code RLIKE} are {@code SqlLibraryOperators.ILIKE}/{@code RLIKE} (and
 *       NOT_ variants): the operator table must contain them.</li>
 *   <li><b>Conformance.</b> LEFT SEMI and LEFT ANTI joins ({@code JoinType.LEFT_SEMI_JOIN},
 *       {@code LEFT_ANTI_JOIN}) need a liberal conformance such as BABEL; GROUP BY and ORDER BY
 *       ordinals arrive as integer literals.</li>
 *   <li><b>Joins.</b> As in Spark, {@code a JOIN b} without a condition is a CROSS join, an
 *       outer, semi or anti join without a condition joins {@code ON TRUE}, and
 *       {@code CROSS JOIN ... ON} is an INNER join. Comma joins are {@code JoinType.COMMA}
 *       and bind looser than JOIN.</li>
 *   <li><b>Queries.</b> ORDER BY / LIMIT / OFFSET / FETCH wrap the query (a WITH included) in
 *       a {@code SqlOrderBy}; VALUES is {@code VALUES(ROW(...), ...)}; derived-table and
 *       column aliases are {@code AS(relation, alias, col...)}.</li>
 *   <li><b>Hints.</b> {@code SqlSelect.getHints()} holds {@code SqlHint}s: names upper case;
 *       options all identifiers (ID_LIST, lower-cased, possibly qualified), all literals
 *       (LITERAL_LIST), all {@code k = v} (KV_LIST), or none (EMPTY).</li>
 *   <li><b>Literals.</b> Integers and decimals are exact numerics, numbers with an exponent
 *       approximate; {@code -5} is folded into a negative literal. Spark's suffixed numbers
 *       ({@code 10L}, {@code 1.5D}, ...) are CASTs of a literal. {@code DATE '...'} and
 *       {@code TIMESTAMP '...'} are date and timestamp literals (precision = fraction
 *       digits), {@code DECIMAL '...'} an exact numeric. Strings carry no charset: strings
 *       beyond Latin-1 need Calcite's default charset set to UTF-8.</li>
 *   <li><b>Intervals.</b> {@code SqlIntervalLiteral}s with a {@code SqlIntervalQualifier} of
 *       unspecified precision; {@code INTERVAL 3 MONTHS} and {@code INTERVAL '3' MONTH} are the
 *       same literal; units YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND and the
 *       standard TO ranges.</li>
 *   <li><b>Types.</b> {@code SqlBasicTypeNameSpec}s: STRING and TEXT are VARCHAR without
 *       length, LONG is BIGINT, FLOAT is REAL (4 bytes, as in Spark), DECIMAL without
 *       precision keeps Calcite's default.</li>
 *   <li><b>Not validated by Calcite 1.42</b> though parsed as Calcite's parser would:
 *       {@code agg(...) FILTER (WHERE ...) OVER (...)}.</li>
 * </ul>
 *
 * <h2>Statement conventions</h2>
 * Names are lists of normalized parts. Absent optional parts: {@code CreateView.columnAliases}
 * is empty, {@code Insert.columns} is null, OPTIONS maps are empty (otherwise in written order,
 * keys as written). {@code EXPLAIN} without a mode is PHYSICAL and {@code EXPLAIN EXTENDED} is
 * OPTIMIZED. {@code SET k =} sets the empty string. {@code ANALYZE ... FOR ALL COLUMNS} is
 * {@code forColumns = true} with no columns.
 */
package dev.ember.sql;
