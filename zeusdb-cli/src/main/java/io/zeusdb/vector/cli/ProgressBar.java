package io.zeusdb.vector.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with carriage returns, for a terminal. When disabled
 * (output piped or redirected) it draws nothing at all, so logs and files stay clean.
 *
 * <pre>{@code
 * ProgressBar bar = new ProgressBar(err, "building", n, ProgressBar.interactive());
 * for (...) { ...; bar.update(done); }
 * bar.finish();
 * }</pre>
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long MIN_REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;

    /**
     * @param out     where to draw (standard error)
     * @param label   a word shown before the bar
     * @param total   the count that means done
     * @param enabled false to draw nothing
     */
    public ProgressBar(PrintWriter out, String label, long total, boolean enabled) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.enabled = enabled;
    }

    /**
     * Whether this JVM talks to an interactive terminal. Before JDK 22 that is
     * {@code System.console() != null}; from JDK 22 on a console may exist without a terminal,
     * so {@code Console.isTerminal()} is asked too.
     */
    public static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Redraws the bar for {@code done} units (at most ten times a second, and always at the end). */
    public void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && lastDraw != Long.MIN_VALUE && now - lastDraw < MIN_REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String line = String.format(Locale.ROOT, "%s [%s%s] %3d%%  %,d/%,d  %.1f s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, (now - started) / 1e9);
        StringBuilder sb = new StringBuilder("\r").append(line);
        if (line.length() < lastLength) {
            sb.append(" ".repeat(lastLength - line.length()));
        }
        lastLength = line.length();
        out.print(sb);
        out.flush();
    }

    /** Erases the bar, leaving the cursor at the start of an empty line. */
    public void finish() {
        if (!enabled || lastLength == 0) {
            return;
        }
        out.print("\r" + " ".repeat(lastLength) + "\r");
        out.flush();
        lastLength = 0;
    }
}
