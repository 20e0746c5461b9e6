package dev.ember.shell;

import dev.ember.engine.EmberSession;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell on JLine's own virtual terminal (an xterm on pipes, so CI needs nothing installed):
 * keys go in as a person types them, the screen is read back.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TerminalTest {
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]|\u001b[=>]|\r");

    private EmberSession session;
    private PipedOutputStream keys;
    private ByteArrayOutputStream screen;
    private Terminal terminal;
    private Thread shell;
    private final AtomicInteger status = new AtomicInteger(-1);

    @BeforeEach
    void start() throws IOException {
        session = EmberSession.builder().getOrCreate();
        // Generate the data now, so that the clock in the tests measures queries only.
        session.sql("select count(*) from tpch.tiny.lineitem").collectAsList();
        session.sql("select count(*) from tpch.tiny.orders").collectAsList();
        PipedInputStream in = new PipedInputStream(1 << 16);
        keys = new PipedOutputStream(in);
        screen = new ByteArrayOutputStream();
        // JLine's terminal with its own line discipline in Java: Ctrl-C raises INT as a tty would.
        terminal = new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(160, 50));
        ResultPrinter printer = new ResultPrinter(System.out);
        printer.setMaxRows(Repl.DEFAULT_MAX_ROWS);
        Repl repl = new Repl(session, printer, terminal, null);
        shell = new Thread(() -> status.set(repl.run()), "shell-under-test");
        shell.start();
        waitFor("ember> ", 0);
    }

    @AfterEach
    void stop() throws Exception {
        if (shell.isAlive()) {
            type(".quit\n");
            shell.join(10_000);
        }
        terminal.close();
        session.close();
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** The screen as text, without escape sequences. */
    private String text() {
        return ANSI.matcher(screen.toString(StandardCharsets.UTF_8)).replaceAll("");
    }

    /** Waits until {@code expected} appears on the screen after offset {@code from}; returns where it ends. */
    private int waitFor(String expected, int from) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String t = text();
            int i = t.indexOf(expected, from);
            if (i >= 0) {
                return i + expected.length();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("never saw '" + expected + "' on the screen:\n" + text().substring(Math.min(from, text().length())));
    }

    @Test
    void aMultiLineQueryWithATableNameCompletedByTab() throws Exception {
        type("select n_nationkey, n_name\n");
        int at = waitFor("   ...> ", 0);
        type("from tpch.tiny.nat\t");
        at = waitFor("tpch.tiny.nation", at);
        type("where n_nationkey < 3 order by 1;\n");
        at = waitFor("3 rows", at);
        String out = text();
        assertThat(out).contains("n_nationkey").contains("bigint").contains("ALGERIA").contains("ARGENTINA").contains("BRAZIL");
        type(".quit\n");
        shell.join(10_000);
        assertThat(status.get()).isZero();
    }

    @Test
    void ctrlCCancelsALongQueryAndTheShellGoesOn() throws Exception {
        type("select count(*) from tpch.tiny.lineitem a, tpch.tiny.orders b where a.l_partkey + b.o_custkey < 0;\n");
        // The progress line shows the running stages on this (non-dumb) terminal.
        int at = waitFor("[Stage ", 0);
        long start = System.nanoTime();
        type("\u0003");
        at = waitFor("QUERY_CANCELLED", at);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
        type("select 40 + 2 as answer;\n");
        at = waitFor("answer", at);
        waitFor("42", at);
        assertThat(shell.isAlive()).isTrue();
    }

    @Test
    void errorsPrintAsOneBlockAndTheShellGoesOn() throws Exception {
        type("select *\nfrom tpch.tiny.nosuch;\n");
        int at = waitFor("Error: [TABLE_OR_VIEW_NOT_FOUND]", 0);
        at = waitFor("from tpch.tiny.nosuch", at);
        waitFor("^", at);
        type(".tables tpch.tiny\n");
        at = waitFor("lineitem", at);
        type(".mode csv\nselect r_name from tpch.tiny.region order by 1;\n");
        waitFor("AFRICA\nAMERICA\nASIA", at);
    }
}
