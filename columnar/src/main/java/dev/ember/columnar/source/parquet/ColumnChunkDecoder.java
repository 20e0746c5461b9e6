package dev.ember.columnar.source.parquet;

import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Decodes the values of one flat column chunk page by page with Parquet's own value decoders
 * (plain, dictionary, RLE, delta, byte-stream-split), without the record-level bookkeeping of
 * {@code ColumnReaderImpl}: definition levels say which rows are NULL, and a {@link Sink} moves
 * each present value straight into an Arrow vector.
 */
final class ColumnChunkDecoder {
    /** Writes the next value of {@code values} into row {@code row} of a vector. */
    interface Sink {
        void copy(ValuesReader values, org.apache.arrow.vector.FieldVector v, int row);
    }

    private final ColumnDescriptor desc;
    private final ChunkPageReader pages;
    private final int maxDef;
    private final Dictionary dictionary;
    private ValuesReader values;
    private ValuesReader v1Levels;
    private RunLengthBitPackingHybridDecoder v2Levels;
    private int remaining;

    ColumnChunkDecoder(ColumnDescriptor desc, ChunkPageReader pages) {
        this.desc = desc;
        this.pages = pages;
        this.maxDef = desc.getMaxDefinitionLevel();
        if (desc.getMaxRepetitionLevel() != 0) {
            throw new IllegalArgumentException("repeated column " + desc);
        }
        DictionaryPage dp = pages.readDictionaryPage();
        try {
            this.dictionary = dp == null ? null : dp.getEncoding().initDictionary(desc, dp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ValuesReader valuesReader(Encoding e) {
        if (e.usesDictionary()) {
            if (dictionary == null) {
                throw new IllegalStateException("dictionary-encoded page without a dictionary in " + desc);
            }
            return e.getDictionaryBasedValuesReader(desc, ValuesType.VALUES, dictionary);
        }
        return e.getValuesReader(desc, ValuesType.VALUES);
    }

    private void nextPage() {
        DataPage p = pages.readPage();
        if (p == null) {
            throw new IllegalStateException("column chunk " + desc + " has fewer values than its row group has rows");
        }
        int n = p.getValueCount();
        try {
            if (p instanceof DataPageV1 v1) {
                ByteBufferInputStream in = v1.getBytes().toInputStream();
                ValuesReader rl = v1.getRlEncoding().getValuesReader(desc, ValuesType.REPETITION_LEVEL);
                rl.initFromPage(n, in);
                v1Levels = v1.getDlEncoding().getValuesReader(desc, ValuesType.DEFINITION_LEVEL);
                v1Levels.initFromPage(n, in);
                v2Levels = null;
                values = valuesReader(v1.getValueEncoding());
                values.initFromPage(n, in);
            } else {
                DataPageV2 v2 = (DataPageV2) p;
                v1Levels = null;
                v2Levels = maxDef == 0 ? null : new RunLengthBitPackingHybridDecoder(BytesUtils.getWidthFromMaxInt(maxDef),
                        v2.getDefinitionLevels().toInputStream());
                values = valuesReader(v2.getDataEncoding());
                values.initFromPage(n, v2.getData().toInputStream());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        remaining = n;
    }

    private int nextLevel() throws IOException {
        if (maxDef == 0) {
            return 0;
        }
        return v1Levels != null ? v1Levels.readInteger() : v2Levels.readInt();
    }

    /** Reads the next {@code n} rows into rows {@code row...} of {@code v}; absent values stay NULL. */
    void read(org.apache.arrow.vector.FieldVector v, int row, int n, Sink sink) {
        try {
            while (n > 0) {
                if (remaining == 0) {
                    nextPage();
                }
                int k = Math.min(n, remaining);
                ValuesReader vr = values;
                if (maxDef == 0) {
                    for (int i = 0; i < k; i++) {
                        sink.copy(vr, v, row + i);
                    }
                } else {
                    for (int i = 0; i < k; i++) {
                        if (nextLevel() == maxDef) {
                            sink.copy(vr, v, row + i);
                        }
                    }
                }
                remaining -= k;
                row += k;
                n -= k;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
