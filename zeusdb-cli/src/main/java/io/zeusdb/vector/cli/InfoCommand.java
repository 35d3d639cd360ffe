package io.zeusdb.vector.cli;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zdb info PATH}: loads a saved index (which verifies it) and prints its manifest,
 * {@code info()} and {@code getStats()}. Exit 0, or 1 with the reason on stderr when the index
 * cannot be loaded.
 */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = ZdbCommand.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Prints the manifest, info() and getStats() of a saved index.",
            "",
            "The index is loaded (and so verified) first. Exit codes: 0 printed, 1 the index cannot be loaded."})
public final class InfoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A saved index directory, e.g. my_index.zdb.")
    private Path path;

    /** Instantiated by picocli. */
    public InfoCommand() {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HnswIndex index;
        String manifest;
        try {
            index = new VectorDatabase().load(path);
            manifest = Files.readString(path.resolve("manifest.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("zdb info: " + VerifyCommand.describe(e));
            err.flush();
            return 1;
        }
        out.println(path.resolve("manifest.json") + ":");
        out.print(manifest);
        out.println();
        out.println("info():");
        out.println("  " + index.info());
        out.println();
        out.println("getStats():");
        Map<String, String> stats = index.getStats();
        int width = stats.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, String> e : stats.entrySet()) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", e.getKey(), e.getValue());
        }
        out.flush();
        return 0;
    }
}
