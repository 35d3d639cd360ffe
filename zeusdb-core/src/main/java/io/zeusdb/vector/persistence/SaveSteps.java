package io.zeusdb.vector.persistence;

import java.util.function.Consumer;

/**
 * Named points of the save procedure ("config.json written", "renamed staging to target", ...),
 * reported to an optional listener. Crash tests install a listener that halts the JVM at one
 * point to prove that an interrupted save leaves a loadable index; nothing else uses it, and
 * without a listener a step costs one volatile read.
 *
 * <p>Internal: not part of the public API.
 */
public final class SaveSteps {

    private static volatile Consumer<String> listener;

    private SaveSteps() {}

    /** Installs (or, with {@code null}, removes) the process-wide step listener. For tests. */
    public static void setListener(Consumer<String> l) {
        listener = l;
    }

    static void step(String name) {
        Consumer<String> l = listener;
        if (l != null) {
            l.accept(name);
        }
    }
}
