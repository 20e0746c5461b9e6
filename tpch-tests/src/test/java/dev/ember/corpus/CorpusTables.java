package dev.ember.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The corpus tables: {@code sql/setup.sql}, plus {@code series}, 2,000 generated rows in four
 * partitions (enough for many batches and for window partitions of several hundred rows).
 */
final class CorpusTables {
    static final int SERIES_ROWS = 2000;

    private CorpusTables() {
    }

    static String setupScript() throws IOException {
        try (InputStream in = Objects.requireNonNull(CorpusTables.class.getResourceAsStream("/sql/setup.sql"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n" + series();
        }
    }

    /** n = 1..2000; g = n mod 7; v a decimal, NULL every 11th row; s a string, NULL every 17th; d a date. */
    static String series() {
        StringBuilder sb = new StringBuilder("CREATE TABLE series (n INT, g INT, v DECIMAL(10,2), s VARCHAR, d DATE);\n");
        int perInsert = SERIES_ROWS / 4;
        for (int n = 1; n <= SERIES_ROWS; n++) {
            if ((n - 1) % perInsert == 0) {
                sb.append("INSERT INTO series VALUES\n");
            }
            String v = n % 11 == 0 ? "NULL" : BigDecimal.valueOf((n * 37L) % 1000 - 300, 2).toPlainString();
            String s = n % 17 == 0 ? "NULL" : "'k" + (n % 13) + "'";
            String d = "DATE '" + LocalDate.of(2020, 1, 1).plusDays(n % 400) + "'";
            sb.append("  (").append(n).append(", ").append(n % 7).append(", ").append(v).append(", ").append(s)
                    .append(", ").append(d).append(')').append(n % perInsert == 0 ? ";\n" : ",\n");
        }
        return sb.toString();
    }

    /** The statements of a script: split at semicolons that end a line; {@code --} comment lines dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
