package dev.ember.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?": the candidates closest to a misspelt name, by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** Up to {@code max} candidates, closest first, within a distance that still reads as a typo. */
    public static List<String> closest(String name, Iterable<String> candidates, int max) {
        String needle = name.toLowerCase(Locale.ROOT);
        record Scored(String candidate, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            String lower = c.toLowerCase(Locale.ROOT);
            int d = distance(needle, lower);
            // A suffix/prefix match ("orderkey" for "l_orderkey") is as good as a small typo.
            if (lower.endsWith(needle) || needle.endsWith(lower)) {
                d = Math.min(d, 2);
            }
            int budget = Math.max(2, Math.max(needle.length(), lower.length()) / 3);
            if (d <= budget) {
                scored.add(new Scored(c, d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate));
        List<String> out = new ArrayList<>();
        for (Scored s : scored) {
            if (out.size() == max) {
                break;
            }
            out.add(s.candidate());
        }
        return out;
    }

    /** Formats the closest candidates as {@code did you mean `a`, `b`?}, or "" when none is close. */
    public static String didYouMean(String name, Iterable<String> candidates) {
        List<String> best = closest(name, candidates, 3);
        if (best.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("did you mean ");
        for (int i = 0; i < best.size(); i++) {
            if (i > 0) {
                sb.append(i == best.size() - 1 ? " or " : ", ");
            }
            sb.append('`').append(best.get(i)).append('`');
        }
        return sb.append('?').toString();
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
