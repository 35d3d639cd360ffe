package io.zeusdb.examples;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Progress of a step that takes seconds (embedding the corpus). On a terminal it is one line
 * redrawn in place; when the output is piped or captured it prints a line at each quarter instead,
 * so logs show the progress without hundreds of carriage returns.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final int total;
    private final boolean redraw;
    private final long started = System.nanoTime();
    private int lastQuarter;
    private int lastLength;

    Progress(PrintWriter out, String label, int total, boolean redraw) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.redraw = redraw;
    }

    /**
     * Whether this JVM writes to an interactive terminal. From JDK 22 on a console may exist
     * without a terminal, so {@code Console.isTerminal()} is asked when it exists (by reflection:
     * the code is compiled for Java 21).
     */
    static boolean interactive() {
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

    /** Reports that {@code done} of the total units are finished. */
    void update(int done) {
        double seconds = (System.nanoTime() - started) / 1e9;
        int percent = (int) Math.min(100, Math.round(100.0 * done / total));
        if (redraw) {
            int filled = (int) Math.round(percent / 100.0 * WIDTH);
            String line = String.format(Locale.ROOT, "%s [%s%s] %3d%%  %d/%d  %.1f s", label, "#".repeat(filled),
                    "-".repeat(WIDTH - filled), percent, done, total, seconds);
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            if (done >= total) {
                out.println();
            }
        } else {
            int quarter = percent / 25;
            if (quarter > lastQuarter) {
                lastQuarter = quarter;
                out.printf(Locale.ROOT, "%s %3d%%  %d/%d  %.1f s%n", label, percent, done, total, seconds);
            }
        }
        out.flush();
    }
}
