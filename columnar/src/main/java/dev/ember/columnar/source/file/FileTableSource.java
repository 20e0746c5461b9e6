package dev.ember.columnar.source.file;

import dev.ember.columnar.ColumnBatch;
import dev.ember.columnar.Values;
import dev.ember.columnar.Vectors;
import dev.ember.columnar.source.BatchReader;
import dev.ember.columnar.source.PushedPredicate;
import dev.ember.columnar.source.ScanMetrics;
import dev.ember.columnar.source.TableSource;
import dev.ember.columnar.source.TableStatistics;
import dev.ember.columnar.source.ValueRange;
import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A table over files of one format: a file, a folder, Hive partition folders or a glob. Its
 * schema is the files' columns followed by the partition columns. The files are listed and cut
 * into splits once, when the table is opened; splits are packed, in file order, into partitions
 * that the scheduler reads in parallel (one task each).
 *
 * <p>{@link #pushFilters} returns a view that skips the splits the predicates rule out: whole
 * files by their partition values, Parquet row groups by their statistics. Both share one
 * {@link ScanMetrics}.
 */
public final class FileTableSource implements TableSource {
    /** Options every format understands when reading. */
    public static final Set<String> COMMON_OPTIONS = Set.of("path", "paths", "pathGlobFilter", "partitionBy",
            "compression", "primaryKey");

    private final String name;
    private final FileFormat format;
    private final SourceOptions options;
    private final Schema dataSchema;
    private final Schema partitionSchema;
    private final Schema schema;
    private final List<DataFile> files;
    private final List<FileSplit> allSplits;
    private final List<FileSplit> splits;
    private final List<List<FileSplit>> partitions;
    private final List<PushedPredicate> pushed;
    private final ScanSettings settings;
    private final ScanMetrics metrics;

    private FileTableSource(String name, FileFormat format, SourceOptions options, Schema dataSchema, Schema partitionSchema,
                            List<DataFile> files, List<FileSplit> allSplits, List<FileSplit> splits,
                            List<PushedPredicate> pushed, ScanSettings settings, ScanMetrics metrics) {
        this.name = name;
        this.format = format;
        this.options = options;
        this.dataSchema = dataSchema;
        this.partitionSchema = partitionSchema;
        this.schema = dataSchema.concat(partitionSchema);
        this.files = List.copyOf(files);
        this.allSplits = List.copyOf(allSplits);
        this.splits = List.copyOf(splits);
        this.pushed = List.copyOf(pushed);
        this.settings = settings;
        this.metrics = metrics;
        this.partitions = pack(this.splits, settings.maxSplitBytes(totalBytes(this.allSplits)), settings.openCostInBytes());
    }

    /**
     * Opens the table named {@code name} whose files {@code options} point at ({@code path}, or
     * {@code paths} separated by commas). {@code userSchema} (null to infer or read it from the
     * files) names the columns; partition columns found in folders are added unless it names them.
     */
    public static FileTableSource open(String name, FileFormat format, Schema userSchema, SourceOptions options,
                                       ScanSettings settings) {
        Set<String> known = new HashSet<>(COMMON_OPTIONS);
        known.addAll(format.readOptions());
        // A table's options serve its reads and its writes (INSERT): writing options are accepted here.
        known.addAll(format.writeOptions());
        known.addAll(FileWrites.COMMON_OPTIONS);
        options.checkKnown(known, format.name() + " tables");
        List<String> paths = paths(options);
        FileListing.Listing listing = FileListing.list(paths, options.get("pathGlobFilter"));
        return create(name, format, userSchema, options, settings, listing, new ScanMetrics());
    }

    static List<String> paths(SourceOptions options) {
        List<String> paths = new ArrayList<>();
        if (options.has("path")) {
            paths.add(options.get("path"));
        }
        if (options.has("paths")) {
            for (String p : options.get("paths").split(",")) {
                if (!p.isBlank()) {
                    paths.add(p.trim());
                }
            }
        }
        if (paths.isEmpty()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "a file table needs OPTIONS (path '...')");
        }
        return paths;
    }

    private static FileTableSource create(String name, FileFormat format, Schema userSchema, SourceOptions options,
                                          ScanSettings settings, FileListing.Listing listing, ScanMetrics metrics) {
        Schema partitionSchema = listing.partitionSchema();
        List<DataFile> files = listing.files();
        Schema dataSchema;
        if (userSchema != null && userSchema.size() > 0) {
            // Columns the user names that are partition folders come from the folders.
            List<Field> data = new ArrayList<>();
            for (Field f : userSchema.fields()) {
                if (partitionSchema.indexOf(f.name()) < 0) {
                    data.add(f);
                }
            }
            dataSchema = new Schema(data);
            List<Field> parts = new ArrayList<>();
            for (Field p : partitionSchema.fields()) {
                int i = userSchema.indexOf(p.name());
                parts.add(i >= 0 ? new Field(p.name(), userSchema.type(i), true) : p);
            }
            if (!parts.equals(partitionSchema.fields())) {
                partitionSchema = new Schema(parts);
                files = retype(files, partitionSchema);
            }
        } else {
            if (files.isEmpty()) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "cannot infer the columns of " + format.name()
                        + " table `" + name + "`: no files in " + paths(options) + "; name the columns");
            }
            dataSchema = format.inferSchema(files, options);
            List<Field> parts = new ArrayList<>();
            for (Field p : partitionSchema.fields()) {
                if (dataSchema.indexOf(p.name()) < 0) {
                    parts.add(p);
                }
            }
            if (parts.size() != partitionSchema.size()) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "partition folders of `" + name
                        + "` repeat a column of its files: " + partitionSchema.names());
            }
        }
        long total = 0;
        for (DataFile f : files) {
            total += f.size() + settings.openCostInBytes();
        }
        long maxSplit = settings.maxSplitBytes(total);
        List<FileSplit> splits = new ArrayList<>();
        for (DataFile f : files) {
            splits.addAll(format.split(f, options, maxSplit));
        }
        FileTableSource t = new FileTableSource(name, format, options, dataSchema, partitionSchema, files, splits, splits,
                List.of(), settings, metrics);
        t.primaryKeys();
        return t;
    }

    private static List<DataFile> retype(List<DataFile> files, Schema partitionSchema) {
        List<DataFile> out = new ArrayList<>();
        for (DataFile f : files) {
            List<Object> vs = new ArrayList<>();
            for (int i = 0; i < partitionSchema.size(); i++) {
                Object v = f.partitionValues().get(i);
                vs.add(v == null ? null : FileListing.parse(v.toString(), partitionSchema.type(i)));
            }
            out.add(new DataFile(f.path(), f.size(), f.modifiedMillis(), vs));
        }
        return out;
    }

    /** The same table re-listed (after an INSERT wrote new files), with the same metrics. */
    public FileTableSource refresh() {
        FileListing.Listing listing = FileListing.list(paths(options), options.get("pathGlobFilter"));
        return create(name, format, schema, options, settings, listing, metrics);
    }

    private static long totalBytes(List<FileSplit> splits) {
        long t = 0;
        for (FileSplit s : splits) {
            t += s.length();
        }
        return t;
    }

    /** Splits packed into partitions in order, each up to {@code maxBytes} (a split alone may exceed it). */
    private static List<List<FileSplit>> pack(List<FileSplit> splits, long maxBytes, long openCost) {
        List<List<FileSplit>> out = new ArrayList<>();
        List<FileSplit> current = new ArrayList<>();
        long bytes = 0;
        for (FileSplit s : splits) {
            long cost = s.length() + openCost;
            if (!current.isEmpty() && bytes + cost > maxBytes) {
                out.add(List.copyOf(current));
                current.clear();
                bytes = 0;
            }
            current.add(s);
            bytes += cost;
        }
        if (!current.isEmpty()) {
            out.add(List.copyOf(current));
        }
        return List.copyOf(out);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    public FileFormat format() {
        return format;
    }

    public SourceOptions options() {
        return options;
    }

    public Schema dataSchema() {
        return dataSchema;
    }

    public Schema partitionSchema() {
        return partitionSchema;
    }

    public List<DataFile> files() {
        return files;
    }

    /** The splits this view reads (after pruning). */
    public List<FileSplit> splits() {
        return splits;
    }

    public List<PushedPredicate> pushedPredicates() {
        return pushed;
    }

    public ScanMetrics metrics() {
        return metrics;
    }

    public ScanSettings settings() {
        return settings;
    }

    /** The folders or files the table reads, as given. */
    public List<String> paths() {
        return paths(options);
    }

    @Override
    public int numPartitions() {
        return Math.max(1, partitions.size());
    }

    @Override
    public TableStatistics statistics() {
        return rawStatistics().withUniqueKeys(primaryKeys());
    }

    /**
     * The columns named by the {@code primaryKey} option ({@code 'a,b'}; several keys separated by
     * ';'): informational, as Spark's {@code RELY} constraints, never checked; the optimizer uses
     * them to estimate joins.
     */
    private List<int[]> primaryKeys() {
        String spec = options.get("primaryKey");
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        List<int[]> keys = new ArrayList<>();
        for (String key : spec.split(";")) {
            String[] cols = key.split(",");
            int[] idx = new int[cols.length];
            for (int i = 0; i < cols.length; i++) {
                idx[i] = schema.indexOf(cols[i].trim());
                if (idx[i] < 0) {
                    throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "primaryKey column `" + cols[i].trim()
                            + "` is not a column of `" + name + "` " + schema.names());
                }
            }
            keys.add(idx);
        }
        return keys;
    }

    private TableStatistics rawStatistics() {
        long bytes = totalBytes(splits);
        boolean known = true;
        long rows = 0;
        for (FileSplit s : splits) {
            known &= s.rows() >= 0;
            rows += Math.max(0, s.rows());
        }
        if (known) {
            long allBytes = Math.max(1, totalBytes(allSplits));
            // Columnar files are smaller than their rows in memory: estimate from the row width.
            long memory = Math.max(bytes, rows * rowWidth());
            return TableStatistics.of(rows, splits.size() == allSplits.size() ? memory : memory * bytes / allBytes, true);
        }
        long text = 0;
        for (FileSplit s : splits) {
            text += s.file().gzipped() ? s.length() * 4 : s.length();
        }
        return TableStatistics.of(Math.max(1, text / textWidth()), text, false);
    }

    private long rowWidth() {
        long w = 0;
        for (DataType t : schema.types()) {
            w += t.fixedWidth() < 0 ? 24 : t.fixedWidth();
        }
        return Math.max(1, w);
    }

    private long textWidth() {
        long w = 1;
        for (DataType t : dataSchema.types()) {
            w += switch (t) {
                case DataType.IntType i -> 6;
                case DataType.BigIntType b -> 10;
                case DataType.DecimalType d -> Math.min(d.precision(), 12) + 2;
                case DataType.DateType d -> 11;
                case DataType.TimestampType ts -> 20;
                case DataType.BooleanType b -> 5;
                case DataType.DoubleType d -> 12;
                default -> 24;
            };
        }
        return w;
    }

    @Override
    public TableSource pushFilters(List<PushedPredicate> predicates) {
        List<PushedPredicate> onPartitions = new ArrayList<>();
        List<PushedPredicate> onData = new ArrayList<>();
        for (PushedPredicate p : predicates) {
            if (p.column() < 0 || p.column() >= schema.size()) {
                continue;
            }
            if (p.column() >= dataSchema.size()) {
                onPartitions.add(new PushedPredicate(p.column() - dataSchema.size(), p.op(), p.values()));
            } else {
                onData.add(p);
            }
        }
        if (onPartitions.isEmpty() && onData.isEmpty()) {
            return this;
        }
        List<FileSplit> kept = new ArrayList<>();
        Set<DataFile> keptFiles = new LinkedHashSet<>();
        Set<DataFile> seenFiles = new LinkedHashSet<>();
        long rowGroupsKept = 0;
        long rowGroupsPruned = 0;
        boolean parquet = format.name().equals("parquet");
        for (FileSplit s : splits) {
            seenFiles.add(s.file());
            List<Object> pv = s.file().partitionValues();
            boolean keep = ValueRange.mayMatchAll(onPartitions, i -> ValueRange.constant(pv.get(i), -1), partitionSchema::type)
                    && format.mayMatch(s, dataSchema, onData);
            if (keep) {
                kept.add(s);
                keptFiles.add(s.file());
            }
            if (parquet) {
                if (keep) {
                    rowGroupsKept++;
                } else {
                    rowGroupsPruned++;
                }
            }
        }
        metrics.filesPruned.add(seenFiles.size() - keptFiles.size());
        metrics.rowGroupsPruned.add(rowGroupsPruned);
        metrics.rowGroupsSelected.add(rowGroupsKept);
        List<PushedPredicate> all = new ArrayList<>(pushed);
        all.addAll(predicates);
        return new FileTableSource(name, format, options, dataSchema, partitionSchema, files, allSplits, kept, all,
                settings, metrics);
    }

    /** {@code 3 of 12 splits (pushed: l_shipdate >= 1998-09-01)}, for EXPLAIN. */
    public String describePruning() {
        StringBuilder sb = new StringBuilder(format.name()).append(' ').append(files.size()).append(files.size() == 1 ? " file, " : " files, ")
                .append(splits.size()).append(" of ").append(allSplits.size()).append(" splits");
        if (!pushed.isEmpty()) {
            sb.append(", pushed: ").append(String.join(" AND ", pushed.stream().map(p -> p.describe(schema)).toList()));
        }
        return sb.toString();
    }

    @Override
    public BatchReader open(int partition, int[] columns, BufferAllocator allocator) {
        List<FileSplit> mine = partition < partitions.size() ? partitions.get(partition) : List.of();
        return new PartitionReader(mine, columns, allocator);
    }

    @Override
    public String toString() {
        return name + " (" + describePruning() + ")";
    }

    /** Reads the splits of one partition one after another, adding partition columns as constants. */
    private final class PartitionReader implements BatchReader {
        private final List<FileSplit> splits;
        private final int[] columns;
        private final BufferAllocator allocator;
        private final int[] dataColumns;
        /** For each output column: index into the data batch, or -(partition column + 1). */
        private final int[] sources;
        private final Schema outSchema;
        private int next;
        private BatchReader current;
        private final List<FieldVector> constants = new ArrayList<>();

        PartitionReader(List<FileSplit> splits, int[] columns, BufferAllocator allocator) {
            this.splits = splits;
            this.columns = columns;
            this.allocator = allocator;
            this.outSchema = schema.project(columns);
            List<Integer> data = new ArrayList<>();
            sources = new int[columns.length];
            for (int i = 0; i < columns.length; i++) {
                int c = columns[i];
                if (c < dataSchema.size()) {
                    int at = data.indexOf(c);
                    if (at < 0) {
                        at = data.size();
                        data.add(c);
                    }
                    sources[i] = at;
                } else {
                    sources[i] = -(c - dataSchema.size() + 1);
                }
            }
            dataColumns = data.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public boolean hasNext() {
            while (true) {
                if (current != null && current.hasNext()) {
                    return true;
                }
                if (current != null) {
                    current.close();
                    current = null;
                }
                if (next >= splits.size()) {
                    return false;
                }
                FileSplit s = splits.get(next++);
                metrics.splitsRead.increment();
                current = format.read(s, dataSchema, dataColumns,
                        new ReadContext(options, allocator, settings.batchSize(), metrics));
            }
        }

        @Override
        public ColumnBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ColumnBatch b = current.next();
            metrics.rowsRead.add(b.rowCount());
            freeConstants();
            if (columns.length == 0) {
                return b.columnCount() == 0 ? b : ColumnBatch.ofRows(b.rowCount());
            }
            boolean identity = dataColumns.length == columns.length;
            for (int i = 0; identity && i < sources.length; i++) {
                identity = sources[i] == i;
            }
            if (identity) {
                return b;
            }
            FieldVector[] out = new FieldVector[columns.length];
            List<Object> pv = splits.get(next - 1).file().partitionValues();
            for (int i = 0; i < columns.length; i++) {
                if (sources[i] >= 0) {
                    out[i] = b.vector(sources[i]);
                } else {
                    int p = -sources[i] - 1;
                    out[i] = constant(partitionSchema.field(p), pv.get(p), b.rowCount());
                    constants.add(out[i]);
                }
            }
            return new ColumnBatch(outSchema, out, b.rowCount());
        }

        private FieldVector constant(Field f, Object value, int rows) {
            FieldVector v = Vectors.allocate(f.name(), f.type(), allocator, rows);
            if (value == null) {
                v.setValueCount(rows);
                return v;
            }
            for (int r = 0; r < rows; r++) {
                Values.set(v, f.type(), r, value);
            }
            v.setValueCount(rows);
            return v;
        }

        private void freeConstants() {
            constants.forEach(FieldVector::close);
            constants.clear();
        }

        @Override
        public void close() {
            freeConstants();
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

}
