package dev.ember.shell;

import dev.ember.common.EmberException;
import dev.ember.engine.EmberSession;
import dev.ember.physical.scheduler.ProgressListener;
import dev.ember.sql.EmberSqlParser;
import dev.ember.sql.ParsedStatement;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The interactive loop: statements end with ';' and may span lines; history in
 * {@code ~/.ember_history}; Ctrl-C cancels the running query (or the line being typed) and the
 * shell goes on; Ctrl-D exits. Lines starting with '.' or '\' are meta commands (.help).
 */
final class Repl {
    private static final String HELP = """
            Statements end with ';' and may span lines. Meta commands:
              .help, \\?                 this help
              .tables [schema]          list tables (SHOW TABLES)
              .schemas                  list schemas
              .describe TABLE           columns of a table
              .mode MODE                table, csv, tsv, json, markdown, vertical
              .timer on|off, \\timing    print elapsed time after each statement
              .read FILE                run a SQL script
              .set KEY VALUE            change a setting (SET KEY = VALUE)
              .settings                 list every setting (SET -v)
              .quit, .exit, \\q          leave (or Ctrl-D)
            Ctrl-C cancels the running query.
            """;

    private final EmberSession session;
    private final ResultPrinter printer;
    private boolean timer;

    Repl(EmberSession session, ResultPrinter printer) {
        this.session = session;
        this.printer = printer;
    }

    int run() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("ember")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".ember_history"))
                    .build();
            PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            out.println("Ember " + version() + " — an embeddable Spark-style SQL engine. Type .help for help.");
            out.println("Try: select l_returnflag, count(*) from tpch.tiny.lineitem group by 1 order by 1;");
            StringBuilder buf = new StringBuilder();
            while (true) {
                String line;
                try {
                    line = reader.readLine(buf.isEmpty() ? "ember> " : "   ...> ");
                } catch (UserInterruptException e) {
                    buf.setLength(0);
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                String trimmed = line.trim();
                if (buf.isEmpty() && (trimmed.startsWith(".") || trimmed.startsWith("\\"))) {
                    if (!meta(trimmed, out, terminal)) {
                        return 0;
                    }
                    continue;
                }
                buf.append(line).append('\n');
                if (complete(buf)) {
                    execute(buf.toString(), out, terminal);
                    buf.setLength(0);
                }
            }
        } catch (IOException e) {
            System.err.println("cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }

    private static String version() {
        String v = Repl.class.getPackage().getImplementationVersion();
        return v == null ? "0.1" : v;
    }

    /** True when the buffer ends with ';' outside quotes and comments. */
    static boolean complete(CharSequence s) {
        boolean single = false;
        boolean dbl = false;
        boolean back = false;
        boolean lineComment = false;
        boolean blockComment = false;
        char last = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (lineComment) {
                if (c == '\n') {
                    lineComment = false;
                }
                continue;
            }
            if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    i++;
                }
                continue;
            }
            if (single) {
                single = c != '\'';
                continue;
            }
            if (dbl) {
                dbl = c != '"';
                continue;
            }
            if (back) {
                back = c != '`';
                continue;
            }
            switch (c) {
                case '\'' -> single = true;
                case '"' -> dbl = true;
                case '`' -> back = true;
                case '-' -> {
                    if (next == '-') {
                        lineComment = true;
                    }
                }
                case '/' -> {
                    if (next == '*') {
                        blockComment = true;
                        i++;
                    }
                }
                default -> {
                }
            }
            if (!Character.isWhitespace(c)) {
                last = c;
            }
        }
        return !single && !dbl && !back && !blockComment && last == ';';
    }

    private void execute(String script, PrintStream out, Terminal terminal) {
        long start = System.nanoTime();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> session.cancelAll());
        try {
            for (ParsedStatement s : EmberSqlParser.parseScript(script)) {
                ResultPrinter p = new ResultPrinter(out);
                p.setMode(printer.mode());
                Main.runStatement(session, s, script, p, ProgressListener.NONE);
            }
        } catch (EmberException e) {
            out.println(e.display());
        } catch (RuntimeException e) {
            out.println("[INTERNAL_ERROR] " + e);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
        if (timer) {
            out.printf(Locale.ROOT, "Run Time: %.3f s%n", (System.nanoTime() - start) / 1e9);
        }
    }

    /** Runs a meta command; false means quit. */
    private boolean meta(String cmd, PrintStream out, Terminal terminal) {
        String[] parts = cmd.split("\\s+", 3);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String arg = parts.length > 1 ? parts[1] : null;
        switch (name) {
            case ".quit", ".exit", "\\q" -> {
                return false;
            }
            case ".help", "\\?", "\\h" -> out.print(HELP);
            case ".tables", "\\dt" -> execute("show tables" + (arg == null ? "" : " in " + arg) + ";", out, terminal);
            case ".schemas", "\\dn" -> execute("show schemas;", out, terminal);
            case ".describe", "\\d" -> {
                if (arg == null) {
                    out.println("usage: .describe TABLE");
                } else {
                    execute("describe " + arg + ";", out, terminal);
                }
            }
            case ".mode" -> {
                try {
                    printer.setMode(ResultPrinter.Mode.valueOf(String.valueOf(arg).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    out.println("modes: table, csv, tsv, json, markdown, vertical");
                }
            }
            case ".timer" -> timer = "on".equalsIgnoreCase(arg);
            case "\\timing" -> {
                timer = !timer;
                out.println("Timing is " + (timer ? "on." : "off."));
            }
            case ".read", "\\i" -> {
                if (arg == null) {
                    out.println("usage: .read FILE");
                } else {
                    try {
                        execute(Files.readString(Path.of(arg), StandardCharsets.UTF_8), out, terminal);
                    } catch (IOException e) {
                        out.println("cannot read " + arg + ": " + e.getMessage());
                    }
                }
            }
            case ".set" -> {
                if (arg == null || parts.length < 3) {
                    out.println("usage: .set KEY VALUE");
                } else {
                    execute("set " + arg + " = " + parts[2] + ";", out, terminal);
                }
            }
            case ".settings" -> execute("set -v;", out, terminal);
            default -> out.println("unknown command " + name + " (.help lists them)");
        }
        return true;
    }

}
