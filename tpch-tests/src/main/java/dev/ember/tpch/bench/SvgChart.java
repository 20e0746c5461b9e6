package dev.ember.tpch.bench;

import java.util.Locale;

/**
 * {@code chart.svg}: per query, a pair of bars (Ember, DuckDB) for the median time on a log
 * scale, a whisker from the fastest to the slowest timed run, and Ember/DuckDB above the pair.
 * Wrong or failed queries are labelled in red. Plain SVG 1.1 with no script or external font, so
 * that browsers, GitHub and {@code rsvg-convert} all draw it the same.
 */
final class SvgChart {
    static final String EMBER_COLOR = "#e8590c";
    static final String DUCKDB_COLOR = "#f2c200";
    static final String WRONG_COLOR = "#c92a2a";

    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 86;
    private static final int PLOT_HEIGHT = 320;
    private static final int BOTTOM = 56;
    private static final int GROUP = 46;
    private static final int BAR = 17;

    private SvgChart() {
    }

    static String render(BenchReport r) {
        int n = r.outcomes.size();
        boolean duck = r.hasDuckDb();
        int width = Math.max(900, LEFT + RIGHT + n * GROUP);
        int height = TOP + PLOT_HEIGHT + BOTTOM;
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (QueryOutcome q : r.outcomes) {
            for (double v : new double[] {QueryOutcome.min(q.ember), QueryOutcome.max(q.ember), QueryOutcome.min(q.duckdb),
                QueryOutcome.max(q.duckdb)}) {
                if (!Double.isNaN(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 1000;
        }
        int decadeLo = (int) Math.floor(Math.log10(lo));
        int decadeHi = (int) Math.ceil(Math.log10(hi));
        if (decadeHi <= decadeLo) {
            decadeHi = decadeLo + 1;
        }
        Scale y = new Scale(decadeLo, decadeHi);

        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<title>%s</title>%n", esc(r.title())));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"17\" font-weight=\"bold\">%s</text>%n", LEFT,
                esc(r.title() + " — median time per query, log scale")));
        String sub = r.dateText() + " · " + r.options.runs() + " runs · Ember " + Fmt.duration(r.total(true))
                + (duck ? " · DuckDB " + Fmt.duration(r.total(false)) + " · Ember/DuckDB "
                + Fmt.ratio(r.ratioOfTotals()) + " in total, " + Fmt.ratio(r.geomeanRatio()) + " geometric mean" : "");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"44\" fill=\"#495057\">%s</text>%n", LEFT, esc(sub)));
        legend(s, LEFT, 64, duck, r.bad().size());

