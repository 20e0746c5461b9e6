package dev.ember.physical.expr;

import org.apache.arrow.memory.util.MemoryUtil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled SQL LIKE pattern matching UTF-8 bytes in Arrow memory. The pattern splits at
 * {@code %} into segments, each a run of literal bytes and {@code _} (one code point). The first
 * segment is anchored at the start unless the pattern begins with {@code %}, the last at the end
 * unless it ends with {@code %}; middle segments match leftmost, which is optimal for {@code %}.
 */
public final class LikeMatcher {
    private static final byte ANY_ONE = 0;

    /** A segment: bytes, with {@code wild[i]} marking a {@code _} at i. */
    private record Segment(byte[] bytes, boolean[] wild, boolean hasWild) {
    }

    private final List<Segment> segments;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;

    public LikeMatcher(String pattern, Character escape) {
        List<Segment> segs = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        List<Boolean> wild = new ArrayList<>();
        boolean startsWithPercent = false;
        boolean endsWithPercent = false;
        int i = 0;
        boolean first = true;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (i + 1 >= pattern.length()) {
                    throw new IllegalArgumentException("LIKE pattern ends with the escape character");
                }
                addLiteral(cur, wild, pattern.charAt(i + 1));
                i += 2;
                first = false;
                endsWithPercent = false;
                continue;
            }
            if (c == '%') {
                if (first) {
                    startsWithPercent = true;
                }
                segs.add(segment(cur, wild));
                cur.reset();
                wild.clear();
                endsWithPercent = true;
            } else if (c == '_') {
                cur.write(ANY_ONE);
                wild.add(true);
                endsWithPercent = false;
            } else {
                addLiteral(cur, wild, c);
                endsWithPercent = false;
            }
            first = false;
            i++;
        }
        segs.add(segment(cur, wild));
        // Drop empty segments produced by runs of '%'; remember the anchors.
        this.anchoredStart = !startsWithPercent;
        this.anchoredEnd = !endsWithPercent;
        List<Segment> kept = new ArrayList<>();
        for (int k = 0; k < segs.size(); k++) {
            Segment s = segs.get(k);
            boolean edge = (k == 0 && anchoredStart) || (k == segs.size() - 1 && anchoredEnd);
            if (s.bytes().length > 0 || edge) {
                kept.add(s);
            }
        }
        this.segments = kept;
    }

    private static void addLiteral(ByteArrayOutputStream cur, List<Boolean> wild, char c) {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        cur.writeBytes(b);
        for (int k = 0; k < b.length; k++) {
            wild.add(false);
        }
    }

    private static Segment segment(ByteArrayOutputStream cur, List<Boolean> wild) {
        byte[] b = cur.toByteArray();
        boolean[] w = new boolean[b.length];
        boolean any = false;
        for (int k = 0; k < w.length; k++) {
            w[k] = wild.get(k);
            any |= w[k];
        }
        return new Segment(b, w, any);
    }

    /** Byte length of the match of {@code s} at {@code pos}, or -1. */
    private static int matchAt(Segment s, long addr, int pos, int len) {
        int p = pos;
        byte[] b = s.bytes();
        for (int k = 0; k < b.length; k++) {
            if (p >= len) {
                return -1;
            }
            if (s.hasWild() && s.wild()[k]) {
                p++;
                while (p < len && (MemoryUtil.getByte(addr + p) & 0xC0) == 0x80) {
                    p++;
                }
            } else {
                if (MemoryUtil.getByte(addr + p) != b[k]) {
                    return -1;
                }
                p++;
            }
        }
        return p - pos;
    }

    public boolean matches(long addr, int len) {
        int n = segments.size();
        if (n == 0) {
            return true; // pattern of only '%'
        }
        int pos = 0;
        for (int k = 0; k < n; k++) {
            Segment s = segments.get(k);
            boolean isFirst = k == 0;
            boolean isLast = k == n - 1;
            if (isFirst && anchoredStart) {
                int m = matchAt(s, addr, 0, len);
                if (m < 0) {
                    return false;
                }
                pos = m;
                if (isLast && anchoredEnd) {
                    return pos == len;
                }
                continue;
            }
            if (isLast && anchoredEnd) {
                // Must end exactly at len.
                if (!s.hasWild()) {
                    int start = len - s.bytes().length;
                    return start >= pos && matchAt(s, addr, start, len) >= 0;
                }
                for (int start = pos; start <= len; start++) {
                    int m = matchAt(s, addr, start, len);
                    if (m >= 0 && start + m == len) {
                        return true;
                    }
                }
                return false;
            }
            int found = -1;
            int flen = 0;
            for (int start = pos; start < len || (start == len && s.bytes().length == 0); start++) {
                int m = matchAt(s, addr, start, len);
                if (m >= 0) {
                    found = start;
                    flen = m;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            pos = found + flen;
        }
        return true;
    }
}
