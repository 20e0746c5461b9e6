package dev.ember.columnar.source.parquet;

import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Parquet's page codecs without Hadoop: Snappy (snappy-java), ZSTD (zstd-jni), GZIP (the JDK)
 * and LZ4_RAW (aircompressor), the codecs Spark, DuckDB and Arrow write. Parquet's own codec
 * factory loads Hadoop's codec classes, which is the only reason it would need Hadoop.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();
    private static final int ZSTD_LEVEL = 3;

    static CompressionCodecName parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "none", "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "zstd" -> CompressionCodecName.ZSTD;
            case "gzip" -> CompressionCodecName.GZIP;
            case "lz4", "lz4_raw" -> CompressionCodecName.LZ4_RAW;
            default -> throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "Parquet compression is one of none, snappy, "
                    + "zstd, gzip, lz4_raw; not '" + name + "'");
        };
    }

    static byte[] compress(CompressionCodecName codec, byte[] in) throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> in;
            case SNAPPY -> org.xerial.snappy.Snappy.compress(in);
            case ZSTD -> com.github.luben.zstd.Zstd.compress(in, ZSTD_LEVEL);
            case GZIP -> {
                ByteArrayOutputStream bos = new ByteArrayOutputStream(in.length / 2 + 16);
                try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                    gz.write(in);
                }
                yield bos.toByteArray();
            }
            case LZ4_RAW -> {
                io.airlift.compress.lz4.Lz4Compressor c = new io.airlift.compress.lz4.Lz4Compressor();
                byte[] out = new byte[c.maxCompressedLength(in.length)];
                int n = c.compress(in, 0, in.length, out, 0, out.length);
                yield java.util.Arrays.copyOf(out, n);
            }
            default -> throw new IOException("Parquet codec " + codec + " is not supported");
        };
    }

    static byte[] decompress(CompressionCodecName codec, byte[] in, int off, int len, int size) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return off == 0 && len == in.length ? in : java.util.Arrays.copyOfRange(in, off, off + len);
            case SNAPPY: {
                byte[] out = new byte[size];
                org.xerial.snappy.Snappy.uncompress(in, off, len, out, 0);
                return out;
            }
            case ZSTD: {
                byte[] out = new byte[size];
                long n = com.github.luben.zstd.Zstd.decompressByteArray(out, 0, size, in, off, len);
                if (com.github.luben.zstd.Zstd.isError(n)) {
                    throw new IOException("corrupt ZSTD page: " + com.github.luben.zstd.Zstd.getErrorName(n));
                }
                return out;
            }
            case GZIP: {
                try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(in, off, len))) {
                    return gz.readNBytes(size);
                }
            }
            case LZ4_RAW: {
                byte[] out = new byte[size];
                new io.airlift.compress.lz4.Lz4Decompressor().decompress(in, off, len, out, 0, size);
                return out;
            }
            default:
                throw new IOException("Parquet codec " + codec + " is not supported (files written with "
                        + "snappy, zstd, gzip, lz4_raw or no compression are)");
        }
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return BytesInput.from(ParquetCodecs.compress(codec, bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int size) throws IOException {
                byte[] in = bytes.toByteArray();
                return BytesInput.from(ParquetCodecs.decompress(codec, in, 0, in.length, size));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int size) throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(ParquetCodecs.decompress(codec, in, 0, in.length, size));
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }
}
