package dev.ember.engine;

import dev.ember.common.AnalysisException;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ember.engine.functions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each DataFrame method on a small hand-checkable table: the rows it returns. */
class DataFrameApiTest {
    static EmberSession session;
    static DataFrame people;

    @BeforeAll
    static void open() {
        session = EmberSession.builder().master("local[2]").getOrCreate();
        people = session.createDataFrame(List.of(
                Row.of(1, "ann", "eng", 100L),
                Row.of(2, "bob", "eng", 80L),
                Row.of(3, "cid", "ops", 60L),
                Row.of(4, "dee", "ops", null),
                Row.of(5, "eve", null, 70L)), "id INT, name STRING, dept STRING, salary BIGINT");
    }

    @AfterAll
    static void close() {
        session.close();
    }

    /** Rows as lists of values, for comparisons that read like the expected table. */
    static List<List<Object>> rows(DataFrame df) {
        List<List<Object>> out = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            out.add(new ArrayList<>(r.toList()));
        }
        return out;
    }

    static List<Object> column(DataFrame df) {
        List<Object> out = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            out.add(r.get(0));
        }
        return out;
    }

    // ------------------------------------------------------------ information

    @Test
    void schemaColumnsAndDtypes() {
        assertThat(people.columns()).containsExactly("id", "name", "dept", "salary");
        assertThat(people.dtypes()).extracting(Map.Entry::getValue).containsExactly("INT", "STRING", "STRING", "BIGINT");
        assertThat(people.schemaString()).contains("|-- id: int").contains("|-- salary: bigint");
    }

    @Test
    void missingColumnFailsAtBuildTimeWithCandidates() {
        assertThatThrownBy(() -> people.select(col("nmae")))
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("nmae").hasMessageContaining("name");
        assertThatThrownBy(() -> people.filter(col("salry").gt(1)))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("salary");
        assertThatThrownBy(() -> people.groupBy("dpt"))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("dept");
        assertThatThrownBy(() -> people.col("x")).isInstanceOf(AnalysisException.class);
    }

    // ------------------------------------------------------------ projections and filters

    @Test
    void selectWithExpressionsAndAliases() {
        DataFrame df = people.select(col("id"), col("salary").multiply(2).as("double")).where(col("id").leq(2));
        assertThat(df.columns()).containsExactly("id", "double");
        assertThat(rows(df.orderBy("id"))).containsExactly(List.of(1, 200L), List.of(2, 160L));
    }

    @Test
    void selectExpr() {
        DataFrame df = people.selectExpr("name", "id * 10 AS ten").orderBy("name");
        assertThat(rows(df.limit(2))).containsExactly(List.of("ann", 10), List.of("bob", 20));
    }

    @Test
    void filterWithColumnAndString() {
        assertThat(column(people.filter(col("dept").equalTo("ops")).select("name").orderBy("name")))
                .containsExactly("cid", "dee");
        assertThat(column(people.where("salary >= 80").select("name").orderBy("name"))).containsExactly("ann", "bob");
        assertThat(people.filter(col("salary").isNull()).count()).isEqualTo(1);
        assertThat(people.filter(col("dept").isNotNull().and(col("id").isin(1, 3, 5))).count()).isEqualTo(2);
        assertThat(people.filter(col("name").like("%e%")).count()).isEqualTo(2);
        assertThat(people.filter(col("id").between(2, 4)).count()).isEqualTo(3);
    }

    @Test
    void withColumnAddsOrReplaces() {
        DataFrame df = people.withColumn("bonus", col("salary").divide(10)).withColumn("id", col("id").plus(100));
        assertThat(df.columns()).containsExactly("id", "name", "dept", "salary", "bonus");
        Row first = df.orderBy("id").first();
        assertThat(first.get(0)).isEqualTo(101);
        assertThat(((Number) first.getAs("bonus")).doubleValue()).isEqualTo(10.0);
    }

    @Test
    void withColumnRenamedAndDropAndToDF() {
        DataFrame df = people.withColumnRenamed("name", "who").drop("dept", "salary");
        assertThat(df.columns()).containsExactly("id", "who");
        assertThat(people.drop(col("name")).columns()).containsExactly("id", "dept", "salary");
        assertThat(people.select("id", "name").toDF("a", "b").columns()).containsExactly("a", "b");
        assertThatThrownBy(() -> people.toDF("a")).isInstanceOf(AnalysisException.class);
    }

    @Test
    void whenOtherwiseAndCast() {
        DataFrame df = people.select(col("name"),
                when(col("salary").geq(80), "high").when(col("salary").isNull(), "unknown").otherwise("low").as("band"),
                col("id").cast("string").as("sid")).orderBy("name");
        assertThat(rows(df)).containsExactly(
                List.of("ann", "high", "1"), List.of("bob", "high", "2"), List.of("cid", "low", "3"),
                List.of("dee", "unknown", "4"), List.of("eve", "low", "5"));
    }

    @Test
    void stringAndMathFunctions() {
        Row r = people.filter(col("id").equalTo(1)).select(upper(col("name")), length(col("name")),
                concat(col("name"), lit("-"), col("dept")), substring(col("name"), 2, 2), abs(lit(-3)),
                round(lit(2.567), 1), coalesce(col("dept"), lit("none"))).first();
        assertThat(r.toList().subList(0, 4)).containsExactly("ANN", 3, "ann-eng", "nn");
        assertThat(((Number) r.get(4)).intValue()).isEqualTo(3);
        assertThat(((Number) r.get(5)).doubleValue()).isEqualTo(2.6);
        assertThat(r.get(6)).isEqualTo("eng");
    }

    // ------------------------------------------------------------ aggregation

    @Test
    void groupByAgg() {
        DataFrame df = people.groupBy("dept").agg(count("*").as("n"), sum("salary").as("total"), max(col("salary")))
                .orderBy(col("dept").asc_nulls_first());
        assertThat(rows(df)).containsExactly(
                java.util.Arrays.asList(null, 1L, 70L, 70L), List.of("eng", 2L, 180L, 100L), List.of("ops", 2L, 60L, 60L));
    }

    @Test
    void groupedShortcuts() {
        assertThat(rows(people.groupBy("dept").count().filter(col("dept").equalTo("eng"))))
                .containsExactly(List.of("eng", 2L));
        assertThat(((Number) people.groupBy("dept").avg("salary").filter("dept = 'eng'").first().get(1)).doubleValue())
                .isEqualTo(90.0);
        assertThat(rows(people.groupBy("dept").min("salary").filter("dept = 'ops'"))).containsExactly(List.of("ops", 60L));
        assertThat(rows(people.groupBy("dept").sum("salary").filter("dept = 'ops'"))).containsExactly(List.of("ops", 60L));
        assertThat(rows(people.groupBy("dept").agg(Map.of("salary", "max")).filter("dept = 'eng'")))
                .containsExactly(List.of("eng", 100L));
        assertThat(((Number) people.agg(sum("salary")).first().get(0)).longValue()).isEqualTo(310L);
    }

    @Test
    void rollupAndCube() {
        DataFrame r = people.filter(col("dept").isNotNull()).rollup("dept").agg(sum("salary").as("s"))
                .orderBy(col("dept").asc_nulls_last());
        assertThat(rows(r)).containsExactly(List.of("eng", 180L), List.of("ops", 60L), java.util.Arrays.asList(null, 240L));
        long cubeRows = people.filter(col("dept").isNotNull()).cube("dept", "name").count().count();
        // (dept,name) 4 + (dept) 2 + (name) 4 + () 1
        assertThat(cubeRows).isEqualTo(11);
    }

    @Test
    void pivot() {
        DataFrame p = people.groupBy("id").pivot("dept", List.of("eng", "ops")).agg(sum("salary")).orderBy("id");
        assertThat(p.columns()).containsExactly("id", "eng", "ops");
        assertThat(rows(p).get(0)).containsExactly(1, 100L, null);
        assertThat(rows(p).get(2)).containsExactly(3, null, 60L);
    }

    @Test
    void countDistinctAndStddev() {
        assertThat(people.agg(countDistinct("dept")).first().getLong(0)).isEqualTo(2L);
    }

    // ------------------------------------------------------------ joins

    static DataFrame depts() {
        return session.createDataFrame(List.of(Row.of("eng", "Engineering"), Row.of("ops", "Operations"),
                Row.of("hr", "People")), "dept STRING, title STRING");
    }

    @Test
    void joinUsingAndOnAndTypes() {
        DataFrame d = depts();
        assertThat(people.join(d, "dept").count()).isEqualTo(4);
        assertThat(people.join(d, "dept").columns()).containsExactly("dept", "id", "name", "salary", "title");
        assertThat(people.join(d, people.col("dept").equalTo(d.col("dept")), "left").count()).isEqualTo(5);
        assertThat(people.join(d, people.col("dept").equalTo(d.col("dept")), "right").count()).isEqualTo(5);
        assertThat(people.join(d, people.col("dept").equalTo(d.col("dept")), "full_outer").count()).isEqualTo(6);
        assertThat(people.join(d, people.col("dept").equalTo(d.col("dept")), "left_semi").columns())
                .containsExactly("id", "name", "dept", "salary");
        assertThat(people.join(d, people.col("dept").equalTo(d.col("dept")), "left_semi").count()).isEqualTo(4);
        assertThat(column(people.join(d, people.col("dept").equalTo(d.col("dept")), "left_anti").select("name")))
                .containsExactly("eve");
        assertThat(people.crossJoin(d).count()).isEqualTo(15);
        assertThat(people.join(broadcast(d), List.of("dept"), "inner").count()).isEqualTo(4);
    }

    @Test
    void selfJoinWithAliases() {
        DataFrame a = people.as("a");
        DataFrame b = people.as("b");
        DataFrame j = a.join(b, col("a.dept").equalTo(col("b.dept")).and(col("a.id").lt(col("b.id"))))
                .select(col("a.name"), col("b.name"));
        assertThat(rows(j.orderBy(col("a.name")))).containsExactly(List.of("ann", "bob"), List.of("cid", "dee"));
    }

    // ------------------------------------------------------------ ordering, sets, sampling

    @Test
    void orderByLimitOffsetAndSortDesc() {
        assertThat(column(people.select("name").orderBy(col("name").desc()).limit(2))).containsExactly("eve", "dee");
        assertThat(column(people.sort(desc("id")).select("id").offset(3))).containsExactly(2, 1);
    }

    @Test
    void distinctAndDropDuplicates() {
        assertThat(people.select("dept").distinct().count()).isEqualTo(3);
        assertThat(people.dropDuplicates("dept").count()).isEqualTo(3);
        assertThat(people.union(people).dropDuplicates().count()).isEqualTo(5);
    }

    @Test
    void setOperations() {
        DataFrame a = people.select("id").filter("id <= 3");
        DataFrame b = people.select("id").filter("id >= 2");
        assertThat(a.union(b).count()).isEqualTo(7);
        assertThat(column(a.intersect(b).orderBy("id"))).containsExactly(2, 3);
        assertThat(column(a.except(b))).containsExactly(1);
        // INTERSECT ALL / EXCEPT ALL plan as in SQL, where the engine does not run them yet.
        assertThat(a.intersectAll(b).columns()).containsExactly("id");
        assertThatThrownBy(() -> a.intersectAll(b).count()).isInstanceOf(EmberException.class)
                .hasMessageContaining("not supported yet");
        DataFrame swapped = people.select("name", "id");
        assertThat(rows(people.select("id", "name").filter("id = 1").unionByName(swapped.filter("id = 2")).orderBy("id")))
                .containsExactly(List.of(1, "ann"), List.of(2, "bob"));
    }

    @Test
    void sampleIsDeterministicForASeedAndAboutTheFraction() {
        DataFrame big = session.range(0, 10_000);
        long n = big.sample(0.1, 42).count();
        assertThat(n).isBetween(800L, 1200L).isEqualTo(big.sample(0.1, 42).count());
        assertThat(big.sample(0.0, 1).count()).isZero();
    }

    @Test
    void repartitionAndCoalesceKeepRows() {
        DataFrame r = session.range(0, 100).repartition(4, col("id"));
        assertThat(r.count()).isEqualTo(100);
        assertThat(r.javaRDD().getNumPartitions()).isEqualTo(4);
        assertThat(session.range(0, 100, 1, 4).coalesce(1).javaRDD().getNumPartitions()).isEqualTo(1);
        assertThat(session.range(0, 100).repartition(3).count()).isEqualTo(100);
    }

    @Test
    void naFillAndDrop() {
        assertThat(people.na().drop().count()).isEqualTo(3);
        assertThat(people.na().drop(new String[] {"salary"}).count()).isEqualTo(4);
        assertThat(column(people.na().fill(0L, new String[] {"salary"}).filter("id = 4").select("salary")))
                .containsExactly(0L);
        assertThat(column(people.na().fill("none").filter("id = 5").select("dept"))).containsExactly("none");
    }

    @Test
    void windowFunctions() {
        WindowSpec w = Window.partitionBy("dept").orderBy(col("salary").desc());
        DataFrame df = people.select(col("name"), row_number().over(w).as("rn"),
                sum("salary").over(Window.partitionBy("dept")).as("t"), lag(col("salary"), 1).over(w).as("prev"));
        assertThat(df.columns()).containsExactly("name", "rn", "t", "prev");
        assertThat(df.dtypes()).extracting(Map.Entry::getValue).containsExactly("STRING", "BIGINT", "BIGINT", "BIGINT");
        // DESC puts NULLs last (as Spark does): dee is second in ops.
        assertThat(rows(df.orderBy("name"))).containsExactly(
                java.util.Arrays.asList("ann", 1L, 180L, null),
                java.util.Arrays.asList("bob", 2L, 180L, 100L),
                java.util.Arrays.asList("cid", 1L, 60L, null),
                java.util.Arrays.asList("dee", 2L, 60L, 60L),
                java.util.Arrays.asList("eve", 1L, 70L, null));
    }

    // ------------------------------------------------------------ actions

    @Test
    void actions() {
        DataFrame ids = people.select("id").orderBy("id");
        assertThat(ids.count()).isEqualTo(5);
        assertThat(ids.first().getInt(0)).isEqualTo(1);
        assertThat(ids.head().getInt(0)).isEqualTo(1);
        assertThat(ids.take(2)).extracting(r -> r.get(0)).containsExactly(1, 2);
        assertThat(ids.head(3)).hasSize(3);
        assertThat(ids.collect()).hasSize(5);
        assertThat(ids.isEmpty()).isFalse();
        assertThat(ids.filter("id > 9").isEmpty()).isTrue();
        Iterator<Row> it = ids.toLocalIterator();
        int seen = 0;
        while (it.hasNext()) {
            seen += it.next().getInt(0);
        }
        assertThat(seen).isEqualTo(15);
        AtomicLong sum = new AtomicLong();
        ids.foreach(r -> sum.addAndGet(r.getInt(0)));
        assertThat(sum.get()).isEqualTo(15);
    }

    @Test
    void showUsesSparksLayout() {
        String s = people.select("id", "name").orderBy("id").showString(2, true);
        assertThat(s).isEqualTo("""
                +---+----+
                | id|name|
                +---+----+
                |  1| ann|
                |  2| bob|
                +---+----+
                only showing top 2 rows
                """);
    }

    @Test
    void explainModes() {
        DataFrame df = people.filter("id > 1").select("name");
        assertThat(df.explainString("simple")).isNotBlank();
        assertThat(df.explainString("extended")).contains("Logical").contains("Physical");
        assertThatThrownBy(() -> df.explainString("bogus")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tempViewsAreVisibleToSql() {
        people.createOrReplaceTempView("people_v");
        assertThat(session.sql("select count(*) from people_v where dept = 'eng'").first().getLong(0)).isEqualTo(2L);
        assertThatThrownBy(() -> people.createTempView("people_v")).isInstanceOf(EmberException.class);
    }

    @Test
    void rangeAndBeans() {
        assertThat(column(session.range(2, 10, 3))).containsExactly(2L, 5L, 8L);
        record Point(int x, String label) {}
        DataFrame df = session.createDataFrame(List.of(new Point(1, "a"), new Point(2, "b")), Point.class);
        assertThat(df.columns()).containsExactly("x", "label");
        assertThat(rows(df.orderBy("x"))).containsExactly(List.of(1, "a"), List.of(2, "b"));
    }

    @Test
    void cacheKeepsTheRowsAndLaterActionsReadTheCache() {
        DataFrame df = session.range(0, 10_000, 1, 4).selectExpr("id % 7 AS k", "id");
        assertThat(df.cache()).isSameAs(df);
        assertThat(df.explainString("simple")).contains("InMemoryScan");
        assertThat(df.count()).isEqualTo(10_000);
        // The first action filled the cache: all four partitions are held.
        Row entry = session.sql("show cache").collectAsList().stream()
                .filter(r -> r.getString(0).startsWith("df_")).findFirst().orElseThrow();
        assertThat(entry.toString()).contains("4");
        assertThat(rows(df.groupBy("k").count().orderBy("k")).get(0).get(1)).isEqualTo(1429L);
        df.unpersist();
        assertThat(session.sql("show cache").collectAsList()).noneMatch(r -> r.getString(0).startsWith("df_"));
        assertThat(df.explainString("simple")).doesNotContain("InMemoryScan");
        assertThat(df.count()).isEqualTo(10_000);
    }

    @Test
    void checkpointCutsTheLineageAndKeepsTheRows() {
        DataFrame df = session.range(0, 1000, 1, 2).selectExpr("id * 2 AS x");
        DataFrame cp = df.checkpoint();
        assertThat(cp.count()).isEqualTo(1000);
        assertThat(cp.explainString("simple")).doesNotContain("range");
    }

    @Test
    void rddRoundTrip() {
        DataFrame df = session.createDataFrame(people.javaRDD().filter(r -> r.getInt(0) % 2 == 1), people.schema());
        assertThat(column(df.select("name").orderBy("name"))).containsExactly("ann", "cid", "eve");
    }
}
