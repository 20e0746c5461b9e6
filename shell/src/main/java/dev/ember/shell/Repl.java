package dev.ember.shell;

import dev.ember.engine.EmberSession;
import dev.ember.engine.ResultStream;
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
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The interactive loop: statements end with ';' and may span lines (a continuation prompt);
 * history in {@code ~/.ember_history}; Tab completes from the live catalog; SQL is highlighted
 * as it is typed; a progress line shows running stages; Ctrl-C cancels the running query (or
 * the statement being typed) and the shell goes on; Ctrl-D exits. Lines starting with '.' or
 * '\' are meta commands ({@code .help}).
 */
final class Repl {
    static final int DEFAULT_MAX_ROWS = 40;

    static final String HELP = """
            Statements end with ';' and may span lines; Tab completes names, Ctrl-C cancels a query.
            Meta commands:
              .help, \\?                 this help
              .tables [SCHEMA]          list tables (SHOW TABLES), \\dt
              .schemas                  list schemas, \\dn
              .describe TABLE           columns of a table, \\d TABLE
              .mode [MODE]              output: table, csv, tsv, json, markdown, vertical
              .maxrows [N]              rows a table shows (first and last halves; 0 = all)
              .timer on|off, \\timing    print elapsed time after each statement
              .read FILE                run a SQL script, \\i FILE
              .output [FILE]            send results to FILE (no FILE: back to the screen), \\o
              .set KEY VALUE            change a setting (SET KEY = VALUE)
              .settings                 list every setting and its value (SET -v)
              .quit, .exit, \\q          leave (or Ctrl-D)
            """;

    private final EmberSession session;
    private final ResultPrinter printer;
    private final Terminal terminal;
    private final Path historyFile;
    private final PrintStream screen;
    private final StringBuilder pending = new StringBuilder();
    private volatile ResultStream running;
    private boolean timer;
    private PrintStream file;

    Repl(EmberSession session, ResultPrinter printer, Terminal terminal, Path historyFile) {
        this.session = session;
        this.printer = printer;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.screen = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        printer.setOut(screen);
    }

