package dev.ember.engine;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.types.Schema;
import dev.ember.physical.scheduler.JobContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The batches a query returned, in partition order, held in the query's memory until closed.
 * Iterates as rows; closing frees the batches and everything else the query still held.
 */
public final class QueryResult implements Iterator<Row>, AutoCloseable {
    private final Schema schema;
    private final List<ColumnBatch> batches;
    private final JobContext job;
    private int batch;
    private int row;
    private boolean closed;

    QueryResult(Schema schema, List<ColumnBatch> batches, JobContext job) {
        this.schema = schema;
        this.batches = batches;
        this.job = job;
    }

    public Schema schema() {
        return schema;
    }

    public JobContext job() {
        return job;
    }

    public List<ColumnBatch> batches() {
        return batches;
    }

    public long rowCount() {
        long n = 0;
        for (ColumnBatch b : batches) {
            n += b.rowCount();
        }
        return n;
    }

    @Override
    public boolean hasNext() {
        while (batch < batches.size() && row >= batches.get(batch).rowCount()) {
            batch++;
            row = 0;
        }
        return batch < batches.size();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ColumnBatch b = batches.get(batch);
        Object[] values = new Object[schema.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = Values.get(b.vector(c), schema.type(c), row);
        }
        row++;
        return new Row(schema, values);
    }

    public List<Row> toList() {
        List<Row> out = new ArrayList<>();
        while (hasNext()) {
            out.add(next());
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        batches.forEach(ColumnBatch::close);
        batches.clear();
        job.close();
    }
}
