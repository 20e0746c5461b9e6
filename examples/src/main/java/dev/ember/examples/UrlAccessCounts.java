package dev.ember.examples;

import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ember.engine.functions.col;

/**
 * URL access counts from a web server's access log: the Rdd API parses each line (a regular
 * expression; malformed lines dropped), the rows become a DataFrame, and a {@code groupBy}
 * counts the requests per URL.
 *
 * <p>{@code ./ember example urlcount [FILE]}: FILE in the common log format; without it a log
 * of 10,000 requests is generated.
 */
public final class UrlAccessCounts {
    private UrlAccessCounts() {
    }

    private static final Pattern REQUEST = Pattern.compile("\"(?:GET|POST|PUT|DELETE|HEAD) (\\S+) [^\"]*\" (\\d{3})");

    public static DataFrame counts(EmberSession session, String path, int partitions) {
        var rows = session.textFile(path, partitions).flatMap(line -> {
            Matcher m = REQUEST.matcher(line);
            return m.find() ? java.util.List.of(Row.of(m.group(1), Integer.parseInt(m.group(2)))).iterator()
                    : java.util.Collections.<Row>emptyIterator();
        });
        return session.createDataFrame(rows, "url STRING, status INT")
                .groupBy("url").count()
                .orderBy(col("count").desc(), col("url"));
    }

    static String generate(int requests, long seed) {
        Random r = new Random(seed);
        String[] urls = {"/", "/index.html", "/docs/sql.html", "/docs/api.html", "/download", "/blog/ember-0.1"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            // A skewed choice: low indexes are the popular pages.
            String url = urls[Math.min(urls.length - 1, (int) Math.abs(r.nextGaussian() * 2))];
            sb.append("10.0.").append(r.nextInt(4)).append('.').append(r.nextInt(256))
                    .append(" - - [21/Nov/2026:10:00:").append(String.format("%02d", i % 60)).append(" +0000] \"GET ")
                    .append(url).append(" HTTP/1.1\" ").append(r.nextInt(20) == 0 ? 404 : 200).append(' ')
                    .append(r.nextInt(5000)).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 0);
        String path = args.positional(0, Sessions.write("access.log", generate(10_000, 7)).toString());
        try (EmberSession session = Sessions.local("urlcount")) {
            counts(session, path, args.partitions()).show(20, false);
        }
    }
}
