package dev.ember.columnar.source.file;

import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * The lines of a split of a text file (JSON lines): those that start inside the split, each as
 * bytes {@code buf()[start(), end())} without its line break, with its 1-based line number in
 * the file (counted before the split only when asked, for an error). Gzip files are read whole.
 */
public final class LineReader implements Closeable {
    private final DataFile file;
    private final FileChannel channel;
    private final InputStream in;
    private final long splitStart;
    private final long end;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long bufOffset;
    private boolean eof;
    private long bytesRead;
    private int lineStart;
    private int lineEnd;
    private long lines;
    private long firstOffset;
    private long lineBase = -1;

    public LineReader(FileSplit split) {
        this.file = split.file();
        try {
            if (file.gzipped()) {
                channel = null;
                in = new GZIPInputStream(Files.newInputStream(file.path()), 1 << 16);
                splitStart = 0;
                end = Long.MAX_VALUE;
            } else {
                channel = FileChannel.open(file.path(), StandardOpenOption.READ);
                splitStart = split.start();
                end = split.start() + split.length();
                long from = Math.max(0, splitStart - 1);
                channel.position(from);
                in = Channels.newInputStream(channel);
                bufOffset = from;
                if (splitStart > 0) {
                    while (true) {
                        if (pos >= limit && !fill()) {
                            break;
                        }
                        if (buf[pos++] == '\n') {
                            break;
                        }
                    }
                }
            }
            firstOffset = bufOffset + pos;
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    public DataFile file() {
        return file;
    }

    public byte[] buf() {
        return buf;
    }

    public int start() {
        return lineStart;
    }

    public int end() {
        return lineEnd;
    }

    public long bytesRead() {
        return bytesRead;
    }

    /** Moves to the next line of the split; false at its end. */
    public boolean next() {
        try {
            while (true) {
                if (pos >= limit && !fill()) {
                    return false;
                }
                if (bufOffset + pos >= end) {
                    return false;
                }
                int q = pos;
                while (q < limit && buf[q] != '\n') {
                    q++;
                }
                if (q >= limit && !eof) {
                    fill();
                    continue;
                }
                lineStart = pos;
                lineEnd = q > pos && buf[q - 1] == '\r' ? q - 1 : q;
                pos = q < limit ? q + 1 : q;
                lines++;
                return true;
            }
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufOffset += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit += n;
        bytesRead += n;
        return true;
    }

    /** 1-based number of the current line in the file. */
    public long lineNumber() {
        if (lineBase < 0) {
            lineBase = 0;
            if (channel != null && firstOffset > 0) {
                try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                    ByteBuffer bb = ByteBuffer.allocate(1 << 16);
                    long read = 0;
                    while (read < firstOffset) {
                        bb.clear();
                        bb.limit((int) Math.min(bb.capacity(), firstOffset - read));
                        int n = ch.read(bb, read);
                        if (n <= 0) {
                            break;
                        }
                        for (int k = 0; k < n; k++) {
                            if (bb.get(k) == '\n') {
                                lineBase++;
                            }
                        }
                        read += n;
                    }
                } catch (IOException e) {
                    lineBase = 0;
                }
            }
        }
        return lineBase + lines;
    }

    @Override
    public void close() {
        try {
            in.close();
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // read-only
        }
    }
}
