package dev.ember.columnar.source.csv;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.file.FileSplit;
import dev.ember.columnar.source.file.ReadContext;
import dev.ember.columnar.source.file.TextValues;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

import java.util.NoSuchElementException;

/**
 * Reads one split of a CSV file into batches of the requested columns, converting each field
 * straight from the file's bytes. A record that does not fit the schema (a field that does not
 * parse, too few or too many fields, a stray quote) is malformed: PERMISSIVE keeps it with NULL
 * in the fields that failed, DROPMALFORMED drops it, FAILFAST stops with an error naming the
 * file, line, column and field. Only requested columns are parsed, so a bad value in a column
 * the query does not read goes unnoticed (as in Spark).
 */
final class CsvReader implements BatchReader {
    private final CsvTokenizer tok;
    private final CsvOptions o;
    private final Schema dataSchema;
    private final int[] columns;
    private final Schema outSchema;
    private final ReadContext ctx;
    private final Converter[] converters;
    private final byte[] nullBytes;
    private final int expectedFields;
    /** Columns not read but checked, so that DROPMALFORMED and FAILFAST do not depend on the projection. */
    private final int[] unread;
    private ColumnBatch current;
    private ColumnBatch pending;
    private boolean done;
    private long bytesReported;

    CsvReader(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx, CsvOptions o) {
        this.o = o;
        this.dataSchema = dataSchema;
        this.columns = columns;
        this.ctx = ctx;
        this.outSchema = dataSchema.project(columns);
        this.nullBytes = o.nullBytes();
        this.expectedFields = dataSchema.size();
        this.converters = new Converter[columns.length];
        for (int i = 0; i < columns.length; i++) {
            converters[i] = converter(dataSchema.type(columns[i]));
        }
        java.util.List<Integer> rest = new java.util.ArrayList<>();
        if (o.mode() != CsvOptions.Mode.PERMISSIVE) {
            for (int c = 0; c < dataSchema.size(); c++) {
                int col = c;
                if (java.util.Arrays.stream(columns).noneMatch(x -> x == col) && !(dataSchema.type(c) instanceof DataType.StringType)) {
                    rest.add(c);
                }
            }
        }
        this.unread = rest.stream().mapToInt(Integer::intValue).toArray();
        this.tok = new CsvTokenizer(split.file(), split.start(), split.length(), o);
        if (split.start() == 0 && o.header()) {
            tok.next();
        }
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            pending = readBatch();
            if (pending == null) {
                done = true;
            }
        }
        return pending != null;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (current != null) {
            current.close();
        }
        current = pending;
        pending = null;
        return current;
    }

    private ColumnBatch readBatch() {
        int capacity = ctx.batchSize();
        FieldVector[] vs = new FieldVector[columns.length];
        try {
            for (int i = 0; i < columns.length; i++) {
                Field f = outSchema.field(i);
                vs[i] = Vectors.allocate(f.name(), f.type(), ctx.allocator(), capacity);
            }
            int row = 0;
            while (row < capacity && tok.next()) {
                if (readRecord(vs, row)) {
                    row++;
                }
            }
            long read = tok.bytesRead();
            ctx.metrics().bytesRead.add(read - bytesReported);
            bytesReported = read;
            if (row == 0) {
                closeAll(vs);
                return null;
            }
            return columns.length == 0 ? withoutColumns(vs, row) : new ColumnBatch(outSchema, vs, row);
        } catch (RuntimeException e) {
            closeAll(vs);
            throw e;
        }
    }

    private static ColumnBatch withoutColumns(FieldVector[] vs, int rows) {
        closeAll(vs);
        return ColumnBatch.ofRows(rows);
    }

    private static void closeAll(FieldVector[] vs) {
        for (FieldVector v : vs) {
            if (v != null) {
                v.close();
            }
        }
    }

    /** Converts the current record into row {@code row}; false when it is dropped. */
    private boolean readRecord(FieldVector[] vs, int row) {
        int n = tok.fields();
        boolean malformed = false;
        int extra = n - expectedFields;
        if (extra != 0 && !(extra == 1 && tok.end(n - 1) == tok.start(n - 1) && (tok.flags(n - 1) & CsvTokenizer.QUOTED) == 0)) {
            // A single empty field after the last one is a trailing delimiter (TPC-H .tbl); anything else is malformed.
            if (o.mode() == CsvOptions.Mode.FAILFAST) {
                throw malformed(Math.min(n, expectedFields), "expected " + expectedFields + " fields, found " + n, null);
            }
            malformed = true;
        }
        byte[] buf = tok.buf();
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            if (c >= n) {
                vs[i].setNull(row);
                continue;
            }
            int flags = tok.flags(c);
            if ((flags & CsvTokenizer.BAD_QUOTES) != 0) {
                if (o.mode() == CsvOptions.Mode.FAILFAST) {
                    throw malformed(c, "unbalanced quotes", dataSchema.field(c));
                }
                malformed = true;
                vs[i].setNull(row);
                continue;
            }
            int s = tok.start(c);
            int e = tok.end(c);
            if ((flags & CsvTokenizer.QUOTED) == 0 && equalsNull(buf, s, e)) {
                vs[i].setNull(row);
                continue;
            }
            try {
                if ((flags & CsvTokenizer.ESCAPED) != 0) {
                    byte[] u = tok.unescape(c);
                    converters[i].set(vs[i], row, u, 0, u.length);
                } else {
                    converters[i].set(vs[i], row, buf, s, e);
                }
            } catch (RuntimeException ex) {
                if (o.mode() == CsvOptions.Mode.FAILFAST) {
                    throw malformed(c, "cannot read '" + clip(tok.text(c)) + "' as " + dataSchema.type(c).sql(), dataSchema.field(c));
                }
                malformed = true;
                vs[i].setNull(row);
            }
        }
        for (int c : unread) {
            if (malformed || c >= n) {
                break;
            }
            if ((tok.flags(c) & CsvTokenizer.BAD_QUOTES) != 0) {
                if (o.mode() == CsvOptions.Mode.FAILFAST) {
                    throw malformed(c, "unbalanced quotes", dataSchema.field(c));
                }
                malformed = true;
            } else if (!((tok.flags(c) & CsvTokenizer.QUOTED) == 0 && equalsNull(buf, tok.start(c), tok.end(c)))) {
                try {
                    check(dataSchema.type(c), buf, tok.start(c), tok.end(c));
                } catch (RuntimeException ex) {
                    if (o.mode() == CsvOptions.Mode.FAILFAST) {
                        throw malformed(c, "cannot read '" + clip(tok.text(c)) + "' as " + dataSchema.type(c).sql(),
                                dataSchema.field(c));
                    }
                    malformed = true;
                }
            }
        }
        if (malformed) {
            ctx.metrics().malformedRecords.increment();
            if (o.mode() == CsvOptions.Mode.DROPMALFORMED) {
                ctx.metrics().droppedRecords.increment();
                return false;
            }
        }
        return true;
    }

    /** Parses a field of a column that is not read, only to know whether it is well formed. */
    private void check(DataType type, byte[] b, int s, int e) {
        int[] r = trim(b, s, e);
        if (r == null) {
            return;
        }
        switch (type) {
            case DataType.IntType t -> TextValues.parseInt(b, r[0], r[1]);
            case DataType.BigIntType t -> TextValues.parseLong(b, r[0], r[1]);
            case DataType.DoubleType t -> TextValues.parseDouble(b, r[0], r[1]);
            case DataType.DecimalType d -> TextValues.parseBigDecimal(b, r[0], r[1], d.precision(), d.scale());
            case DataType.DateType t -> TextValues.parseDate(b, r[0], r[1], o.dateFormat());
            case DataType.TimestampType t -> TextValues.parseTimestamp(b, r[0], r[1], o.timestampFormat());
            case DataType.BooleanType t -> TextValues.parseBoolean(b, r[0], r[1]);
            default -> {
            }
        }
    }

    private boolean equalsNull(byte[] buf, int s, int e) {
        if (e - s != nullBytes.length) {
            return false;
        }
        for (int k = 0; k < nullBytes.length; k++) {
            if (buf[s + k] != nullBytes[k]) {
                return false;
            }
        }
        return true;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private ExecutionException malformed(int field, String what, Field f) {
        return new ExecutionException(ErrorClass.MALFORMED_RECORD, "malformed CSV record in " + tok.file().path()
                + " at line " + tok.lineOf(field) + ", column " + tok.columnOf(field)
                + (f == null ? "" : " (field " + (field + 1) + ", `" + f.name() + "`)") + ": " + what
                + " (mode FAILFAST; PERMISSIVE reads it as NULL, DROPMALFORMED skips the record)");
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        if (pending != null) {
            pending.close();
            pending = null;
        }
        tok.close();
    }

    /** Writes one field's bytes into a vector; throws on text that is not a value of its type. */
    interface Converter {
        void set(FieldVector v, int row, byte[] b, int s, int e);
    }

    private Converter converter(DataType type) {
        return switch (type) {
            case DataType.StringType t -> (v, row, b, s, e) -> ((VarCharVector) v).setSafe(row, b, s, e - s);
            case DataType.IntType t -> (v, row, b, s, e) -> {
                int[] r = trim(b, s, e);
                if (r == null) {
                    v.setNull(row);
                } else {
                    ((IntVector) v).set(row, TextValues.parseInt(b, r[0], r[1]));
                }
            };
            case DataType.BigIntType t -> (v, row, b, s, e) -> {
                int[] r = trim(b, s, e);
                if (r == null) {
                    v.setNull(row);
                } else {
                    ((BigIntVector) v).set(row, TextValues.parseLong(b, r[0], r[1]));
                }
            };
            case DataType.DoubleType t -> (v, row, b, s, e) -> {
                int[] r = trim(b, s, e);
                if (r == null) {
                    v.setNull(row);
                } else {
                    ((Float8Vector) v).set(row, TextValues.parseDouble(b, r[0], r[1]));
                }
            };
            case DataType.DecimalType d -> d.isLong()
                    ? (v, row, b, s, e) -> {
                        int[] r = trim(b, s, e);
                        if (r == null) {
                            v.setNull(row);
                        } else {
                            ((BigIntVector) v).set(row, TextValues.parseDecimal(b, r[0], r[1], d.precision(), d.scale()));
                        }
                    }
                    : (v, row, b, s, e) -> {
                        int[] r = trim(b, s, e);
                        if (r == null) {
                            v.setNull(row);
                        } else {
                            ((DecimalVector) v).setSafe(row, TextValues.parseBigDecimal(b, r[0], r[1], d.precision(), d.scale()));
                        }
                    };
            case DataType.DateType t -> (v, row, b, s, e) -> {
                int[] r = trim(b, s, e);
                if (r == null) {
                    v.setNull(row);
                } else {
                    ((DateDayVector) v).set(row, TextValues.parseDate(b, r[0], r[1], o.dateFormat()));
                }
            };
            case DataType.TimestampType t -> (v, row, b, s, e) -> {
                int[] r = trim(b, s, e);
                if (r == null) {
                    v.setNull(row);
                } else {
                    ((TimeStampMicroVector) v).set(row, TextValues.parseTimestamp(b, r[0], r[1], o.timestampFormat()));
                }
            };
            case DataType.BooleanType t -> (v, row, b, s, e) -> {
                int[] r = trim(b, s, e);
                if (r == null) {
                    v.setNull(row);
                } else {
                    ((BitVector) v).set(row, TextValues.parseBoolean(b, r[0], r[1]) ? 1 : 0);
                }
            };
            case DataType.NullType t -> (v, row, b, s, e) -> v.setNull(row);
        };
    }

    private final int[] range = new int[2];

    /** The field without surrounding blanks, or null when nothing is left (a NULL). */
    private int[] trim(byte[] b, int s, int e) {
        while (s < e && TextValues.isSpace(b[s])) {
            s++;
        }
        while (e > s && TextValues.isSpace(b[e - 1])) {
            e--;
        }
        if (s == e) {
            return null;
        }
        range[0] = s;
        range[1] = e;
        return range;
    }
}
