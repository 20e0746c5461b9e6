package dev.ember.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * The few command-line arguments the examples take: positional values, {@code --cache},
 * {@code --iterations N} and {@code --partitions N}.
 */
record Args(List<String> positional, boolean cache, int iterations, int partitions) {
    static Args parse(String[] args, int defaultIterations) {
        List<String> pos = new ArrayList<>();
        boolean cache = false;
        int iterations = defaultIterations;
        int partitions = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cache" -> cache = true;
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i, "--iterations"));
                case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, "--partitions"));
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + " (options: --cache, --iterations N, --partitions N)");
                    }
                    pos.add(args[i]);
                }
            }
        }
        return new Args(List.copyOf(pos), cache, iterations, partitions);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    String positional(int i, String fallback) {
        return i < positional.size() ? positional.get(i) : fallback;
    }
}
