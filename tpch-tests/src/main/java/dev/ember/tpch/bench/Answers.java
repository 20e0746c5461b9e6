package dev.ember.tpch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers recorded for later runs without DuckDB: one file per query and scale factor
 * ({@code <data>/answers/sf1/q01.tsv}), a row a line, values tab-separated, each tagged with
 * its kind so that it reads back as the same Java type: {@code n} number, {@code d} date,
 * {@code b} boolean, {@code s} string (with {@code \t}, {@code \n}, {@code \\} escaped), and
 * {@code \N} for NULL. The first line, a comment, says where the answer came from: DuckDB, or
 * Ember itself when nothing could check it.
 */
public final class Answers {
    /** The origin of an answer Ember gave with nothing to check it against. */
    public static final String EMBER_ORIGIN = "Ember (unchecked)";

    /** A recorded answer and where it came from. */
    public record Recorded(List<List<Object>> rows, String origin) {
    }

    private final Path dir;

    public Answers(Path dataDir, String schemaName) {
        this.dir = dataDir.resolve("answers").resolve(schemaName);
    }

    public Path file(int query) {
        return dir.resolve(String.format("q%02d.tsv", query));
    }

    public Optional<Recorded> load(int query) {
        Path f = file(query);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            List<List<Object>> rows = new ArrayList<>();
            String origin = "an earlier run";
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.startsWith("# from ")) {
                    origin = line.substring("# from ".length()).trim();
                } else if (!line.startsWith("#")) {
                    rows.add(decodeRow(line));
                }
            }
            return Optional.of(new Recorded(rows, origin));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recorded answer " + f, e);
        }
    }

    public void record(int query, List<List<Object>> rows, String origin) {
        StringBuilder sb = new StringBuilder("# from ").append(origin).append('\n');
        for (List<Object> row : rows) {
            sb.append(encodeRow(row)).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "q", ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file(query), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the answer of Q" + query + " in " + dir, e);
        }
    }

    static String encodeRow(List<Object> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                sb.append('\t');
            }
            Object v = row.get(i);
            if (v == null) {
                sb.append("\\N");
            } else if (v instanceof BigDecimal b) {
                sb.append('n').append(b.toPlainString());
            } else if (v instanceof Number n) {
                sb.append('n').append(n);
            } else if (v instanceof Boolean b) {
                sb.append('b').append(b);
            } else if (v instanceof LocalDate d) {
                sb.append('d').append(d);
            } else if (v instanceof java.sql.Date d) {
                sb.append('d').append(d.toLocalDate());
            } else {
                sb.append('s');
                String s = v.toString();
                for (int c = 0; c < s.length(); c++) {
                    char ch = s.charAt(c);
                    switch (ch) {
                        case '\t' -> sb.append("\\t");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        case '\\' -> sb.append("\\\\");
                        default -> sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }

    static List<Object> decodeRow(String line) {
        List<Object> row = new ArrayList<>();
        if (line.isEmpty()) {
            return row;
        }
        for (String field : line.split("\t", -1)) {
            if (field.equals("\\N")) {
                row.add(null);
                continue;
            }
            String body = field.substring(1);
            row.add(switch (field.charAt(0)) {
                case 'n' -> new BigDecimal(body);
                case 'b' -> Boolean.valueOf(body);
                case 'd' -> LocalDate.parse(body);
                case 's' -> unescape(body);
                default -> throw new IllegalArgumentException("not a recorded value: " + field);
            });
        }
        return row;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
