package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaPairRdd;
import dev.ember.engine.rdd.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse web-link graph of the MapReduce paper: each page emits (target, source) for each
 * link it holds; grouping by target lists the pages that link to it.
 *
 * <p>{@code ./ember example reverselinks}: over a few built-in pages.
 */
public final class ReverseWebLinkGraph {
    private ReverseWebLinkGraph() {
    }

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    /** (page, html) → (target, sorted sources linking to it). */
    public static JavaPairRdd<String, List<String>> reverse(EmberSession session, List<Tuple2<String, String>> pages,
                                                            int partitions) {
        return session.parallelizePairs(pages, partitions)
                .flatMapToPair(page -> {
                    List<Tuple2<String, String>> out = new ArrayList<>();
                    Matcher m = HREF.matcher(page._2());
                    while (m.find()) {
                        out.add(new Tuple2<>(m.group(1), page._1()));
                    }
                    return out.iterator();
                })
                .groupByKey()
                .mapValues(sources -> {
                    TreeSet<String> sorted = new TreeSet<>();
                    sources.forEach(sorted::add);
                    return List.copyOf(sorted);
                });
    }

    static final List<Tuple2<String, String>> SAMPLE = List.of(
            new Tuple2<>("index.html", "<a href=\"docs.html\">docs</a> <a href=\"blog.html\">blog</a>"),
            new Tuple2<>("docs.html", "<a href=\"index.html\">home</a> <a href=\"api.html\">api</a>"),
            new Tuple2<>("blog.html", "<a href=\"index.html\">home</a> <a href=\"docs.html\">docs</a>"),
            new Tuple2<>("api.html", "<a href=\"docs.html\">back</a>"));

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 0);
        try (EmberSession session = Sessions.local("reverselinks")) {
            for (Tuple2<String, List<String>> e : reverse(session, SAMPLE, args.partitions()).sortByKey().collect()) {
                System.out.println(e._1() + " <- " + String.join(", ", e._2()));
            }
        }
    }
}
