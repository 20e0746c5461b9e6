package dev.ember.columnar.source.csv;

import dev.ember.columnar.source.file.DataFile;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Cuts the bytes of a split into records and fields without copying them: after
 * {@link #next()}, field {@code i} is {@code buf()[start(i), end(i))}, quotes stripped (escapes
 * not yet undone: see {@link #unescape}). A split owns the records that start inside it; one
 * that starts mid-line skips to the next line (the previous split reads that record to its end).
 * Lines are counted so errors can name them; quoted fields may span lines.
 */
final class CsvTokenizer implements Closeable {
    static final int QUOTED = 1;
    static final int ESCAPED = 2;
    static final int BAD_QUOTES = 4;

    private final DataFile file;
    private final long splitStart;
    private final FileChannel channel;
    private final InputStream in;
    private final long end;
    private final byte delim;
    private final byte quote;
    private final byte escape;
    private final byte comment;
    private final boolean hasQuote;
    private final boolean hasComment;

    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long bufOffset;
    private boolean eof;
    private long bytesRead;

    private int fields;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int[] flags = new int[64];
    private int recordPos;
    private long recordOffset;
    private long linesBefore;
    private long lines;
    private long lineBase = -1;

    CsvTokenizer(DataFile file, long start, long length, CsvOptions o) {
        this.file = file;
        this.delim = (byte) o.delimiter();
        this.quote = (byte) o.quote();
        this.escape = (byte) o.escape();
        this.comment = (byte) o.comment();
        this.hasQuote = o.quote() != '\0';
        this.hasComment = o.comment() != '\0';
        if (delim == '\n' || delim == '\r' || (hasQuote && delim == quote)) {
            throw new dev.ember.common.AnalysisException(ErrorClass.ANALYSIS_ERROR, "bad CSV delimiter '" + o.delimiter() + "'");
        }
        try {
            if (file.gzipped()) {
                channel = null;
                in = new GZIPInputStream(java.nio.file.Files.newInputStream(file.path()), 1 << 16);
                splitStart = 0;
                end = Long.MAX_VALUE;
            } else {
                channel = FileChannel.open(file.path(), StandardOpenOption.READ);
                splitStart = start;
                end = start + length;
                long from = Math.max(0, start - 1);
                channel.position(from);
                in = Channels.newInputStream(channel);
                bufOffset = from;
                if (start > 0) {
                    skipPartialLine();
                }
                firstRecordOffset = bufOffset + pos;
            }
            if (start == 0 || file.gzipped()) {
                skipByteOrderMark();
            }
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** A UTF-8 byte order mark at the start of a file is not data. */
    private void skipByteOrderMark() throws IOException {
        while (limit - pos < 3 && fill()) {
            // need three bytes
        }
        if (limit - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF) {
            pos += 3;
        }
    }

    /** Moves past the rest of the line that straddles the split start (starting at byte start - 1). */
    private void skipPartialLine() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return;
            }
            byte c = buf[pos++];
            if (c == '\n') {
                return;
            }
        }
    }

    DataFile file() {
        return file;
    }

    byte[] buf() {
        return buf;
    }

    int fields() {
        return fields;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int flags(int i) {
        return flags[i];
    }

    long bytesRead() {
        return bytesRead;
    }

    /** Reads the next record of the split; false at its end. */
    boolean next() {
        try {
            while (true) {
                if (pos >= limit && !fill()) {
                    return false;
                }
                recordOffset = bufOffset + pos;
                if (recordOffset >= end) {
                    return false;
                }
                byte c = buf[pos];
                if (c == '\n') {
                    pos++;
                    lines++;
                    continue;
                }
                if (c == '\r') {
                    if (pos + 1 >= limit && !eof) {
                        fill();
                        continue;
                    }
                    if (pos + 1 < limit && buf[pos + 1] == '\n') {
                        pos += 2;
                        lines++;
                        continue;
                    }
                }
                boolean isComment = hasComment && c == comment;
                int r = tokenize(pos, isComment);
                if (r == -1) {
                    fill(); // more input, or EOF noted: tokenize again
                    continue;
                }
                linesBefore = lines;
                lines += countLines;
                recordPos = pos;
                pos = r;
                if (isComment) {
                    continue;
                }
                return true;
            }
        } catch (IOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private int countLines;

    /**
     * Splits the record starting at {@code p} into fields; returns the position after it, or -1
     * when the buffer ends before the record does (and more input may follow).
     */
    private int tokenize(int p, boolean skipOnly) {
        int n = 0;
        int nl = 0;
        byte[] b = buf;
        int lim = limit;
        if (skipOnly) {
            while (p < lim && b[p] != '\n') {
                p++;
            }
            if (p >= lim && !eof) {
                return -1;
            }
            countLines = p < lim ? 1 : 0;
            fields = 0;
            return p < lim ? p + 1 : p;
        }
        while (true) {
            if (n == starts.length) {
                grow();
            }
            int flag = 0;
            int fs;
            int fe;
            if (hasQuote && p < lim && b[p] == quote) {
                flag = QUOTED;
                fs = p + 1;
                int q = fs;
                while (true) {
                    if (q >= lim) {
                        if (!eof) {
                            return -1;
                        }
                        flag |= BAD_QUOTES; // unterminated at end of file
                        break;
                    }
                    byte c = b[q];
                    if (c == quote) {
                        if (escape == quote) {
                            if (q + 1 >= lim && !eof) {
                                return -1;
                            }
                            if (q + 1 < lim && b[q + 1] == quote) {
                                q += 2;
                                flag |= ESCAPED;
                                continue;
                            }
                        }
                        break;
                    }
                    if (c == escape) {
                        if (q + 1 >= lim && !eof) {
                            return -1;
                        }
                        q += 2;
                        flag |= ESCAPED;
                        continue;
                    }
                    if (c == '\n') {
                        nl++;
                    }
                    q++;
                }
                fe = Math.min(q, lim);
                p = q + 1;
                // Anything between the closing quote and the delimiter is a defect of the record.
                while (p < lim && b[p] != delim && b[p] != '\n' && b[p] != '\r') {
                    flag |= BAD_QUOTES;
                    p++;
                }
                if (p >= lim && !eof) {
                    return -1;
                }
                if (p < lim && b[p] == '\r' && p + 1 < lim && b[p + 1] != '\n') {
                    flag |= BAD_QUOTES;
                }
            } else {
                int q = p;
                while (q < lim) {
                    byte c = b[q];
                    if (c == delim || c == '\n') {
                        break;
                    }
                    q++;
                }
                if (q >= lim && !eof) {
                    return -1;
                }
                fs = p;
                fe = q;
                if (fe > fs && b[fe - 1] == '\r' && (q >= lim || b[q] == '\n')) {
                    fe--;
                }
                p = q;
            }
            starts[n] = fs;
            ends[n] = fe;
            flags[n] = flag;
            n++;
            if (p >= lim) {
                fields = n;
                countLines = nl;
                return p;
            }
            if (b[p] == delim) {
                p++;
                continue;
            }
            if (b[p] == '\r') {
                p++;
                if (p >= lim) {
                    if (!eof) {
                        return -1;
                    }
                    fields = n;
                    countLines = nl + 1;
                    return p;
                }
            }
            if (b[p] == '\n') {
                fields = n;
                countLines = nl + 1;
                return p + 1;
            }
        }
    }

    private void grow() {
        int n = starts.length * 2;
        starts = java.util.Arrays.copyOf(starts, n);
        ends = java.util.Arrays.copyOf(ends, n);
        flags = java.util.Arrays.copyOf(flags, n);
    }

    /** Moves the unread bytes (from pos) to the front, reads more; false when nothing more came. */
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

    /** The field's bytes with quote escapes undone. */
    byte[] unescape(int i) {
        int s = starts[i];
        int e = ends[i];
        byte[] out = new byte[e - s];
        int n = 0;
        for (int k = s; k < e; k++) {
            byte c = buf[k];
            if ((c == escape || (c == quote && escape == quote)) && k + 1 < e) {
                out[n++] = buf[++k];
            } else {
                out[n++] = c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The field as text (escapes undone), for messages and inference. */
    String text(int i) {
        if ((flags[i] & ESCAPED) != 0) {
            return new String(unescape(i), StandardCharsets.UTF_8);
        }
        return new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    /** 1-based line of the current record's field {@code i} in the file. */
    long lineOf(int i) {
        long line = lineBase() + linesBefore + 1;
        int upTo = i < fields ? starts[i] : recordPos;
        for (int k = recordPos; k < upTo && k < limit; k++) {
            if (buf[k] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column (in characters) where field {@code i} starts on its line. */
    int columnOf(int i) {
        int at = i < fields ? starts[i] - ((flags[i] & QUOTED) != 0 ? 1 : 0) : recordPos;
        int lineStart = recordPos;
        for (int k = recordPos; k < at; k++) {
            if (buf[k] == '\n') {
                lineStart = k + 1;
            }
        }
        int col = 1;
        for (int k = lineStart; k < at; k++) {
            if ((buf[k] & 0xC0) != 0x80) {
                col++;
            }
        }
        return col;
    }

    /** Lines before the split: counted only when an error needs them. */
    private long lineBase() {
        if (lineBase >= 0) {
            return lineBase;
        }
        lineBase = 0;
        if (channel == null || splitStart == 0) {
            return lineBase;
        }
        long first = firstRecordOffset;
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.allocate(1 << 16);
            long read = 0;
            while (read < first) {
                bb.clear();
                bb.limit((int) Math.min(bb.capacity(), first - read));
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
        return lineBase;
    }

    private long firstRecordOffset;

    @Override
    public void close() {
        try {
            in.close();
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing a read-only file
        }
    }
}
