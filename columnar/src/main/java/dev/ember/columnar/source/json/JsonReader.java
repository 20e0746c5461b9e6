package dev.ember.columnar.source.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.file.FileSplit;
import dev.ember.columnar.source.file.LineReader;
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

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads JSON lines into batches: each line one object, its keys matched to columns by name
 * (case-insensitive), absent keys NULL, unknown keys ignored. A line that is not an object or
 * holds a value that does not read as its column's type is malformed, handled by {@code mode}
 * as for CSV.
 */
final class JsonReader implements BatchReader {
    private final LineReader lines;
    private final Schema outSchema;
    private final ReadContext ctx;
    private final JsonOptions o;
    private final Map<String, Integer> index = new HashMap<>();
    private ColumnBatch current;
    private ColumnBatch pending;
    private boolean done;
    private long bytesReported;

    JsonReader(FileSplit split, Schema dataSchema, int[] columns, ReadContext ctx, JsonOptions o) {
        this.ctx = ctx;
        this.o = o;
        this.outSchema = dataSchema.project(columns);
        for (int i = 0; i < outSchema.size(); i++) {
            index.putIfAbsent(outSchema.field(i).name().toLowerCase(Locale.ROOT), i);
        }
        this.lines = new LineReader(split);
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            pending = readBatch();
            done = pending == null;
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
        FieldVector[] vs = new FieldVector[outSchema.size()];
        try {
            for (int i = 0; i < vs.length; i++) {
                Field f = outSchema.field(i);
                vs[i] = Vectors.allocate(f.name(), f.type(), ctx.allocator(), capacity);
            }
            int row = 0;
            boolean[] seen = new boolean[vs.length];
            while (row < capacity && lines.next()) {
                if (JsonInference.isBlank(lines.buf(), lines.start(), lines.end())) {
                    continue;
                }
                java.util.Arrays.fill(seen, false);
                String problem = parseLine(vs, row, seen);
                for (int i = 0; i < vs.length; i++) {
                    if (!seen[i]) {
                        vs[i].setNull(row);
                    }
                }
                if (problem != null) {
                    if (o.mode() == JsonOptions.Mode.FAILFAST) {
                        throw new ExecutionException(ErrorClass.MALFORMED_RECORD, "malformed JSON record in "
                                + lines.file().path() + " at line " + lines.lineNumber() + ": " + problem
                                + " (mode FAILFAST; PERMISSIVE reads it as NULL, DROPMALFORMED skips the record)");
                    }
                    ctx.metrics().malformedRecords.increment();
                    if (o.mode() == JsonOptions.Mode.DROPMALFORMED) {
                        ctx.metrics().droppedRecords.increment();
                        continue;
                    }
                }
                row++;
            }
            long read = lines.bytesRead();
            ctx.metrics().bytesRead.add(read - bytesReported);
            bytesReported = read;
            if (row == 0) {
                closeAll(vs);
                return null;
            }
            if (vs.length == 0) {
                return ColumnBatch.ofRows(row);
            }
            return new ColumnBatch(outSchema, vs, row);
        } catch (RuntimeException e) {
            closeAll(vs);
            throw e;
        }
    }

    private static void closeAll(FieldVector[] vs) {
        for (FieldVector v : vs) {
            if (v != null) {
                v.close();
            }
        }
    }

    /** Parses the current line into {@code row}; returns what was wrong with it, or null. */
    private String parseLine(FieldVector[] vs, int row, boolean[] seen) {
        String problem = null;
        try (JsonParser p = JsonFormat.FACTORY.createParser(lines.buf(), lines.start(), lines.end() - lines.start())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                Integer i = index.get(p.currentName().toLowerCase(Locale.ROOT));
                JsonToken v = p.nextToken();
                if (i == null) {
                    p.skipChildren();
                    continue;
                }
                seen[i] = true;
                if (v == JsonToken.VALUE_NULL) {
                    vs[i].setNull(row);
                    continue;
                }
                try {
                    set(vs[i], outSchema.type(i), row, p, v);
                } catch (RuntimeException e) {
                    vs[i].setNull(row);
                    p.skipChildren();
                    if (problem == null) {
                        problem = "cannot read " + clip(p.getText()) + " as " + outSchema.type(i).sql() + " (key `"
                                + outSchema.field(i).name() + "`)";
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return problem != null ? problem : "trailing text after the object";
            }
        } catch (IOException e) {
            return "not valid JSON: " + firstLine(e.getMessage());
        }
        return problem;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String clip(String s) {
        return s == null ? "null" : s.length() > 40 ? "'" + s.substring(0, 40) + "...'" : "'" + s + "'";
    }

    private void set(FieldVector vec, DataType type, int row, JsonParser p, JsonToken t) throws IOException {
        boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
        boolean text = t == JsonToken.VALUE_STRING;
        switch (type) {
            case DataType.StringType s -> {
                String v;
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    StringWriter w = new StringWriter();
                    try (JsonGenerator g = JsonFormat.FACTORY.createGenerator(w)) {
                        g.copyCurrentStructure(p);
                    }
                    v = w.toString();
                } else {
                    v = p.getText();
                }
                ((VarCharVector) vec).setSafe(row, v.getBytes(StandardCharsets.UTF_8));
            }
            case DataType.BooleanType b -> {
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    ((BitVector) vec).set(row, t == JsonToken.VALUE_TRUE ? 1 : 0);
                } else {
                    byte[] bs = scalar(p, t, text);
                    ((BitVector) vec).set(row, TextValues.parseBoolean(bs, 0, bs.length) ? 1 : 0);
                }
            }
            case DataType.IntType i -> {
                long v = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : parseLong(scalar(p, t, text));
                if (v != (int) v) {
                    throw new NumberFormatException("out of INT range");
                }
                ((IntVector) vec).set(row, (int) v);
            }
            case DataType.BigIntType i -> ((BigIntVector) vec).set(row,
                    t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : parseLong(scalar(p, t, text)));
            case DataType.DoubleType d -> ((Float8Vector) vec).set(row, number ? p.getDoubleValue()
                    : parseDouble(scalar(p, t, text)));
            case DataType.DecimalType d -> {
                BigDecimal v = (number ? p.getDecimalValue() : new BigDecimal(new String(scalar(p, t, text),
                        StandardCharsets.UTF_8).trim())).setScale(d.scale(), RoundingMode.HALF_UP);
                if (v.precision() > d.precision() && v.signum() != 0) {
                    throw new NumberFormatException("too many digits");
                }
                if (d.isLong()) {
                    ((BigIntVector) vec).set(row, v.unscaledValue().longValueExact());
                } else {
                    ((DecimalVector) vec).setSafe(row, v);
                }
            }
            case DataType.DateType d -> {
                byte[] bs = scalar(p, t, text);
                ((DateDayVector) vec).set(row, TextValues.parseDate(bs, 0, bs.length, o.dateFormat()));
            }
            case DataType.TimestampType ts -> ((TimeStampMicroVector) vec).set(row,
                    TextValues.parseTimestamp(p.getText(), o.timestampFormat()));
            case DataType.NullType n -> vec.setNull(row);
        }
    }

    private static byte[] scalar(JsonParser p, JsonToken t, boolean text) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            throw new NumberFormatException("an object or array");
        }
        return p.getText().trim().getBytes(StandardCharsets.UTF_8);
    }

    private static long parseLong(byte[] b) {
        return TextValues.parseLong(b, 0, b.length);
    }

    private static double parseDouble(byte[] b) {
        return TextValues.parseDouble(b, 0, b.length);
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
        lines.close();
    }
}