        // grid: a line per decade, lighter ones at 2x and 5x
        int plotRight = LEFT + n * GROUP;
        for (int d = decadeLo; d <= decadeHi; d++) {
            double v = Math.pow(10, d);
            double yy = y.of(v);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#adb5bd\" stroke-width=\"1\"/>%n",
                    LEFT, yy, plotRight, yy));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#495057\">%s</text>%n",
                    LEFT - 6, yy + 4, esc(tick(v))));
            if (d < decadeHi) {
                for (int m : new int[] {2, 5}) {
                    double ym = y.of(m * v);
                    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e9ecef\" stroke-width=\"1\"/>%n",
                            LEFT, ym, plotRight, ym));
                }
            }
        }
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\" fill=\"#495057\">"
                + "median milliseconds (log scale)</text>%n", TOP + PLOT_HEIGHT / 2));

        for (int i = 0; i < n; i++) {
            QueryOutcome q = r.outcomes.get(i);
            int gx = LEFT + i * GROUP;
            boolean bad = q.check.bad();
            int barsWidth = duck ? 2 * BAR + 2 : BAR;
            int x0 = gx + (GROUP - barsWidth) / 2;
            bar(s, "ember", x0, q, q.ember, y, "Ember", EMBER_COLOR);
            if (duck) {
                bar(s, "duckdb", x0 + BAR + 2, q, q.duckdb, y, "DuckDB", DUCKDB_COLOR);
            }
            double ratio = q.ratio();
            if (!Double.isNaN(ratio)) {
                double top = Math.min(y.of(QueryOutcome.max(q.ember)), y.of(QueryOutcome.max(q.duckdb)));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" fill=\"#495057\">%s</text>%n",
                        gx + GROUP / 2, top - 5, esc(Fmt.ratio(ratio))));
            }
            if (q.ember.isEmpty()) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\" fill=\"%s\">failed</text>%n",
                        gx + GROUP / 2, TOP + PLOT_HEIGHT - 6, WRONG_COLOR));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\"%s>%s</text>%n",
                    gx + GROUP / 2, TOP + PLOT_HEIGHT + 18, bad ? " fill=\"" + WRONG_COLOR + "\" font-weight=\"bold\"" : "",
                    "Q" + q.query));
            if (bad) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\" fill=\"%s\" font-weight=\"bold\">%s</text>%n",
                        gx + GROUP / 2, TOP + PLOT_HEIGHT + 32, WRONG_COLOR, esc(q.check.label)));
            }
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#212529\"/>%n",
                LEFT, TOP + PLOT_HEIGHT, plotRight, TOP + PLOT_HEIGHT));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#212529\"/>%n",
                LEFT, TOP, LEFT, TOP + PLOT_HEIGHT));
        s.append("</svg>\n");
        return s.toString();
    }

    private static void bar(StringBuilder s, String cls, int x, QueryOutcome q, java.util.List<Double> runs, Scale y,
                            String engine, String color) {
        if (runs.isEmpty()) {
            return;
        }
        double med = QueryOutcome.median(runs);
        double min = QueryOutcome.min(runs);
        double max = QueryOutcome.max(runs);
        double top = y.of(med);
        double bottom = TOP + PLOT_HEIGHT;
        s.append(String.format(Locale.ROOT, "<rect class=\"bar %s\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>Q%d %s: median %s ms (min %s, max %s, %d runs)</title></rect>%n",
                cls, x, top, BAR, Math.max(0.5, bottom - top), color, q.query, engine, Fmt.ms(med), Fmt.ms(min), Fmt.ms(max),
                runs.size()));
        if (runs.size() > 1) {
            double cx = x + BAR / 2.0;
            s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" stroke=\"#212529\" "
                            + "stroke-width=\"1\" fill=\"none\"/>%n",
                    cx, y.of(max), y.of(min), cx - 3, y.of(max), cx + 3, cx - 3, y.of(min), cx + 3));
        }
    }

    private static void legend(StringBuilder s, int x, int y, boolean duck, int bad) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\">Ember</text>%n", x, y - 10, EMBER_COLOR, x + 17, y));
        int next = x + 80;
        if (duck) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">DuckDB</text>%n", next, y - 10, DUCKDB_COLOR, next + 17, y));
            next += 90;
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#495057\">%s</text>%n", next, y,
                esc("whiskers: fastest to slowest run" + (duck ? " · label: Ember/DuckDB (above 1: Ember slower)" : ""))));
        if (bad > 0) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-weight=\"bold\">%s</text>%n",
                    next + 430, y, WRONG_COLOR, esc(bad + " WRONG/FAILED")));
        }
    }

    private static String tick(double v) {
        if (v >= 1000) {
            double s = v / 1000;
            return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)) + " ms";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Log scale from 10^lo (the plot's bottom) to 10^hi (its top). */
    private record Scale(int lo, int hi) {
        double of(double v) {
            if (Double.isNaN(v) || v <= 0) {
                return TOP + PLOT_HEIGHT;
            }
            double f = (Math.log10(v) - lo) / (hi - lo);
            return TOP + PLOT_HEIGHT - Math.max(0, Math.min(1, f)) * PLOT_HEIGHT;
        }
    }
}
