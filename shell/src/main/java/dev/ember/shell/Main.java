package dev.ember.shell;

import dev.ember.common.EmberException;
import dev.ember.engine.DataFrame;
import dev.ember.engine.EmberSession;
import dev.ember.engine.QueryResult;
import dev.ember.engine.Row;
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
            if (System.console() == null) {
                String text;
                try {
                    text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("cannot read standard input: " + e.getMessage());
                    return 1;
                }
                return runScript(session, text, printer, err) ? 0 : 1;
            }
            return new Repl(session, printer).run();
        }
    }

    /** Runs every statement of a script, printing results; false (after printing the error) on the first failure. */
    static boolean runScript(EmberSession session, String script, ResultPrinter printer, PrintStream err) {
        try {
            for (ParsedStatement s : EmberSqlParser.parseScript(script)) {
                runStatement(session, s, script, printer, ProgressListener.NONE);
            }
            return true;
        } catch (EmberException e) {
            err.println(e.display());
            return false;
        } catch (RuntimeException e) {
            err.println("[INTERNAL_ERROR] " + e);
            return false;
        }
    }

    static void runStatement(EmberSession session, ParsedStatement s, String source, ResultPrinter printer,
                             ProgressListener progress) {
        DataFrame df = session.execute(s, source);
        List<Row> rows;
        if (df.isLocal()) {
            rows = df.collectAsList();
        } else {
            try (QueryResult r = df.execute(progress)) {
                rows = r.toList();
            }
        }
        printer.print(df.schema(), rows);
    }
}
