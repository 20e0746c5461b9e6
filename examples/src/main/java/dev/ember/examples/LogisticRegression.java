package dev.ember.examples;

import dev.ember.engine.Column;
import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.ember.engine.functions.col;
import static dev.ember.engine.functions.count;
import static dev.ember.engine.functions.exp;
import static dev.ember.engine.functions.lit;
import static dev.ember.engine.functions.sum;
import static dev.ember.engine.functions.when;

/**
 * Logistic regression by batch gradient descent over a DataFrame of (x1, x2, label): each
 * iteration is one aggregation query, the gradient's three components summed over all points
 * with the current weights as literals. The points are read by every iteration ({@code --cache}).
 *
 * <p>{@code ./ember example logreg [N] [--iterations I] [--cache]}: N generated points (default
 * 100,000); prints each iteration's time and loss-free accuracy, then the weights.
 */
public final class LogisticRegression {
    private LogisticRegression() {
    }

    /** w0 + w1·x1 + w2·x2 > 0 predicts label 1. */
    public record Weights(double w0, double w1, double w2) {
        Column margin() {
            return lit(w0).plus(col("x1").multiply(lit(w1))).plus(col("x2").multiply(lit(w2)));
        }
    }

    public static Weights train(DataFrame points, int iterations, double learningRate, List<Long> timesMs) {
        Weights w = new Weights(0, 0, 0);
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            Column error = lit(1.0).divide(lit(1.0).plus(exp(w.margin().unary_minus()))).minus(col("label"));
            Row g = points.agg(sum(error).as("g0"), sum(error.multiply(col("x1"))).as("g1"),
                    sum(error.multiply(col("x2"))).as("g2"), count("*").as("n")).first();
            double n = g.getLong(3);
            w = new Weights(w.w0() - learningRate * g.getDouble(0) / n, w.w1() - learningRate * g.getDouble(1) / n,
                    w.w2() - learningRate * g.getDouble(2) / n);
            timesMs.add((System.nanoTime() - t0) / 1_000_000);
        }
        return w;
    }

    /** The share of points whose label the weights predict. */
    public static double accuracy(DataFrame points, Weights w) {
        Row r = points.agg(sum(when(w.margin().gt(0).equalTo(col("label").equalTo(1.0)), 1).otherwise(0)).as("ok"),
                count("*")).first();
        return ((Number) r.get(0)).doubleValue() / r.getLong(1);
    }

    /** Label 1 above the line x2 = 0.5·x1 + 1, with 5% of the labels flipped (noise). */
    static DataFrame generate(EmberSession session, int n, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x1 = r.nextDouble() * 10 - 5;
            double x2 = r.nextDouble() * 10 - 5;
            boolean above = x2 > 0.5 * x1 + 1;
            if (r.nextInt(20) == 0) {
                above = !above;
            }
            rows.add(Row.of(x1, x2, above ? 1.0 : 0.0));
        }
        return session.createDataFrame(rows, "x1 DOUBLE, x2 DOUBLE, label DOUBLE");
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 20);
        int n = Integer.parseInt(args.positional(0, "100000"));
        try (EmberSession session = Sessions.local("logreg")) {
            DataFrame points = generate(session, n, 5).repartition(args.partitions());
            if (args.cache()) {
                points = points.cache();
            }
            List<Long> times = new ArrayList<>();
            Weights w = train(points, args.iterations(), 1.0, times);
            for (int i = 0; i < times.size(); i++) {
                System.out.printf("iteration %d: %d ms%s%n", i + 1, times.get(i), args.cache() ? " (cached)" : "");
            }
            System.out.printf("weights: w0=%.4f w1=%.4f w2=%.4f, training accuracy %.2f%%%n", w.w0(), w.w1(), w.w2(),
                    100 * accuracy(points, w));
        }
    }
}
