package dev.ember.examples;

import dev.ember.engine.EmberSession;
import dev.ember.engine.rdd.JavaPairRdd;
import dev.ember.engine.rdd.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Average salary by zip-code bucket, in two MapReduce rounds. Round 1 reduces the employees to
 * a (salary sum, count) per zip code; round 2 maps each zip code to its bucket (its first three
 * digits) and reduces the partial sums again, so the average is exact (an average of averages
 * would weight small zip codes too much).
 *
 * <p>{@code ./ember example avgsalary [N]}: N generated employees (default 100,000).
 */
public final class AverageSalaryByZip {
    private AverageSalaryByZip() {
    }

    public record Employee(String name, String zip, long salary) implements java.io.Serializable {
    }

    /** (sum, count): the partial aggregate both rounds reduce. */
    public record SumCount(long sum, long count) implements java.io.Serializable {
        SumCount plus(SumCount o) {
            return new SumCount(sum + o.sum, count + o.count);
        }

        double average() {
            return (double) sum / count;
        }
    }

    public static JavaPairRdd<String, SumCount> roundOne(EmberSession session, List<Employee> employees, int partitions) {
        return session.parallelize(employees, partitions)
                .mapToPair(e -> new Tuple2<>(e.zip(), new SumCount(e.salary(), 1)))
                .reduceByKey(SumCount::plus);
    }

    public static JavaPairRdd<String, Double> roundTwo(JavaPairRdd<String, SumCount> byZip) {
        return byZip.mapToPair(z -> new Tuple2<>(z._1().substring(0, 3) + "xx", z._2()))
                .reduceByKey(SumCount::plus)
                .mapValues(SumCount::average)
                .sortByKey();
    }

    static List<Employee> generate(int n, long seed) {
        Random r = new Random(seed);
        List<Employee> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int bucket = 100 + r.nextInt(8);
            String zip = bucket + String.format("%02d", r.nextInt(100));
            // Salaries rise with the bucket, so the averages differ visibly.
            out.add(new Employee("e" + i, zip, 30_000 + (bucket - 100) * 5_000L + r.nextInt(40_000)));
        }
        return out;
    }

    public static void main(String[] argv) {
        Args args = Args.parse(argv, 0);
        int n = Integer.parseInt(args.positional(0, "100000"));
        try (EmberSession session = Sessions.local("avgsalary")) {
            JavaPairRdd<String, SumCount> byZip = roundOne(session, generate(n, 1), args.partitions());
            System.out.println("round 1: " + byZip.count() + " zip codes");
            for (Tuple2<String, Double> b : roundTwo(byZip).collect()) {
                System.out.printf("round 2: bucket %s  average salary %,.2f%n", b._1(), b._2());
            }
        }
    }
}
