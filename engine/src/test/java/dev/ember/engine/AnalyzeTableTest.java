package dev.ember.engine;

import dev.ember.catalog.AnalyzedStatistics;
import dev.ember.columnar.source.TableStatistics.ColumnStatistics;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ANALYZE TABLE: what it measures and stores in the catalog, how DESCRIBE EXTENDED shows it, that
 * the optimizer plans with it, and that a change to the table forgets it.
 */
class AnalyzeTableTest {
    private EmberSession session;

    @BeforeEach
    void open() {
        session = EmberSession.builder().getOrCreate();
        session.sql("create table t (a int, s varchar, d date, x decimal(10,2), b boolean)").collect();
        session.sql("insert into t values (1, 'ab', date '2024-01-02', 1.50, true), (2, 'abcd', null, -2.25, false), "
                + "(2, null, date '2023-12-31', 1.50, null), (null, 'ab', date '2024-05-06', null, true), "
                + "(5, 'xyzxyz', date '2024-01-02', 10.00, false)").collect();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private AnalyzedStatistics stored(String table) {
        return session.catalog().statistics(List.of("default", table)).orElse(null);
    }

    private List<String> describe(String sql) {
        return session.sql(sql).collectAsList().stream()
                .map(r -> r.get(0) + " | " + r.get(1)).toList();
    }

    @Test
    void forAllColumnsStoresRowCountSizeAndExactColumnStatistics() {
        assertThat(stored("t")).isNull();
        session.sql("analyze table t compute statistics for all columns").collect();
        AnalyzedStatistics s = stored("t");
        assertThat(s.rowCount()).isEqualTo(5L);
        assertThat(s.sizeInBytes()).isPositive();
        ColumnStatistics a = s.columns().get("a");
        assertThat(a).isEqualTo(new ColumnStatistics(3.0, 1.0, 1, 5, 4.0));
        ColumnStatistics str = s.columns().get("s");
        assertThat(str.distinctCount()).isEqualTo(3.0);
        assertThat(str.nullCount()).isEqualTo(1.0);
        assertThat(str.min()).isEqualTo("ab");
        assertThat(str.max()).isEqualTo("xyzxyz");
        // Average length of the non-NULL strings: (2 + 4 + 2 + 6) / 4.
        assertThat(str.avgWidth()).isEqualTo(3.5);
        assertThat(s.columns().get("d")).isEqualTo(new ColumnStatistics(3.0, 1.0, LocalDate.of(2023, 12, 31), LocalDate.of(2024, 5, 6), 4.0));
        ColumnStatistics x = s.columns().get("x");
        assertThat(x.distinctCount()).isEqualTo(3.0);
        assertThat((BigDecimal) x.min()).isEqualByComparingTo("-2.25");
        assertThat((BigDecimal) x.max()).isEqualByComparingTo("10.00");
        // Booleans have no bounds kept, only counts.
        assertThat(s.columns().get("b")).isEqualTo(new ColumnStatistics(2.0, 1.0, null, null, 1.0));
    }

    @Test
    void describeExtendedShowsStatisticsForTheTableAndForAColumn() {
        assertThat(describe("describe extended t")).contains("# Detailed Table Information | ", "Table | default.t")
                .noneMatch(l -> l.startsWith("Statistics"));
        assertThat(describe("describe extended t s")).containsExactly("col_name | s", "data_type | STRING", "nullable | YES",
                "min | NULL", "max | NULL", "num_nulls | NULL", "distinct_count | NULL", "avg_col_len | NULL");
        session.sql("analyze table t compute statistics for columns s").collect();
        long bytes = stored("t").sizeInBytes();
        assertThat(describe("describe extended t")).contains("Statistics | " + bytes + " bytes, 5 rows");
        assertThat(describe("describe extended t s")).containsExactly("col_name | s", "data_type | STRING", "nullable | YES",
                "min | ab", "max | xyzxyz", "num_nulls | 1", "distinct_count | 3", "avg_col_len | 3.50");
        // Without EXTENDED, a column is only its name and type (as in Spark).
        assertThat(describe("describe t s")).containsExactly("col_name | s", "data_type | STRING", "nullable | YES");
        // Columns not analyzed have no statistics yet.
        assertThat(describe("describe extended t a")).contains("distinct_count | NULL");
    }

    @Test
    void noscanRecordsOnlyTheSizeAndForColumnsKeepsEarlierColumns() {
        session.sql("analyze table t compute statistics noscan").collect();
        assertThat(stored("t").rowCount()).isNull();
        assertThat(describe("describe extended t")).anyMatch(l -> l.matches("Statistics \\| \\d+ bytes"));
        session.sql("analyze table t compute statistics for columns a").collect();
        session.sql("analyze table t compute statistics for columns D").collect();
        assertThat(stored("t").rowCount()).isEqualTo(5L);
        assertThat(stored("t").columns()).containsOnlyKeys("a", "d");
    }

    @Test
    void changingTheTableForgetsItsStatistics() {
        session.sql("analyze table t compute statistics for all columns").collect();
        session.sql("insert into t values (7, 'q', null, null, null)").collect();
        assertThat(stored("t")).isNull();
        session.sql("analyze table t compute statistics").collect();
        assertThat(stored("t").rowCount()).isEqualTo(6L);
        session.sql("create or replace table t (a int)").collect();
        assertThat(stored("t")).isNull();
        session.sql("analyze table t compute statistics").collect();
        assertThat(stored("t").rowCount()).isZero();
        session.sql("drop table t").collect();
        assertThat(stored("t")).isNull();
        session.sql("create table t (a int)").collect();
        assertThat(stored("t")).isNull();
    }

    @Test
    void errorsNameTheProblemAndLeaveNoStatistics() {
        session.sql("create view v as select a from t").collect();
        assertThatThrownBy(() -> session.sql("analyze table v compute statistics").collect())
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE))
                .hasMessageContaining("ANALYZE TABLE needs a table: `v` is a view");
        assertThatThrownBy(() -> session.sql("analyze table t compute statistics for columns a, ss").collect())
                .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.UNRESOLVED_COLUMN))
                .hasMessageContaining("column `ss` does not exist in `default.t`; did you mean `s`, `a` or `b`?");
        assertThat(stored("t")).isNull();
    }

    /**
     * The point of it: customers filtered on their (unique) name. Without column statistics the
     * filter keeps a guessed 15% of 1500 rows, too many to broadcast under a 1 KB threshold, so
     * the join shuffles both sides; after ANALYZE the name has 1500 distinct values, one row
     * survives, and the customer side is broadcast.
     */
    @Test
    void afterAnalyzeTheOptimizerBroadcastsTheSideItNowKnowsIsSmall() {
        session.sql("create table cust as select c_custkey, c_name, c_acctbal from tpch.tiny.customer").collect();
        session.sql("create table ord as select o_orderkey, o_custkey from tpch.tiny.orders").collect();
        session.sql("set ember.sql.autoBroadcastJoinThreshold = 1kb").collect();
        String q = "select count(*) from ord join cust on o_custkey = c_custkey where c_name = 'Customer#000000001'";
        String before = session.sql(q).explainString("physical");
        assertThat(before).contains("ShuffleHashJoin").doesNotContain("BroadcastHashJoin").contains("Filter (#1 = 'Customer#000000001')  (rows=225");
        Object answer = session.sql(q).collectAsList().get(0).get(0);

        session.sql("analyze table cust compute statistics for columns c_name, c_custkey").collect();
        String after = session.sql(q).explainString("physical");
        assertThat(after).contains("BroadcastHashJoin inner o_custkey = c_custkey build=right")
                .contains("Filter (#1 = 'Customer#000000001')  (rows=1 ");
        assertThat(session.sql(q).collectAsList().get(0).get(0)).isEqualTo(answer).isEqualTo(9L);
    }

    @Test
    void analyzingATpchTableKeepsItsAnswers() {
        String q = "select n_name, count(*) from tpch.tiny.nation join tpch.tiny.region on n_regionkey = r_regionkey "
                + "group by n_name order by 1";
        List<Row> before = session.sql(q).collectAsList();
        session.sql("analyze table tpch.tiny.nation compute statistics for all columns").collect();
        assertThat(session.catalog().statistics(List.of("tpch", "tiny", "nation")).orElseThrow().columns().get("n_nationkey"))
                .isEqualTo(new ColumnStatistics(25.0, 0.0, 0L, 24L, 8.0));
        assertThat(session.sql(q).collectAsList()).isEqualTo(before);
    }
}
