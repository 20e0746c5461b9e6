package dev.ember.examples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./ember example NAME [args]}: runs one example (docs/examples.md); with no name, lists
 * them. Each example is also a class with its own {@code main}.
 */
public final class Examples {
    private Examples() {
    }

    /** Name → (one-line description, main). */
    static final Map<String, Map.Entry<String, Consumer<String[]>>> ALL = new LinkedHashMap<>();

    static {
        add("wordcount", "word count of a text file (Rdd: flatMap, mapToPair, reduceByKey)", WordCount::main);
        add("errorlog", "ERROR lines of a log: mysql and php counts, top 20 terms [--cache]", ErrorLogAnalysis::main);
        add("invertedindex", "word -> the documents containing it (Rdd: flatMapToPair, groupByKey)", InvertedIndex::main);
        add("grep", "distributed grep: lines matching a regular expression", DistributedGrep::main);
        add("urlcount", "URL access counts of a web server log (Rdd -> DataFrame groupBy)", UrlAccessCounts::main);
        add("reverselinks", "reverse web-link graph: target -> pages linking to it", ReverseWebLinkGraph::main);
        add("avgsalary", "average salary by zip-code bucket, in two rounds of reduceByKey", AverageSalaryByZip::main);
        add("kmeans", "k-means clustering, time per iteration [--cache]", KMeans::main);
        add("pagerank", "PageRank, time per iteration [--cache]", PageRank::main);
        add("logreg", "logistic regression by gradient descent over a DataFrame [--cache]", LogisticRegression::main);
        add("sssp", "single-source shortest paths, Pregel style on the Rdd API", ShortestPaths::main);
        add("maxvalue", "max-value propagation, Pregel style on the Rdd API", MaxValuePropagation::main);
    }

    private static void add(String name, String description, Consumer<String[]> main) {
        ALL.put(name, Map.entry(description, main));
    }

    public static void main(String[] args) {
        if (args.length == 0 || !ALL.containsKey(args[0])) {
            if (args.length > 0 && !args[0].equals("--help") && !args[0].equals("list")) {
                System.err.println("ember example: no example named '" + args[0] + "'");
            }
            System.out.println("Usage: ./ember example NAME [args]   (docs/examples.md)");
            ALL.forEach((name, e) -> System.out.printf("  %-14s %s%n", name, e.getKey()));
            if (args.length > 0 && !args[0].equals("--help") && !args[0].equals("list")) {
                System.exit(2);
            }
            return;
        }
        try {
            ALL.get(args[0]).getValue().accept(Arrays.copyOfRange(args, 1, args.length));
        } catch (dev.ember.common.EmberException | IllegalArgumentException e) {
            // An error of the engine or of the arguments: its message, not a stack trace.
            System.err.println("ember example " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
