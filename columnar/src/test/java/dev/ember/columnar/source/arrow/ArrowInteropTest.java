package dev.ember.columnar.source.arrow;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.source.file.FileFormats;
import dev.ember.columnar.source.file.FileTableSource;
import dev.ember.columnar.source.file.FileTestSupport;
import dev.ember.columnar.source.file.ScanSettings;
import dev.ember.columnar.source.file.SourceOptions;
import dev.ember.columnar.types.DataType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Arrow IPC files written by others: narrow ints, floats, millisecond timestamps, Decimal128, dictionaries. */
class ArrowInteropTest {
    @TempDir
    Path dir;

    @Test
    void readsStandardArrowTypesAndDictionaries() throws Exception {
        Path file = dir.resolve("other.arrow");
        try (BufferAllocator a = ArrowRuntime.newChild("arrow-test", Long.MAX_VALUE);
             SmallIntVector small = new SmallIntVector("small", a);
             Float4Vector real = new Float4Vector("real", a);
             TimeStampMilliVector ts = new TimeStampMilliVector("ts", a);
             DecimalVector dec = new DecimalVector("dec", a, 10, 3);
             VarCharVector words = new VarCharVector("word", a);
             VarCharVector dictValues = new VarCharVector("dict", a)) {
            small.allocateNew(3);
            real.allocateNew(3);
            ts.allocateNew(3);
            dec.allocateNew(3);
            small.set(0, 7);
            small.setNull(1);
            small.set(2, -3);
            real.set(0, 1.5f);
            real.set(1, -2f);
            real.setNull(2);
            ts.set(0, 1_000L);
            ts.set(1, 86_400_000L);
            ts.setNull(2);
            dec.set(0, new BigDecimal("1234567.891"));
            dec.setNull(1);
            dec.set(2, new BigDecimal("-0.001"));
            dictValues.allocateNew();
            dictValues.setSafe(0, "red".getBytes(StandardCharsets.UTF_8));
            dictValues.setSafe(1, "blue".getBytes(StandardCharsets.UTF_8));
            dictValues.setValueCount(2);
            words.allocateNew();
            words.setSafe(0, "blue".getBytes(StandardCharsets.UTF_8));
            words.setSafe(1, "red".getBytes(StandardCharsets.UTF_8));
            words.setNull(2);
            for (FieldVector v : List.<FieldVector>of(small, real, ts, dec, words)) {
                v.setValueCount(3);
            }
            Dictionary dict = new Dictionary(dictValues, new DictionaryEncoding(1L, false, null));
            try (FieldVector encoded = (FieldVector) DictionaryEncoder.encode(words, dict)) {
                DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(dict);
                VectorSchemaRoot root = new VectorSchemaRoot(List.of(small.getField(), real.getField(), ts.getField(),
                        dec.getField(), encoded.getField()), List.of(small, real, ts, dec, encoded), 3);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                     ArrowFileWriter w = new ArrowFileWriter(root, provider, ch)) {
                    w.start();
                    w.writeBatch();
                    w.end();
                }
            }
        }
        FileTableSource t = FileTableSource.open("o", FileFormats.get("arrow"), null,
                SourceOptions.of(Map.of("path", file.toString())), ScanSettings.defaults());
        assertThat(t.schema().types()).containsExactly(DataType.INT, DataType.DOUBLE, DataType.TIMESTAMP,
                DataType.decimal(10, 3), DataType.STRING);
        assertThat(FileTestSupport.readAll(t)).containsExactly(
                Arrays.asList(7, 1.5, LocalDateTime.of(1970, 1, 1, 0, 0, 1), new BigDecimal("1234567.891"), "blue"),
                Arrays.asList(null, -2.0, LocalDateTime.of(1970, 1, 2, 0, 0), null, "red"),
                Arrays.asList(-3, null, null, new BigDecimal("-0.001"), null));
    }
}
