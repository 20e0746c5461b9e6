package dev.ember.columnar.tpch;

import dev.ember.columnar.ArrowRuntime;
import dev.ember.columnar.ColumnBatch;
import io.trino.tpch.TpchTable;
import org.apache.arrow.memory.BufferAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The process-wide store of generated TPC-H tables. A table is generated on its first use, its
 * partitions in parallel, and then kept in memory for the life of the JVM (every session of
 * the process shares it, as they would share files on disk).
 */
public final class TpchData {
    /** Rows per stored batch; scans hand these batches out as they are. */
    public static final int BATCH_SIZE = 4096;

    private static final BufferAllocator ALLOCATOR = ArrowRuntime.newChild("tpch-data", Long.MAX_VALUE);
    private static final Map<String, CompletableFuture<TpchTableData>> TABLES = new ConcurrentHashMap<>();
    private static final ExecutorService GENERATORS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "tpch-generator");
                t.setDaemon(true);
                return t;
            });

    private TpchData() {
    }

    /** The table at scale factor {@code sf}, generating it if this is its first use. */
    public static TpchTableData table(String name, double sf) {
        TpchTable<?> table = TpchTables.table(name)
                .orElseThrow(() -> new IllegalArgumentException("not a TPC-H table: " + name));
        String key = table.getTableName() + "@" + sf;
        CompletableFuture<TpchTableData> f = TABLES.computeIfAbsent(key, k -> new CompletableFuture<>());
        synchronized (f) {
            if (!f.isDone()) {
                try {
                    f.complete(generate(table, sf));
                } catch (RuntimeException | Error e) {
                    TABLES.remove(key, f);
                    throw e;
                }
            }
        }
        return f.join();
    }

    /** True when the table has been generated already (its statistics are then exact). */
    public static boolean isGenerated(String name, double sf) {
        CompletableFuture<TpchTableData> f = TABLES.get(name + "@" + sf);
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    private static TpchTableData generate(TpchTable<?> table, double sf) {
        String name = table.getTableName();
        int parts = TpchTables.partitionCount(name, sf);
        List<CompletableFuture<List<ColumnBatch>>> futures = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int part = p;
            futures.add(CompletableFuture.supplyAsync(
                    () -> TpchGenerator.generate(table, sf, part, parts, BATCH_SIZE, ALLOCATOR), GENERATORS));
        }
        List<List<ColumnBatch>> partitions = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        for (CompletableFuture<List<ColumnBatch>> f : futures) {
            List<ColumnBatch> batches = List.copyOf(f.join());
            for (ColumnBatch b : batches) {
                rows += b.rowCount();
                bytes += b.sizeInBytes();
            }
            partitions.add(batches);
        }
        return new TpchTableData(name, sf, TpchTables.schema(table), List.copyOf(partitions), rows, bytes);
    }
}
