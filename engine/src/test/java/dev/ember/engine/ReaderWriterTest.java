package dev.ember.engine;

import dev.ember.common.EmberException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** session.read() and df.write(): each format written and read back equal; modes; options. */
class ReaderWriterTest {
    static EmberSession session;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        session = EmberSession.builder().master("local[2]").getOrCreate();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "csv", "json", "arrow"})
    void roundTrip(String format) {
        DataFrame nation = session.table("tpch.tiny.nation").select("n_nationkey", "n_name", "n_regionkey");
        String path = dir.resolve(format).toString();
        DataFrameWriter w = nation.write().format(format);
        DataFrameReader r = session.read().format(format);
        if (format.equals("csv")) {
            w = w.option("header", "true");
            r = r.option("header", "true").schema(nation.schema());
        }
        w.save(path);
        DataFrame back = r.load(path);
        assertThat(back.orderBy("n_nationkey").collectAsList()).containsExactlyElementsOf(
                nation.orderBy("n_nationkey").collectAsList());
    }

    @Test
    void modes() {
        String path = dir.resolve("p").toString();
        DataFrame small = session.range(0, 3);
        small.write().parquet(path);
        assertThatThrownBy(() -> small.write().parquet(path)).isInstanceOf(EmberException.class);
        small.write().mode("append").parquet(path);
        assertThat(session.read().parquet(path).count()).isEqualTo(6);
        small.write().mode("overwrite").parquet(path);
        assertThat(session.read().parquet(path).count()).isEqualTo(3);
        small.write().mode("ignore").parquet(path);
        assertThat(session.read().parquet(path).count()).isEqualTo(3);
    }

    @Test
    void csvWithHeaderAndInference() throws Exception {
        Path f = dir.resolve("people.csv");
        Files.writeString(f, "id,name\n1,ann\n2,bob\n");
        DataFrame df = session.read().option("header", "true").option("inferSchema", "true").csv(f.toString());
        assertThat(df.columns()).containsExactly("id", "name");
        assertThat(df.orderBy("id").collectAsList()).extracting(r -> r.get(1)).containsExactly("ann", "bob");
    }

    @Test
    void saveAsTableIsQueryableBySql() {
        session.range(0, 4).write().format("parquet").option("path", dir.resolve("t").toString()).saveAsTable("ids_t");
        assertThat(session.sql("select sum(id) from ids_t").first().getLong(0)).isEqualTo(6L);
        assertThat(List.of(session.table("ids_t").columns())).containsExactly("id");
    }
}
