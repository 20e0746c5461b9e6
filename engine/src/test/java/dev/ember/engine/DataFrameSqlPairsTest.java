package dev.ember.engine;

import org.apache.calcite.plan.RelOptUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.ember.engine.functions.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Equivalent queries written in SQL and with the DataFrame API give the same rows and, once
 * optimized, the same plan (both compile to the same Calcite plan; only the names Calcite
 * gives to unnamed expressions may differ, so the plans are compared without them).
 */
class DataFrameSqlPairsTest {
    static EmberSession s;

    @BeforeAll
    static void open() {
        s = EmberSession.builder().master("local[2]").getOrCreate();
    }

    @AfterAll
    static void close() {
        s.close();
    }

    static DataFrame t(String name) {
        return s.table("tpch.tiny." + name);
    }

    static Arguments pair(String name, String sql, Supplier<DataFrame> df) {
        return Arguments.of(name, sql, df);
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                pair("projection and filter",
                        "select n_name, n_regionkey from tpch.tiny.nation where n_regionkey = 1 order by n_name",
                        () -> t("nation").select("n_name", "n_regionkey").filter(col("n_regionkey").equalTo(1)).orderBy("n_name")),
                pair("string filter",
                        "select n_name from tpch.tiny.nation where n_name like 'A%' order by n_name",
                        () -> t("nation").where("n_name like 'A%'").select("n_name").orderBy("n_name")),
                pair("aggregate (TPC-H Q1 shape)",
                        "select l_returnflag, l_linestatus, sum(l_quantity) as qty, count(*) as n from tpch.tiny.lineitem "
                                + "where l_shipdate <= date '1998-09-02' group by l_returnflag, l_linestatus order by 1, 2",
                        () -> t("lineitem").filter(col("l_shipdate").leq(lit(LocalDate.of(1998, 9, 2))))
                                .groupBy("l_returnflag", "l_linestatus")
                                .agg(sum("l_quantity").as("qty"), count("*").as("n"))
                                .orderBy("l_returnflag", "l_linestatus")),
                pair("join with expression",
                        "select n_name, r_name from tpch.tiny.nation join tpch.tiny.region on n_regionkey = r_regionkey "
                                + "order by n_name",
                        () -> t("nation").join(t("region"), col("n_regionkey").equalTo(col("r_regionkey")))
                                .select("n_name", "r_name").orderBy("n_name")),
                pair("left join, count per group",
                        "select r_name, count(n_nationkey) as c from tpch.tiny.region left join tpch.tiny.nation "
                                + "on r_regionkey = n_regionkey group by r_name order by r_name",
                        () -> t("region").join(t("nation"), col("r_regionkey").equalTo(col("n_regionkey")), "left")
                                .groupBy("r_name").agg(count(col("n_nationkey")).as("c")).orderBy("r_name")),
                pair("computed column, sort desc, limit",
                        "select o_orderkey, o_totalprice * 2 as twice from tpch.tiny.orders order by o_totalprice desc, o_orderkey limit 5",
                        () -> t("orders").select(col("o_orderkey"), col("o_totalprice").multiply(2).as("twice"), col("o_totalprice"))
                                .orderBy(col("o_totalprice").desc(), col("o_orderkey")).limit(5).drop("o_totalprice")),
                pair("distinct",
                        "select distinct c_mktsegment from tpch.tiny.customer order by c_mktsegment",
                        () -> t("customer").select("c_mktsegment").distinct().orderBy("c_mktsegment")),
                pair("case when",
                        "select case when o_totalprice > 100000 then 'big' else 'small' end as size, count(*) as n "
                                + "from tpch.tiny.orders group by 1 order by 1",
                        () -> t("orders").select(when(col("o_totalprice").gt(100000), "big").otherwise("small").as("size"))
                                .groupBy("size").agg(count("*").as("n")).orderBy("size")),
                pair("semi join (IN subquery)",
                        "select n_name from tpch.tiny.nation where n_regionkey in (select r_regionkey from tpch.tiny.region "
                                + "where r_name = 'ASIA') order by n_name",
                        () -> t("nation").join(t("region").filter("r_name = 'ASIA'"),
                                col("n_regionkey").equalTo(col("r_regionkey")), "left_semi").select("n_name").orderBy("n_name")),
                pair("union all and set difference",
                        "select n_nationkey from tpch.tiny.nation where n_nationkey < 5 except "
                                + "select n_nationkey from tpch.tiny.nation where n_nationkey > 2 order by 1",
                        () -> t("nation").select("n_nationkey").filter("n_nationkey < 5")
                                .except(t("nation").select("n_nationkey").filter("n_nationkey > 2")).orderBy("n_nationkey")),
                pair("having",
                        "select o_custkey, count(*) as n from tpch.tiny.orders group by o_custkey having count(*) > 25 order by 1",
                        () -> t("orders").groupBy("o_custkey").agg(count("*").as("n")).filter(col("n").gt(25)).orderBy("o_custkey")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void sameRows(String name, String sql, Supplier<DataFrame> api) {
        DataFrame fromSql = s.sql(sql);
        DataFrame fromApi = api.get();
        assertThat(fromApi.columns()).containsExactly(fromSql.columns());
        List<Row> expected = fromSql.collectAsList();
        assertThat(expected).isNotEmpty();
        assertThat(fromApi.collectAsList()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void samePlanShape(String name, String sql, Supplier<DataFrame> api) {
        assertThat(shape(api.get())).isEqualTo(shape(s.sql(sql)));
    }

    /** The optimized plan's operators, top-down, without the ids and expression names Calcite picks. */
    static List<String> shape(DataFrame df) {
        return RelOptUtil.toString(df.queryExecution().optimized()).lines()
                .map(l -> l.replaceAll("\\(.*", "").stripTrailing())
                .toList();
    }
}
