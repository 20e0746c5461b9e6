package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaPairRdd;
import dev.ember.engine.rdd.Tuple2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An inverted index: for each word, the sorted documents it occurs in. Each document emits
 * (word, document) once per distinct word; {@code groupByKey} gathers a word's documents.
 *
 * <p>{@code ./ember example invertedindex [FILE...]}: each file one document (the file name);
 * without files, a few built-in documents.
 */
public final class InvertedIndex {
    private InvertedIndex() {
    }

    public static JavaPairRdd<String, List<String>> index(EmberSession session, List<Tuple2<String, String>> documents,
                                                          int partitions) {
        return session.parallelizePairs(documents, partitions)
                .flatMapToPair(doc -> {
                    Set<String> words = new LinkedHashSet<>();
                    for (String w : doc._2().toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
                        if (!w.isEmpty()) {
                            words.add(w);
                        }
                    }
                    List<Tuple2<String, String>> out = new ArrayList<>();
                    words.forEach(w -> out.add(new Tuple2<>(w, doc._1())));
                    return out.iterator();
                })
                .groupByKey()
                .mapValues(docs -> {
                    TreeSet<String> sorted = new TreeSet<>();
                    docs.forEach(sorted::add);
                    return List.copyOf(sorted);
                });
    }

    static final List<Tuple2<String, String>> SAMPLE = List.of(
            new Tuple2<>("doc1", "Ember runs SQL and DataFrames on Arrow batches"),
            new Tuple2<>("doc2", "Spark runs SQL on a cluster"),
            new Tuple2<>("doc3", "Arrow batches move between stages"));

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 0);
        List<Tuple2<String, String>> docs = new ArrayList<>();
        for (String f : args.positional()) {
            try {
                docs.add(new Tuple2<>(java.nio.file.Path.of(f).getFileName().toString(),
                        java.nio.file.Files.readString(java.nio.file.Path.of(f))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + f, e);
            }
        }
        try (EmberSession session = Sessions.local("invertedindex")) {
            for (Tuple2<String, List<String>> e : index(session, docs.isEmpty() ? SAMPLE : docs, args.partitions())
                    .sortByKey().collect()) {
                System.out.println(e._1() + "\t" + String.join(", ", e._2()));
            }
        }
    }
}
