package dev.ember.tpch.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines (longest common subsequence), with three lines of
 * context, so that a golden-file mismatch reads like {@code git diff}.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff from {@code expected} to {@code actual}, or "" when they are equal. */
    static String diff(String expectedName, String expected, String actualName, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Edit script: ' ' kept, '-' only in expected, '+' only in actual; with each line's positions.
        record Edit(char op, String line, int ai, int bi) {
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                edits.add(new Edit(' ', a[i], i++, j++));
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Removed lines before added ones, as diff prints them.
                edits.add(new Edit('-', a[i], i++, j));
            } else {
                edits.add(new Edit('+', b[j], i, j++));
            }
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).op() == ' ') {
                k++;
                continue;
            }
            // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change near it.
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int lastChange = k;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).op() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            int aLen = 0;
            int bLen = 0;
            for (int e = start; e < end; e++) {
                aLen += edits.get(e).op() != '+' ? 1 : 0;
                bLen += edits.get(e).op() != '-' ? 1 : 0;
            }
            if (out.isEmpty()) {
                out.append("--- ").append(expectedName).append('\n').append("+++ ").append(actualName).append('\n');
            }
            out.append("@@ -").append(edits.get(start).ai() + 1).append(',').append(aLen)
                    .append(" +").append(edits.get(start).bi() + 1).append(',').append(bLen).append(" @@\n");
            for (int e = start; e < end; e++) {
                out.append(edits.get(e).op()).append(edits.get(e).line()).append('\n');
            }
            k = end;
        }
        return out.toString();
    }
}
