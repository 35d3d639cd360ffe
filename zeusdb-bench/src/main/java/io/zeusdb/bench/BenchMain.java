package io.zeusdb.bench;

import io.zeusdb.bench.jmh.JmhCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code zdb-bench.jar}: {@code compare} (the side-by-side run), {@code jmh} (the
 * microbenchmarks) and the hidden {@code child} that {@code compare} spawns per library.
 */
@Command(name = "zdb-bench", mixinStandardHelpOptions = true,
        subcommands = {CompareCommand.class, JmhCommand.class, ChildCommand.class},
        description = "ZeusDB benchmarks: compare with peers, and JMH microbenchmarks.")
public final class BenchMain implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new BenchMain()).execute(args);
    }
}
