package dev.ember.optimizer.stats;

import dev.ember.optimizer.RulePlans;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Row widths, which decide what is small enough to broadcast. */
class ValueSizesTest {

    private static double width(String sql) {
        RelNode rel = RulePlans.analyze(sql);
        RelMetadataQuery mq = rel.getCluster().getMetadataQuery();
        return mq.getAverageRowSize(rel);
    }

    @Test
    void aStringColumnHasAPositiveWidth() {
        // r_name is a VARCHAR of no declared length: Calcite's own estimate is -2 bytes.
        assertThat(width("select r_name from region")).isCloseTo(ValueSizes.UNBOUNDED_STRING_BYTES, within(0.01));
    }

    @Test
    void moreColumnsNeverWeighLess() {
        double key = width("select r_regionkey from region");
        double keyAndName = width("select r_regionkey, r_name from region");
        double all = width("select * from region");
        assertThat(key).isPositive();
        assertThat(keyAndName).isGreaterThan(key);
        assertThat(all).isGreaterThan(keyAndName);
    }
}
