package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaPairRdd;
import dev.ember.engine.rdd.JavaRdd;
import dev.ember.engine.rdd.Tuple2;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The log mining example of the Spark paper: keep the ERROR lines, take their messages (cached
 * with {@code --cache}, since three jobs read them), count those about {@code mysql} and about
 * {@code php}, and list the 20 most frequent terms.
 *
 * <p>{@code ./ember example errorlog [FILE] [--cache]}: FILE has lines {@code LEVEL<TAB>time<TAB>message};
 * without it a log of 20,000 lines is generated.
 */
public final class ErrorLogAnalysis {
    private ErrorLogAnalysis() {
    }

    public record Report(long errors, long mysql, long php, List<Tuple2<String, Integer>> topTerms) {
    }

    public static Report analyze(EmberSession session, String path, boolean cache, int partitions) {
        JavaRdd<String> messages = session.textFile(path, partitions)
                .filter(l -> l.startsWith("ERROR\t"))
                .map(l -> l.split("\t", 3)[2]);
        if (cache) {
            messages = messages.cache();
        }
        long errors = messages.count();
        long mysql = messages.filter(m -> m.contains("mysql")).count();
        long php = messages.filter(m -> m.contains("php")).count();
        JavaPairRdd<String, Integer> terms = messages
                .flatMap(m -> Arrays.asList(m.toLowerCase(Locale.ROOT).split("\\W+")).iterator())
                .filter(t -> !t.isEmpty())
                .mapToPair(t -> new Tuple2<>(t, 1))
                .reduceByKey(Integer::sum);
        return new Report(errors, mysql, php, terms.takeOrdered(20, new ByCount<>()));
    }

    /** A web server's log: mostly INFO, some WARN and ERROR, errors naming mysql, php or others. */
    static String generate(int lines, long seed) {
        Random r = new Random(seed);
        String[] levels = {"INFO", "INFO", "INFO", "WARN", "ERROR"};
        String[] errors = {"mysql connection refused on db%d", "php fatal error in page%d.php", "disk full on volume%d",
            "timeout talking to mysql replica %d", "upstream php-fpm worker %d crashed", "out of memory in worker %d"};
        String[] infos = {"served page%d.php", "mysql query took %d ms", "user %d logged in"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String level = levels[r.nextInt(levels.length)];
            String[] pool = level.equals("ERROR") ? errors : infos;
            sb.append(level).append('\t').append(1_700_000_000L + i).append('\t')
                    .append(String.format(pool[r.nextInt(pool.length)], r.nextInt(10))).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 0);
        String path = args.positional(0, Sessions.write("log.tsv", generate(20_000, 42)).toString());
        try (EmberSession session = Sessions.local("errorlog")) {
            long t0 = System.nanoTime();
            Report r = analyze(session, path, args.cache(), args.partitions());
            System.out.printf("%d ERROR lines: %d about mysql, %d about php (%d ms%s)%n", r.errors(), r.mysql(), r.php(),
                    (System.nanoTime() - t0) / 1_000_000, args.cache() ? ", messages cached" : "");
            System.out.println("top 20 terms:");
            r.topTerms().forEach(t -> System.out.printf("%6d  %s%n", t._2(), t._1()));
        }
    }
}
