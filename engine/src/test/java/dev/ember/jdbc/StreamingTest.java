package dev.ember.jdbc;

import dev.ember.engine.EmberSession;
import dev.ember.engine.ResultStream;
import dev.ember.physical.scheduler.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results stream: the rows the driver hands out come from {@link ResultStream}, which computes
 * result partitions a wave at a time, at most one wave ahead of the reader. With one executor
 * (waves of one partition) the counts are exact.
 */
class StreamingTest {
    private static final String QUERY = "select l_orderkey, count(*) from tpch.tiny.lineitem group by l_orderkey";
    private static EmberSession session;

    @BeforeAll
    static void open() {
        session = EmberSession.builder().config("ember.executor.instances", "1")
                .config("ember.sql.shuffle.partitions", "16")
                // 16 result partitions to stream, not the one coalescing would make of this small result.
                .config("ember.sql.adaptive.coalescePartitions.enabled", "false").getOrCreate();
        session.sql("select count(*) from tpch.tiny.lineitem").collectAsList();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    /** Counts the stages a query submits: one map stage, then one result stage per wave of result partitions. */
    private static final class Stages implements ProgressListener {
        final Set<Integer> submitted = ConcurrentHashMap.newKeySet();

        @Override
        public void stageSubmitted(int stageId, String name, int tasks) {
            submitted.add(stageId);
        }

        @Override
        public void taskFinished(int stageId) {
        }

        @Override
        public void stageCompleted(int stageId) {
        }

        int resultWaves() {
            return submitted.size() - 1;
        }
    }

    @Test
    void theFirstRowComesBeforeTheRestIsComputed() {
        Stages stages = new Stages();
        long rows;
        try (ResultStream s = ResultStream.open(session.sql(QUERY), stages)) {
            assertThat(s.hasNext()).isTrue();
            s.next();
            // Partition 0 is being read: the next wave (partition 1), and the one after it once
            // partition 0 was taken, may have started; not the 16 there are.
            assertThat(stages.resultWaves()).isBetween(1, 3);
            rows = 1;
            while (s.hasNext()) {
                s.next();
                rows++;
            }
            assertThat(stages.resultWaves()).isEqualTo(16);
            assertThat(s.rowsRead()).isEqualTo(rows);
        }
        assertThat(rows).isEqualTo(15000);
    }

    @Test
    void closingEarlyStopsTheQuery() throws InterruptedException {
        Stages stages = new Stages();
        ResultStream s = ResultStream.open(session.sql(QUERY), stages);
        s.next();
        s.close();
        Thread.sleep(300);
        assertThat(stages.resultWaves()).isBetween(1, 3);
        // The session runs the next query as usual.
        assertThat(session.sql("select count(*) from tpch.tiny.nation").collectAsList().get(0).getLong(0)).isEqualTo(25);
    }

    @Test
    void rowsAndOrderAreThoseOfTheWholeResult() {
        String sorted = "select l_orderkey, l_linenumber from tpch.tiny.lineitem order by l_orderkey desc, l_linenumber";
        var expected = session.sql(sorted).collectAsList();
        try (ResultStream s = ResultStream.open(session.sql(sorted), ProgressListener.NONE)) {
            int i = 0;
            while (s.hasNext()) {
                assertThat(s.next()).isEqualTo(expected.get(i++));
            }
            assertThat(i).isEqualTo(expected.size());
        }
    }
}
