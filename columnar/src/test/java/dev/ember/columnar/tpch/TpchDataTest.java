package dev.ember.columnar.tpch;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.types.DataType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class TpchDataTest {

    @Test
    void scaleFactorsFromSchemaNames() {
        assertThat(TpchScale.scaleFactor("tiny")).contains(0.01);
        assertThat(TpchScale.scaleFactor("sf1")).contains(1.0);
        assertThat(TpchScale.scaleFactor("SF0_1")).contains(0.1);
        assertThat(TpchScale.scaleFactor("default")).isEmpty();
        assertThat(TpchScale.scaleFactor("sf")).isEmpty();
        assertThat(TpchScale.schemaName(0.1)).isEqualTo("sf0_1");
        assertThat(TpchScale.schemaName(0.01)).isEqualTo("tiny");
        assertThat(TpchScale.schemaName(10)).isEqualTo("sf10");
    }

    @Test
    void nationHasTwentyFiveRowsInOnePartition() {
        TpchTableData nation = TpchData.table("nation", 0.01);
        assertThat(nation.rowCount()).isEqualTo(25);
        assertThat(nation.partitions()).hasSize(1);
        ColumnBatch b = nation.partitions().get(0).get(0);
        assertThat(Values.get(b.vector(1), DataType.STRING, 0)).isEqualTo("ALGERIA");
    }

    @Test
    void lineitemAtTinyScaleIsSplitAndExact() {
        TpchTableData lineitem = TpchData.table("lineitem", 0.01);
        assertThat(lineitem.rowCount()).isEqualTo(60175);
        assertThat(lineitem.partitions()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lineitem.schema().field(5).name()).isEqualTo("l_extendedprice");
        assertThat(lineitem.schema().type(5)).isEqualTo(DataType.decimal(15, 2));
        ColumnBatch first = lineitem.partitions().get(0).get(0);
        Object price = Values.get(first.vector(5), lineitem.schema().type(5), 0);
        assertThat(price).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) price).scale()).isEqualTo(2);
        Object shipDate = Values.get(first.vector(10), DataType.DATE, 0);
        assertThat((LocalDate) shipDate).isAfter(LocalDate.of(1991, 12, 31)).isBefore(LocalDate.of(1999, 1, 1));
        assertThat(TpchData.isGenerated("lineitem", 0.01)).isTrue();
    }
}
