package dev.ember.engine;

import dev.ember.catalog.CatalogEntry;
import dev.ember.columnar.source.PushedPredicate;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.common.AnalysisException;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** File tables from SQL: CREATE ... USING, CTAS, INSERT, temporary views, managed tables, tpch_export. */
class FileTablesTest {
    @TempDir
    Path dir;

    private EmberSession session;

    @BeforeEach
    void open() {
        session = EmberSession.builder().config("ember.sql.warehouse.dir", dir.resolve("warehouse").toString()).getOrCreate();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private long count(String table) {
        return ((Number) session.sql("select count(*) from " + table).collectAsList().get(0).get(0)).longValue();
    }

    private FileTableSource source(String table) {
        return (FileTableSource) ((CatalogEntry.SourceTable) session.catalog().require(List.of(table)).entry()).source();
    }

    @Test
    void ctasWritesParquetThatPrunesRowGroupsOnShipdate() {
        Path p = dir.resolve("lineitem");
        session.sql("create table lineitem using parquet options (path '" + p + "', rowGroupRows '5000') as "
                + "select * from tpch.tiny.lineitem order by l_shipdate");
        assertThat(count("lineitem")).isEqualTo(count("tpch.tiny.lineitem"));
        FileTableSource t = source("lineitem");
        assertThat(t.splits()).hasSize(13);
        int shipdate = t.schema().indexOf("l_shipdate");
        FileTableSource late = (FileTableSource) t.pushFilters(List.of(
                PushedPredicate.of(shipdate, PushedPredicate.Op.GT, LocalDate.parse("1998-09-02"))));
        // Sorted by l_shipdate, only the last two of 13 row groups hold dates past 1998-09-02.
        assertThat(late.splits()).hasSize(2);
        assertThat(t.metrics().rowGroupsPruned.sum()).isEqualTo(11);
        assertThat(t.metrics().rowGroupsSelected.sum()).isEqualTo(2);
        // Same answer as the generated table, whichever scan the optimizer picks.
        String q = "select count(*), sum(l_quantity) from %s where l_shipdate > date '1998-09-02'";
        assertThat(session.sql(q.formatted("lineitem")).collectAsList())
                .isEqualTo(session.sql(q.formatted("tpch.tiny.lineitem")).collectAsList());
        assertThat(session.sql("select l_shipdate from lineitem limit 1").collectAsList().get(0).get(0))
                .isEqualTo(LocalDate.parse("1992-01-04"));
    }

    @Test
    void insertAppendsAndOverwritesFiles() {
        Path p = dir.resolve("nations");
        session.sql("create table n (k bigint, name string, region bigint) using csv options (path '" + p + "', header 'true')");
        assertThat(count("n")).isZero();
        session.sql("insert into n select n_nationkey, n_name, n_regionkey from tpch.tiny.nation");
        session.sql("insert into n (name, k) values ('ATLANTIS', 99)");
        assertThat(count("n")).isEqualTo(26);
        assertThat(session.sql("select region from n where k = 99").collectAsList().get(0).get(0)).isNull();
        List<Row> inserted = session.sql("insert overwrite n select n_nationkey, n_name, n_regionkey from tpch.tiny.nation "
                + "where n_regionkey = 1").collectAsList();
        assertThat(inserted.get(0).get(0)).isEqualTo(5L);
        assertThat(count("n")).isEqualTo(5);
        assertThat(Files.exists(p.resolve("_SUCCESS"))).isTrue();
    }

    @Test
    void partitionedTablesTakeInsertsIntoTheirFolders() {
        Path p = dir.resolve("orders");
        session.sql("create table o using parquet options (path '" + p + "', partitionBy 'o_orderstatus') as "
                + "select o_orderkey, o_orderstatus, o_totalprice from tpch.tiny.orders");
        assertThat(p.resolve("o_orderstatus=F")).isDirectory();
        assertThat(source("o").schema().names()).containsExactly("o_orderkey", "o_totalprice", "o_orderstatus");
        session.sql("insert into o select o_orderkey, o_totalprice, 'X' from tpch.tiny.orders where o_orderkey < 10");
        assertThat(p.resolve("o_orderstatus=X")).isDirectory();
        assertThat(session.sql("select o_orderstatus, count(*) from o group by 1 order by 1").collectAsList())
                .extracting(r -> r.get(0)).containsExactly("F", "O", "P", "X");
    }

    @Test
    void temporaryViewsOverFilesAndManagedTables() throws Exception {
        Files.writeString(dir.resolve("people.json"), "{\"name\": \"ann\", \"age\": 31}\n{\"name\": \"bob\", \"age\": 42}\n");
        session.sql("create temporary view people using json options (path '" + dir.resolve("people.json") + "')");
        assertThat(session.sql("select sum(age) from people").collectAsList().get(0).get(0)).isEqualTo(73L);

        session.sql("create table m (a int, b string) using arrow");
        session.sql("insert into m values (1, 'x'), (2, null)");
        Path folder = dir.resolve("warehouse").resolve("m");
        assertThat(folder).isDirectory();
        assertThat(session.sql("select a from m where b is null").collectAsList().get(0).get(0)).isEqualTo(2);
        session.sql("drop table m");
        assertThat(folder).doesNotExist();

        session.sql("create table ext using csv options (path '" + dir.resolve("ext") + "') as select 1 as x");
        session.sql("drop table ext");
        assertThat(dir.resolve("ext")).isDirectory();
    }

    @Test
    void malformedCsvFailsTheQueryNotTheSession() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3,x\n");
        session.sql("create table bad (a int, b int) using csv options (path '" + dir.resolve("bad.csv")
                + "', header 'true', mode 'FAILFAST')");
        assertThatThrownBy(() -> session.sql("select sum(b) from bad").collectAsList())
                .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass()).isIn(ErrorClass.MALFORMED_RECORD,
                        ErrorClass.TASK_FAILED))
                .hasMessageContaining("bad.csv").hasMessageContaining("line 3");
        session.sql("create table lenient (a int, b int) using csv options (path '" + dir.resolve("bad.csv")
                + "', header 'true')");
        assertThat(session.sql("select count(*), count(b) from lenient").collectAsList().get(0).toList())
                .containsExactly(2L, 1L);
    }

    @Test
    void mistakesAreClearErrorsAndChangeNothing() {
        assertThatThrownBy(() -> session.sql("create table t using parquett options (path '/tmp')"))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("did you mean `parquet`");
        assertThatThrownBy(() -> session.sql("create table t using csv options (path '" + dir.resolve("nope") + "')"))
                .hasMessageContaining("path does not exist");
        assertThatThrownBy(() -> session.sql("create table t using csv options (path '" + dir + "', delimter ';')"))
                .hasMessageContaining("unknown option 'delimter'").hasMessageContaining("delimiter");
        session.sql("create table t using parquet options (path '" + dir.resolve("t") + "') as select 1 as x");
        assertThatThrownBy(() -> session.sql("create table t2 using parquet options (path '" + dir.resolve("t")
                + "') as select 2 as x")).hasMessageContaining("already holds data");
        assertThat(session.catalog().lookup(List.of("t2"))).isEmpty();
        assertThatThrownBy(() -> session.sql("call nothing(1)")).hasMessageContaining("tpch_export");
        assertThat(count("t")).isEqualTo(1);
    }

    @Test
    void tpchExportWritesEveryTableAndAScriptThatReadsThemBack() throws Exception {
        List<Row> out = session.sql("call tpch_export('tiny', 'json', '" + dir.resolve("tpch") + "')").collectAsList();
        assertThat(out).hasSize(8);
        session.sql(Files.readString(dir.resolve("tpch").resolve("create_tables.sql")));
        for (String t : List.of("lineitem", "orders", "nation")) {
            assertThat(count(t)).isEqualTo(count("tpch.tiny." + t));
        }
        String q = "select o_orderpriority, sum(o_totalprice), min(o_orderdate) from %s group by 1 order by 1";
        assertThat(session.sql(q.formatted("orders")).collectAsList()).isEqualTo(session.sql(q.formatted("tpch.tiny.orders"))
                .collectAsList());
    }
}