    static int runOnSystemTerminal(EmberSession session, ResultPrinter printer) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return new Repl(session, printer, terminal, Path.of(System.getProperty("user.home"), ".ember_history")).run();
        } catch (IOException e) {
            System.err.println("cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }

    /** A terminal that can redraw a line in place (not "dumb"): the progress line and colors need one. */
    private boolean capable() {
        return !terminal.getType().startsWith(Terminal.TYPE_DUMB);
    }

    int run() {
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("ember")
                .parser(SqlCompleter.parser())
                .completer(new SqlCompleter(session, pending::toString))
                .highlighter(new SqlHighlighter())
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (historyFile != null) {
            b.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = b.build();
        screen.println("Ember " + version() + ": an embeddable Spark-style SQL engine. Type .help for help, Ctrl-D to quit.");
        screen.println("Try: select l_returnflag, count(*) from tpch.tiny.lineitem group by 1 order by 1;");
        // Ctrl-C while a query runs cancels it (while typing, JLine reports it as UserInterruptException).
        terminal.handle(Terminal.Signal.INT, s -> {
            ResultStream r = running;
            if (r != null) {
                r.cancel();
            } else {
                session.cancelAll();
            }
        });
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(pending.isEmpty() ? "ember> " : "   ...> ");
                } catch (UserInterruptException e) {
                    pending.setLength(0);
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                String trimmed = line.trim();
                if (pending.isEmpty() && (trimmed.startsWith(".") || trimmed.startsWith("\\"))) {
                    if (!meta(trimmed)) {
                        return 0;
                    }
                    continue;
                }
                if (pending.isEmpty() && trimmed.isEmpty()) {
                    continue;
                }
                pending.append(line).append('\n');
                if (complete(pending)) {
                    String script = pending.toString();
                    pending.setLength(0);
                    execute(script);
                }
            }
        } finally {
            closeFile();
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

    /** Runs a script, one statement at a time; the first failure prints an error block and stops the script. */
    private void execute(String script) {
        long start = System.nanoTime();
        try {
            for (ParsedStatement s : EmberSqlParser.parseScript(script)) {
                runOne(s, script);
            }
        } catch (RuntimeException e) {
            screen.println(Main.errorBlock(e, capable()));
        }
        if (timer) {
            screen.printf(Locale.ROOT, "Run Time: %.3f s%n", (System.nanoTime() - start) / 1e9);
        }
    }

    private void runOne(ParsedStatement s, String script) {
        ProgressLine progress = capable() && file == null ? new ProgressLine(new PrintWriter(terminal.writer(), true)) : null;
        printer.beforeOutput(progress == null ? null : progress::close);
        try {
            Main.runStatement(session, s, script, printer, progress == null ? ProgressListener.NONE : progress,
                    r -> running = r);
        } finally {
            running = null;
            printer.beforeOutput(null);
            if (progress != null) {
                progress.close();
            }
        }
    }

    /** Runs a meta command; false means quit. */
    private boolean meta(String cmd) {
        String[] parts = cmd.split("\\s+", 3);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String arg = parts.length > 1 ? parts[1] : null;
        switch (name) {
            case ".quit", ".exit", "\\q" -> {
                return false;
            }
            case ".help", "\\?", "\\h" -> screen.print(HELP);
            case ".tables", "\\dt" -> execute("show tables" + (arg == null ? "" : " in " + arg) + ";");
            case ".schemas", "\\dn" -> execute("show schemas;");
            case ".describe", "\\d" -> {
                if (arg == null) {
                    screen.println("usage: .describe TABLE");
                } else {
                    execute("describe " + arg + ";");
                }
            }
            case ".mode" -> {
                if (arg == null) {
                    screen.println("mode: " + printer.mode().name().toLowerCase(Locale.ROOT));
                } else {
                    try {
                        printer.setMode(ResultPrinter.Mode.valueOf(arg.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        screen.println("modes: table, csv, tsv, json, markdown, vertical");
                    }
                }
            }
            case ".maxrows" -> {
                if (arg == null) {
                    screen.println("maxrows: " + printer.maxRows());
                } else {
                    try {
                        printer.setMaxRows(Math.max(0, Integer.parseInt(arg)));
                    } catch (NumberFormatException e) {
                        screen.println("usage: .maxrows N (0 shows every row)");
                    }
                }
            }
            case ".timer" -> {
                if (arg == null || !(arg.equalsIgnoreCase("on") || arg.equalsIgnoreCase("off"))) {
                    screen.println("usage: .timer on|off");
                } else {
                    timer = arg.equalsIgnoreCase("on");
                }
            }
            case "\\timing" -> {
                timer = !timer;
                screen.println("Timing is " + (timer ? "on." : "off."));
            }
            case ".read", "\\i" -> {
                if (arg == null) {
                    screen.println("usage: .read FILE");
                } else {
                    try {
                        execute(Files.readString(Path.of(arg), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        screen.println("cannot read " + arg + ": " + e.getMessage());
                    }
                }
            }
            case ".output", "\\o" -> output(arg);
            case ".set" -> {
                if (arg == null || parts.length < 3) {
                    screen.println("usage: .set KEY VALUE");
                } else {
                    execute("set " + arg + " = " + parts[2] + ";");
                }
            }
            case ".settings" -> execute("set -v;");
            default -> screen.println("unknown command " + name + " (.help lists them)");
        }
        return true;
    }

    /** {@code .output FILE}: results go to the file (created or truncated); {@code .output}: back to the screen. */
    private void output(String path) {
        closeFile();
        if (path == null) {
            printer.setOut(screen);
            return;
        }
        try {
            file = new PrintStream(Files.newOutputStream(Path.of(path)), true, StandardCharsets.UTF_8);
            printer.setOut(file);
            screen.println("results go to " + path + " (.output alone to go back)");
        } catch (IOException e) {
            screen.println("cannot write " + path + ": " + e.getMessage());
            printer.setOut(screen);
        }
    }

    private void closeFile() {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
