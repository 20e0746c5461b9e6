package dev.ember.columnar.source.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The pages of one column chunk, read from its bytes (already in memory) one at a time and
 * decompressed on demand: what Parquet's {@code ColumnReaderImpl} decodes values from.
 */
final class ChunkPageReader implements PageReader {
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final byte[] bytes;
    private final ByteArrayInputStream in;
    private final CompressionCodecName codec;
    private final long totalValues;
    private long valuesRead;
    private DictionaryPage dictionary;
    private PageHeader pending;

    ChunkPageReader(byte[] bytes, CompressionCodecName codec, long totalValues) {
        this.bytes = bytes;
        this.in = new ByteArrayInputStream(bytes);
        this.codec = codec;
        this.totalValues = totalValues;
        try {
            PageHeader first = Util.readPageHeader(in);
            if (first.isSetDictionary_page_header()) {
                DictionaryPageHeader h = first.getDictionary_page_header();
                byte[] data = body(first);
                dictionary = new DictionaryPage(BytesInput.from(data), first.getUncompressed_page_size(), h.getNum_values(),
                        CONVERTER.getEncoding(h.getEncoding()));
            } else {
                pending = first;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] body(PageHeader h) throws IOException {
        int pos = bytes.length - in.available();
        int len = h.getCompressed_page_size();
        if (in.skip(len) != len) {
            throw new IOException("truncated page");
        }
        return ParquetCodecs.decompress(codec, bytes, pos, len, h.getUncompressed_page_size());
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return totalValues;
    }

    @Override
    public DataPage readPage() {
        try {
            while (valuesRead < totalValues) {
                PageHeader h = pending != null ? pending : Util.readPageHeader(in);
                pending = null;
                switch (h.getType()) {
                    case DATA_PAGE -> {
                        DataPageHeader d = h.getData_page_header();
                        byte[] data = body(h);
                        valuesRead += d.getNum_values();
                        return new DataPageV1(BytesInput.from(data), d.getNum_values(), h.getUncompressed_page_size(), null,
                                CONVERTER.getEncoding(d.getRepetition_level_encoding()),
                                CONVERTER.getEncoding(d.getDefinition_level_encoding()),
                                CONVERTER.getEncoding(d.getEncoding()));
                    }
                    case DATA_PAGE_V2 -> {
                        DataPageHeaderV2 d = h.getData_page_header_v2();
                        int pos = bytes.length - in.available();
                        int rl = d.getRepetition_levels_byte_length();
                        int dl = d.getDefinition_levels_byte_length();
                        int dataLen = h.getCompressed_page_size() - rl - dl;
                        int uncompressed = h.getUncompressed_page_size() - rl - dl;
                        if (in.skip(h.getCompressed_page_size()) != h.getCompressed_page_size()) {
                            throw new IOException("truncated page");
                        }
                        byte[] data = d.isIs_compressed()
                                ? ParquetCodecs.decompress(codec, bytes, pos + rl + dl, dataLen, uncompressed)
                                : java.util.Arrays.copyOfRange(bytes, pos + rl + dl, pos + rl + dl + dataLen);
                        valuesRead += d.getNum_values();
                        return DataPageV2.uncompressed(d.getNum_rows(), d.getNum_nulls(), d.getNum_values(),
                                BytesInput.from(bytes, pos, rl), BytesInput.from(bytes, pos + rl, dl),
                                CONVERTER.getEncoding(d.getEncoding()), BytesInput.from(data), null);
                    }
                    default -> {
                        // index pages and a late dictionary: skip (dictionaries come first in valid files)
                        long len = h.getCompressed_page_size();
                        if (in.skip(len) != len) {
                            throw new IOException("truncated page");
                        }
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
