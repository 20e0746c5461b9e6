package dev.ember.shell;

import dev.ember.common.EmberException;
import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.ResultStream;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.sql.EmberSqlParser;
import dev.ember.sql.ParsedStatement;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ./ember}: the interactive shell on the built-in {@code tpch} catalog, or, with
 * {@code -e SQL}, {@code -f FILE} or SQL piped on standard input, a one-shot runner that prints
 * plain results and exits non-zero when a statement fails.
 */
public final class Main {
    static final String USAGE = """
            usage: ember [options]
              (no options)          interactive shell (statements end with ';')
              -e, --execute SQL     run SQL (one or more statements) and exit
              -f, --file FILE       run a SQL script and exit
              -c, --conf KEY=VALUE  set an ember.* setting (repeatable; SET -v lists them)
              -m, --mode MODE       output: table, csv, tsv, json, markdown, vertical
              -h, --help            this help
            SQL piped on standard input runs as a script.
            ember server [--port N] [--host ADDRESS]: serve Ember over the network (ember server --help)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the shell; returns the process exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("server")) {
            return Server.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        List<String> sql = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String[]> settings = new ArrayList<>();
        ResultPrinter.Mode mode = ResultPrinter.Mode.TABLE;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "-e", "--execute" -> sql.add(args[++i]);
                    case "-f", "--file" -> files.add(Path.of(args[++i]));
                    case "-c", "--conf" -> {
                        String kv = args[++i];
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            err.println("--conf takes KEY=VALUE, got '" + kv + "'");
                            return 2;
                        }
                        settings.add(new String[] {kv.substring(0, eq).trim(), kv.substring(eq + 1).trim()});
                    }
                    case "-m", "--mode" -> mode = ResultPrinter.Mode.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> {
                        err.println("unknown option '" + a + "'\n" + USAGE);
                        return 2;
                    }
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                err.println(a + " needs a value\n" + USAGE);
                return 2;
            } catch (IllegalArgumentException e) {
                err.println("unknown output mode; use table, csv, tsv, json, markdown or vertical");
                return 2;
            }
        }
        EmberSession.Builder builder = EmberSession.builder();
        try {
            for (String[] kv : settings) {
                builder.config(kv[0], kv[1]);
            }
        } catch (EmberException e) {
            err.println(e.display());
            return 2;
        }
        try (EmberSession session = builder.getOrCreate()) {
            ResultPrinter printer = new ResultPrinter(out);
            printer.setMode(mode);
            // Scripts print every row; the interactive shell shows a bounded table.
            printer.setMaxRows(0);
            if (!sql.isEmpty() || !files.isEmpty()) {
                for (String s : sql) {
                    if (!runScript(session, s, printer, err)) {
                        return 1;
                    }
                }
                for (Path f : files) {
                    String text;
                    try {
                        text = Files.readString(f, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        err.println("cannot read " + f + ": " + e.getMessage());
                        return 1;
                    }
                    if (!runScript(session, text, printer, err)) {
                        return 1;
                    }
                }
                return 0;
            }
            if (!interactive()) {
                String text;
                try {
                    text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("cannot read standard input: " + e.getMessage());
                    return 1;
                }
                return runScript(session, text, printer, err) ? 0 : 1;
            }
            printer.setMaxRows(Repl.DEFAULT_MAX_ROWS);
            return Repl.runOnSystemTerminal(session, printer);
        }
    }

    /**
     * True when standard input and output are a terminal. (From JDK 22 on, System.console() is
     * there even for pipes; Console.isTerminal, called reflectively as Ember builds for JDK 21,
     * says whether it really is one.)
     */
    static boolean interactive() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Runs every statement of a script, printing results; false (after printing the error) on the first failure. */
    static boolean runScript(EmberSession session, String script, ResultPrinter printer, PrintStream err) {
        try {
            for (ParsedStatement s : EmberSqlParser.parseScript(script)) {
                runStatement(session, s, script, printer, ProgressListener.NONE, r -> { });
            }
            return true;
        } catch (RuntimeException e) {
            err.println(errorBlock(e, false));
            return false;
        }
    }

    /**
     * Runs one statement and prints its result. A query's rows are printed as they stream in
     * (its memory stays bounded however large it is); {@code running} hears of the query while
     * it runs (the shell cancels it on Ctrl-C).
     */
    static void runStatement(EmberSession session, ParsedStatement s, String source, ResultPrinter printer,
                             ProgressListener progress, Consumer<ResultStream> running) {
        DataFrame df = session.execute(s, source);
        if (df.isLocal()) {
            printer.print(df.schema(), df.collectAsList());
            return;
        }
        try (ResultStream rows = ResultStream.open(df, progress)) {
            running.accept(rows);
            try {
                printer.print(df.schema(), rows);
            } finally {
                running.accept(null);
            }
        }
    }

    /**
     * An error as one block: the error class and the message, then (for errors with a position)
     * the statement's line with a caret under the offending token.
     */
    static String errorBlock(Throwable e, boolean color) {
        String text = e instanceof EmberException ee ? ee.display() : "[INTERNAL_ERROR] " + e;
        String head = "Error: ";
        if (color) {
            head = "\u001b[1;31m" + head + "\u001b[0m";
        }
        return head + text;
    }
}
