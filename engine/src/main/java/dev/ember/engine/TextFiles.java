package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.source.file.ScanSettings;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.common.config.EmberConf;
import dev.ember.engine.rdd.JavaRdd;
import dev.ember.physical.rdd.CloseableIterator;
import dev.ember.physical.rdd.Dependency;
import dev.ember.physical.rdd.Rdd;
import dev.ember.physical.scheduler.TaskContext;
import org.apache.arrow.vector.VarCharVector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;

/** {@code session.textFile(path)}: the lines of text files, read by the {@link TextFormat} splits of each task. */
final class TextFiles {
    private TextFiles() {
    }

    static JavaRdd<String> lines(EmberSession session, String path, int minPartitions) {
        EmberConf c = session.conf();
        // As Hadoop's text input: at least minPartitions pieces however small the files, none over maxPartitionBytes.
        ScanSettings settings = new ScanSettings(c.get(FileTableCommands.MAX_PARTITION_BYTES), 1, Math.max(1, minPartitions),
                c.get(EmberConf.BATCH_SIZE));
        FileTableSource source = FileTableSource.open(path, TextFormat.INSTANCE, null, SourceOptions.of(java.util.Map.of("path", path)),
                settings);
        return JavaRdd.fromRdd(session, new LinesRdd(source, path));
    }

    /** One partition per partition of the text table; each line a String. */
    private static final class LinesRdd extends Rdd<String> {
        private final FileTableSource source;

        LinesRdd(FileTableSource source, String path) {
            this.source = source;
            setName("textFile " + path);
        }

        @Override
        public int numPartitions() {
            return source.numPartitions();
        }

        @Override
        public List<Dependency<?>> dependencies() {
            return List.of();
        }

        @Override
        protected CloseableIterator<String> compute(int partition, TaskContext ctx) {
            BatchReader reader = source.open(partition, new int[] {0}, ctx.allocator());
            return new CloseableIterator<>() {
                private ColumnBatch batch;
                private int row;

                @Override
                public boolean hasNext() {
                    while (batch == null || row >= batch.rowCount()) {
                        if (!reader.hasNext()) {
                            return false;
                        }
                        batch = reader.next();
                        row = 0;
                    }
                    return true;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    VarCharVector v = (VarCharVector) batch.vector(0);
                    return new String(v.get(row++), StandardCharsets.UTF_8);
                }

                @Override
                public void close() {
                    reader.close();
                }
            };
        }
    }
}
