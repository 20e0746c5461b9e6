package dev.ember.tpch;

import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Window functions over lineitem at SF 0.1 with a small {@code ember.memory.limit}: the rows of a
 * task (many small window partitions, by order) and a window without PARTITION BY (one partition
 * of all 600k rows) are more than a task may hold, so the Window operator's sort and its
 * partition buffer spill. The answers (summed, so that they are small and need a total order only
 * on the group) must be DuckDB's, and EXPLAIN ANALYZE must show the bytes spilled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchWindowSpillTest {
    static final String LIMIT = "32m";

    private static final String[] QUERIES = {
        // Many window partitions (one per order); ROW_NUMBER, running SUM (RANGE), whole-partition
        // COUNT, LAG over the rows of each order.
        """
        select rn, count(*) as n, sum(running_qty) as running, sum(lines) as lines, sum(prev_price) as prev
        from (
          select row_number() over (partition by l_orderkey order by l_linenumber) as rn,
                 sum(l_quantity) over (partition by l_orderkey order by l_linenumber) as running_qty,
                 count(*) over (partition by l_orderkey) as lines,
                 lag(l_extendedprice) over (partition by l_orderkey order by l_linenumber) as prev_price
          from lineitem) t
        group by rn
        order by rn
        """,
        // One window partition of every row: RANK, DENSE_RANK and a running SUM over the price
        // (ties are peers), LEAD and a running MIN over a total order, the greatest comment of all.
        """
        select count(*) as n, sum(rk) as rk, sum(drk) as drk, sum(running) as running, sum(next_qty) as next_qty,
               max(rk) as max_rk, sum(min_price) as min_price, min(max_comment) as max_comment
        from (
          select rank() over (order by l_extendedprice) as rk,
                 dense_rank() over (order by l_extendedprice) as drk,
                 sum(l_quantity) over (order by l_extendedprice) as running,
                 lead(l_quantity, 3) over (order by l_orderkey, l_linenumber) as next_qty,
                 min(l_extendedprice) over (order by l_orderkey, l_linenumber) as min_price,
                 max(l_comment) over () as max_comment
          from lineitem) t
        """
    };

    private DuckDbOracle duckdb;
    private EmberSession session;

    @BeforeAll
    void open() throws Exception {
        duckdb = new DuckDbOracle(0.1);
        session = EmberSession.builder().config("ember.memory.limit", LIMIT).getOrCreate();
        session.sql("use tpch.sf0_1");
    }

    @AfterAll
    void close() throws Exception {
        session.close();
        duckdb.close();
    }

    @ParameterizedTest(name = "window query {0} at SF 0.1 within " + LIMIT)
    @ValueSource(ints = {0, 1})
    void answerIsRightAndSpillIsShown(int query) throws Exception {
        String sql = QUERIES[query];
        List<List<Object>> actual = new ArrayList<>();
        for (Row r : session.sql(sql).collectAsList()) {
            actual.add(r.toList());
        }
        String diff = ResultComparator.compare(duckdb.query(sql), actual);
        if (diff != null) {
            fail("window query " + query + " within " + LIMIT + " differs from DuckDB: " + diff);
        }
        StringBuilder analyzed = new StringBuilder();
        for (Row r : session.sql("explain analyze " + sql).collectAsList()) {
            analyzed.append(r.get(0)).append('\n');
        }
        Matcher m = Pattern.compile("Window[^\\n]*\\n[^\\n]*peak memory=[^\\n]* spilled=\\d").matcher(analyzed);
        assertThat(m.find()).as("EXPLAIN ANALYZE shows the Window operator spilled:\n%s", analyzed).isTrue();
    }
}
