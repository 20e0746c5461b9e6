package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaRdd;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Distributed grep: each task scans its split of the file and keeps the lines that match; the
 * pattern is compiled once per partition ({@code mapPartitions}), not once per line.
 *
 * <p>{@code ./ember example grep REGEX [FILE]} (FILE defaults to the sample text).
 */
public final class DistributedGrep {
    private DistributedGrep() {
    }

    public static JavaRdd<String> grep(EmberSession session, String path, String regex, int partitions) {
        return session.textFile(path, partitions).mapPartitions(lines -> {
            Pattern p = Pattern.compile(regex);
            List<String> out = new java.util.ArrayList<>();
            while (lines.hasNext()) {
                String l = lines.next();
                if (p.matcher(l).find()) {
                    out.add(l);
                }
            }
            return out.iterator();
        });
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 0);
        String regex = args.positional(0, "\\bthe\\b");
        String path = args.positional(1, Sessions.sample("sample.txt").toString());
        try (EmberSession session = Sessions.local("grep")) {
            List<String> matches = grep(session, path, regex, args.partitions()).collect();
            matches.forEach(System.out::println);
            System.out.println("-- " + matches.size() + " matching lines");
        }
    }
}
