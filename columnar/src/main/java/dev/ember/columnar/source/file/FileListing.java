package dev.ember.columnar.source.file;

import dev.ember.columnar.types.DataType;
import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.common.AnalysisException;
import dev.ember.common.ErrorClass;
import dev.ember.common.ExecutionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the files of a table: a file, every visible file under a folder (names starting with
 * {@code _} or {@code .} are skipped, as Spark and Hive do), or the files a glob matches.
 * Folders named {@code key=value} between the root and a file are Hive partitions: each key
 * becomes a column (INT, BIGINT, DATE or STRING, whichever fits all its values), and each file
 * carries its values.
 */
public final class FileListing {
    /** Hive's name for a NULL partition value. */
    public static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private FileListing() {
    }

    /** The files found and the schema of their partition columns. */
    public record Listing(List<DataFile> files, Schema partitionSchema) {
    }

    public static Listing list(List<String> paths, String globFilter) {
        List<Path> found = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        PathMatcher filter = globFilter == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + globFilter);
        for (String p : paths) {
            collect(p, found, roots, filter);
        }
        // Partition keys and raw values per file.
        List<List<String[]>> parts = new ArrayList<>();
        List<String> keys = null;
        Path keysFrom = null;
        for (int i = 0; i < found.size(); i++) {
            List<String[]> kv = partitionsOf(roots.get(i), found.get(i));
            List<String> k = kv.stream().map(a -> a[0]).toList();
            if (keys == null) {
                keys = k;
                keysFrom = found.get(i);
            } else if (!keys.equals(k)) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "conflicting partition folders: " + keysFrom
                        + " is under " + keys + " but " + found.get(i) + " is under " + k);
            }
            parts.add(kv);
        }
        if (keys == null) {
            keys = List.of();
        }
        List<Field> fields = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        found.forEach(f -> values.add(new ArrayList<>()));
        for (int k = 0; k < keys.size(); k++) {
            List<String> raw = new ArrayList<>();
            for (List<String[]> kv : parts) {
                raw.add(kv.get(k)[1]);
            }
            DataType t = inferType(raw);
            fields.add(Field.of(keys.get(k), t));
            for (int i = 0; i < raw.size(); i++) {
                values.get(i).add(parse(raw.get(i), t));
            }
        }
        List<DataFile> files = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Path f = found.get(i);
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                files.add(new DataFile(f, a.size(), a.lastModifiedTime().toMillis(), values.get(i)));
            } catch (IOException e) {
                throw new ExecutionException(ErrorClass.IO_ERROR, "cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return new Listing(files, new Schema(fields));
    }

    private static boolean isGlob(String s) {
        return s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{");
    }

    private static void collect(String spec, List<Path> found, List<Path> roots, PathMatcher filter) {
        if (isGlob(spec)) {
            Path abs = Path.of(spec.replaceAll("[*?\\[{].*", "")).toAbsolutePath();
            Path base = Files.isDirectory(abs) && (spec.endsWith("/") || abs.toString().endsWith("/")) ? abs : abs.getParent();
            if (base == null || !Files.isDirectory(base)) {
                throw notFound(spec);
            }
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(spec).toAbsolutePath());
            List<Path> matched = walk(base).filter(p -> m.matches(p)).toList();
            if (matched.isEmpty()) {
                throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "no file matches `" + spec + "`");
            }
            for (Path p : matched) {
                if (Files.isDirectory(p)) {
                    addDir(p, found, roots, filter);
                } else {
                    found.add(p);
                    roots.add(p.getParent());
                }
            }
            return;
        }
        Path p = Path.of(spec).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw notFound(spec);
        }
        if (Files.isDirectory(p)) {
            addDir(p, found, roots, filter);
        } else {
            found.add(p);
            roots.add(p.getParent());
        }
    }

    private static AnalysisException notFound(String spec) {
        return new AnalysisException(ErrorClass.ANALYSIS_ERROR, "path does not exist: " + spec);
    }

    private static void addDir(Path dir, List<Path> found, List<Path> roots, PathMatcher filter) {
        List<Path> files = walk(dir).filter(Files::isRegularFile).filter(f -> visible(dir, f))
                .filter(f -> filter == null || filter.matches(f.getFileName())).toList();
        for (Path f : files) {
            found.add(f);
            roots.add(dir);
        }
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            // Sorted so that part-00000 comes before part-00001: rows read back in written order.
            return s.sorted(Comparator.comparing(Path::toString)).toList().stream();
        } catch (IOException | UncheckedIOException e) {
            throw new ExecutionException(ErrorClass.IO_ERROR, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Hidden or bookkeeping files and folders (_SUCCESS, _temporary, .crc) are not data. */
    static boolean visible(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String n = part.toString();
            if (n.startsWith("_") || n.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static List<String[]> partitionsOf(Path root, Path file) {
        List<String[]> out = new ArrayList<>();
        Path rel = root.relativize(file.getParent() == null ? file : file.getParent());
        if (rel.toString().isEmpty()) {
            return out;
        }
        for (Path part : rel) {
            String n = part.toString();
            int eq = n.indexOf('=');
            if (eq > 0) {
                out.add(new String[] {n.substring(0, eq), unescape(n.substring(eq + 1))});
            }
        }
        return out;
    }

    /** Undoes Hive's %XX escaping of partition values ('+' stays '+'). */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    static DataType inferType(List<String> raw) {
        boolean ints = true;
        boolean longs = true;
        boolean dates = true;
        boolean any = false;
        for (String s : raw) {
            if (s.equals(NULL_PARTITION)) {
                continue;
            }
            any = true;
            try {
                long v = Long.parseLong(s);
                ints &= v == (int) v;
            } catch (NumberFormatException e) {
                ints = false;
                longs = false;
            }
            if (dates) {
                try {
                    LocalDate.parse(s);
                } catch (RuntimeException e) {
                    dates = false;
                }
            }
        }
        if (!any) {
            return DataType.STRING;
        }
        return ints ? DataType.INT : longs ? DataType.BIGINT : dates ? DataType.DATE : DataType.STRING;
    }

    static Object parse(String s, DataType t) {
        if (s.equals(NULL_PARTITION)) {
            return null;
        }
        return switch (t) {
            case DataType.IntType i -> Integer.parseInt(s);
            case DataType.BigIntType b -> Long.parseLong(s);
            case DataType.DateType d -> LocalDate.parse(s);
            default -> s;
        };
    }

    /** The folder name of a partition value ({@code key=value}, escaped as Hive escapes). */
    public static String partitionFolder(String key, Object value) {
        if (value == null) {
            return key + "=" + NULL_PARTITION;
        }
        StringBuilder sb = new StringBuilder(key).append('=');
        for (char c : value.toString().toCharArray()) {
            if (c < ' ' || "\"#%'*/:=?\\\u007f{[]^".indexOf(c) >= 0) {
                sb.append('%').append(String.format("%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Partition values by key, for messages. */
    static Map<String, Object> describe(Schema partitionSchema, List<Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < partitionSchema.size(); i++) {
            m.put(partitionSchema.field(i).name(), values.get(i));
        }
        return m;
    }
}
