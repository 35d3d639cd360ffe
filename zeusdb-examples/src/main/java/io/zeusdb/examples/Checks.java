package io.zeusdb.examples;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Counts the demo's checks and prints one marked line per check, as {@code zdb demo} does. */
final class Checks {

    private final PrintWriter out;
    private final String pass;
    private final String fail;
    private int total;
    private int failed;

    Checks(PrintWriter out, Charset charset) {
        this.out = out;
        // a terminal that cannot show the ticks (a C locale) still gets a readable mark
        boolean unicode = charset.newEncoder().canEncode("\u2713\u2717");
        this.pass = unicode ? "\u2713" : "[ok]";
        this.fail = unicode ? "\u2717" : "[FAILED]";
    }

    /** Prints {@code passText} after a tick when {@code ok}, otherwise {@code failText} after a cross. */
    boolean check(boolean ok, String passText, String failText) {
        total++;
        if (ok) {
            out.println(pass + " " + passText);
        } else {
            failed++;
            out.println(fail + " FAILED: " + failText);
        }
        out.flush();
        return ok;
    }

    int total() {
        return total;
    }

    int failed() {
        return failed;
    }
}
