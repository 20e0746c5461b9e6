package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaPairRdd;
import dev.ember.engine.rdd.Tuple2;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word count, MapReduce's first program: split lines into words, a (word, 1) pair each, summed
 * per word ({@code reduceByKey} sums in each map task first, as a combiner does).
 *
 * <p>{@code ./ember example wordcount [FILE] [--top N]}: the N most frequent words (default 20)
 * of FILE, or of the sample text shipped with the examples.
 */
public final class WordCount {
    private WordCount() {
    }

    public static JavaPairRdd<String, Integer> counts(EmberSession session, String path, int partitions) {
        return session.textFile(path, partitions)
                .flatMap(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")).iterator())
                .filter(w -> !w.isEmpty())
                .mapToPair(w -> new Tuple2<>(w, 1))
                .reduceByKey(Integer::sum);
    }

    public static void main(String[] argv) {
        int top = 20;
        java.util.List<String> rest = new java.util.ArrayList<>(List.of(argv));
        int t = rest.indexOf("--top");
        if (t >= 0) {
            top = Integer.parseInt(rest.get(t + 1));
            rest.remove(t + 1);
            rest.remove(t);
        }
        Args args = Args.parse(rest.toArray(new String[0]), 0);
        String path = args.positional(0, Sessions.sample("sample.txt").toString());
        try (EmberSession session = Sessions.local("wordcount")) {
            JavaPairRdd<String, Integer> counts = counts(session, path, args.partitions());
            System.out.println(counts.count() + " distinct words; the " + top + " most frequent:");
            for (Tuple2<String, Integer> wc : counts.takeOrdered(top, new ByCount<>())) {
                System.out.printf("%6d  %s%n", wc._2(), wc._1());
            }
        }
    }
}
