package dev.ember.columnar.source.parquet;

import dev.ember.columnar.source.file.DataFile;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parquet footers (schema, row groups, column chunk offsets and statistics), read once per
 * file version and kept: tables read them when they are opened (to split files into row groups
 * and prune by statistics) and tasks read them again for free.
 */
final class ParquetFooters {
    private static final int MAX_CACHED = 4096;
    private static final Map<String, ParquetMetadata> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ParquetMetadata> eldest) {
            return size() > MAX_CACHED;
        }
    };

    private ParquetFooters() {
    }

    static ParquetMetadata footer(DataFile file) {
        String key = file.path() + "@" + file.size() + "@" + file.modifiedMillis();
        synchronized (CACHE) {
            ParquetMetadata m = CACHE.get(key);
            if (m != null) {
                return m;
            }
        }
        ParquetMetadata m = read(file.path(), file.size());
        synchronized (CACHE) {
            CACHE.put(key, m);
        }
        return m;
    }

    static ParquetMetadata read(Path path, long size) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (size < 12) {
                throw notParquet(path, "too short");
            }
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, tail, size - 8);
            tail.flip();
            int len = tail.getInt();
            byte[] magic = new byte[4];
            tail.get(magic);
            String m = new String(magic, StandardCharsets.US_ASCII);
            if (m.equals("PARE")) {
                throw new ExecutionException(ErrorClass.IO_ERROR,
                        path + " is an encrypted Parquet file, which Ember does not read");
            }
            if (!m.equals("PAR1")) {
                throw notParquet(path, "no PAR1 magic at its end");
            }
            if (len <= 0 || len > size - 12) {
                throw notParquet(path, "bad footer length " + len);
            }
            ByteBuffer footer = ByteBuffer.allocate(len);
            readFully(ch, footer, size - 8 - len);
            return new ParquetMetadataConverter().readParquetMetadata(new ByteArrayInputStream(footer.array()));
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read the Parquet footer of " + path + ": " + e.getMessage(), e);
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + at);
            }
            at += n;
        }
    }

    private static ExecutionException notParquet(Path path, String why) {
        return new ExecutionException(ErrorClass.IO_ERROR, path + " is not a Parquet file (" + why + ")");
    }
}
