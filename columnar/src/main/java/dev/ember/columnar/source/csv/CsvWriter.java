package dev.ember.columnar.source.csv;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.file.FileWriter;
import dev.ember.columnar.source.file.TextValues;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes rows as CSV text (UTF-8, '\n' line ends). Strings are quoted when they hold the
 * delimiter, a quote or a line break, are empty, or equal the null value (so
 * the empty string reads back as "" and NULL as NULL); quotes are escaped by doubling unless
 * {@code escape} says otherwise. Numbers and dates are written in the forms the reader reads.
 */
final class CsvWriter implements FileWriter {
    private final OutputStream out;
    private final Schema schema;
    private final CsvOptions o;
    private final byte[] nullBytes;
    private byte[] scratch = new byte[256];

    CsvWriter(Path file, Schema schema, CsvOptions o) throws IOException {
        this.schema = schema;
        this.o = o;
        this.nullBytes = o.nullBytes();
        OutputStream raw = Files.newOutputStream(file);
        this.out = new BufferedOutputStream(o.gzipOutput() ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16);
        if (o.header()) {
            for (int c = 0; c < schema.size(); c++) {
                if (c > 0) {
                    out.write(o.delimiter());
                }
                byte[] name = schema.field(c).name().getBytes(StandardCharsets.UTF_8);
                writeString(name, 0, name.length);
            }
            if (o.trailingDelimiter()) {
                out.write(o.delimiter());
            }
            out.write('\n');
        }
    }

    @Override
    public void write(ColumnBatch batch) throws IOException {
        int n = batch.rowCount();
        int cols = schema.size();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    out.write(o.delimiter());
                }
                writeValue(batch.vector(c), schema.type(c), r);
            }
            if (o.trailingDelimiter()) {
                out.write(o.delimiter());
            }
            out.write('\n');
        }
    }

    private void writeValue(FieldVector v, DataType type, int r) throws IOException {
        if (v.isNull(r)) {
            out.write(nullBytes);
            return;
        }
        switch (type) {
            case DataType.StringType t -> {
                VarCharVector s = (VarCharVector) v;
                int start = s.getStartOffset(r);
                int len = s.getEndOffset(r) - start;
                if (scratch.length < len) {
                    scratch = new byte[Math.max(len, scratch.length * 2)];
                }
                ArrowBuf data = s.getDataBuffer();
                data.getBytes(start, scratch, 0, len);
                writeString(scratch, 0, len);
            }
            case DataType.IntType t -> ascii(Integer.toString(((IntVector) v).get(r)));
            case DataType.BigIntType t -> ascii(Long.toString(((BigIntVector) v).get(r)));
            case DataType.DoubleType t -> ascii(Double.toString(((Float8Vector) v).get(r)));
            case DataType.DecimalType d -> ascii(d.isLong() ? TextValues.formatDecimal(((BigIntVector) v).get(r), d.scale())
                    : ((DecimalVector) v).getObject(r).toPlainString());
            case DataType.DateType t -> ascii(TextValues.formatDate(((DateDayVector) v).get(r), o.dateFormat()));
            case DataType.TimestampType t -> ascii(TextValues.formatTimestamp(((TimeStampMicroVector) v).get(r),
                    o.timestampFormat()));
            case DataType.BooleanType t -> ascii(((BitVector) v).get(r) == 1 ? "true" : "false");
            case DataType.NullType t -> out.write(nullBytes);
        }
    }

    private void ascii(String s) throws IOException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            out.write(s.charAt(i));
        }
    }

    private void writeString(byte[] b, int from, int len) throws IOException {
        byte delim = (byte) o.delimiter();
        byte quote = (byte) o.quote();
        byte escape = (byte) o.escape();
        // Blanks around a string need no quotes: readers keep them (only non-strings are trimmed).
        boolean needs = o.quoteAll() || len == 0 || equalsNull(b, from, len)
                || (o.comment() != '\0' && b[from] == (byte) o.comment());
        for (int i = from; !needs && i < from + len; i++) {
            byte c = b[i];
            needs = c == delim || c == quote || c == '\n' || c == '\r' || c == escape;
        }
        if (!needs || o.quote() == '\0') {
            out.write(b, from, len);
            return;
        }
        out.write(quote);
        for (int i = from; i < from + len; i++) {
            byte c = b[i];
            if (c == quote || c == escape) {
                out.write(escape);
            }
            out.write(c);
        }
        out.write(quote);
    }

    private boolean equalsNull(byte[] b, int from, int len) {
        if (len != nullBytes.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[from + i] != nullBytes[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
