package dev.ember.columnar.source.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.source.file.FileWriter;
import dev.ember.columnar.source.file.TextValues;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Schema;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one JSON object per line: numbers as JSON numbers (decimals exactly), dates as
 * {@code "yyyy-MM-dd"}, timestamps as {@code "yyyy-MM-ddTHH:mm:ss[.ffffff]"}; NULL fields are left
 * out unless {@code ignoreNullFields} is false (as in Spark).
 */
final class JsonWriter implements FileWriter {
    private final Schema schema;
    private final JsonOptions o;
    private final OutputStream out;
    private final JsonGenerator g;

    JsonWriter(Path file, Schema schema, JsonOptions o) throws IOException {
        this.schema = schema;
        this.o = o;
        OutputStream raw = Files.newOutputStream(file);
        this.out = new BufferedOutputStream(o.gzipOutput() ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16);
        this.g = JsonFormat.FACTORY.createGenerator(out);
        g.setRootValueSeparator(null);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    @Override
    public void write(ColumnBatch batch) throws IOException {
        for (int r = 0; r < batch.rowCount(); r++) {
            g.writeStartObject();
            for (int c = 0; c < schema.size(); c++) {
                FieldVector v = batch.vector(c);
                if (v.isNull(r)) {
                    if (!o.ignoreNullFields()) {
                        g.writeNullField(schema.field(c).name());
                    }
                    continue;
                }
                g.writeFieldName(schema.field(c).name());
                switch (schema.type(c)) {
                    case DataType.StringType t -> {
                        byte[] b = ((VarCharVector) v).get(r);
                        g.writeString(new String(b, StandardCharsets.UTF_8));
                    }
                    case DataType.IntType t -> g.writeNumber(((IntVector) v).get(r));
                    case DataType.BigIntType t -> g.writeNumber(((BigIntVector) v).get(r));
                    case DataType.DoubleType t -> {
                        double d = ((Float8Vector) v).get(r);
                        if (Double.isFinite(d)) {
                            g.writeNumber(d);
                        } else {
                            g.writeString(Double.toString(d));
                        }
                    }
                    case DataType.DecimalType d -> g.writeNumber(d.isLong()
                            ? BigDecimal.valueOf(((BigIntVector) v).get(r), d.scale()) : ((DecimalVector) v).getObject(r));
                    case DataType.BooleanType t -> g.writeBoolean(((BitVector) v).get(r) == 1);
                    case DataType.DateType t -> g.writeString(TextValues.formatDate(((DateDayVector) v).get(r), o.dateFormat()));
                    case DataType.TimestampType t -> {
                        long micros = ((TimeStampMicroVector) v).get(r);
                        g.writeString(o.timestampFormat() != null ? TextValues.formatTimestamp(micros, o.timestampFormat())
                                : TextValues.formatTimestamp(micros, null).replace(' ', 'T'));
                    }
                    case DataType.NullType t -> g.writeNull();
                }
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    @Override
    public void close() throws IOException {
        g.close();
        out.close();
    }
}
