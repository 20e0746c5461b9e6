package dev.ember.tpch.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./ember bench ...}: {@code tpch} (the default) runs the TPC-H benchmark,
 * {@code compare A B} compares two reports. The launcher passes the repository as
 * {@code -Dember.home}, under which the default report and data folders go.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        Path cwd = Path.of("").toAbsolutePath();
        Path home = Path.of(System.getProperty("ember.home", cwd.toString())).toAbsolutePath();
        System.exit(run(args, cwd, home, System.out, System.err));
    }

    /** Runs a bench command; returns the exit status (0 ok, 1 wrong answers or failures, 2 usage or set-up errors). */
    public static int run(String[] argv, Path cwd, Path home, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String command = args.isEmpty() || args.get(0).startsWith("-") ? "tpch" : args.remove(0);
        try {
            return switch (command) {
                case "tpch" -> {
                    if (args.contains("-h") || args.contains("--help")) {
                        out.print(BenchOptions.USAGE);
                        yield 0;
                    }
                    yield new TpchBench(BenchOptions.parse(args, cwd, home), out, home).run();
                }
                case "compare" -> Compare.run(args, cwd, out);
                case "help" -> {
                    out.print(BenchOptions.USAGE);
                    yield 0;
                }
                default -> throw new BenchOptions.UsageException("unknown bench command '" + command + "'");
            };
        } catch (BenchOptions.UsageException e) {
            err.println("ember bench: " + e.getMessage());
            err.print(BenchOptions.USAGE);
            return 2;
        } catch (Exception e) {
            err.println("ember bench: failed: " + e);
            e.printStackTrace(err);
            return 2;
        }
    }
}
