package io.zeusdb.vector.cli;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.VectorDatabase;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.persistence.ZdbReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zdb verify PATH}: checks a saved index without changing it: the manifest and its own
 * digest, the format version, the file inventory, every artefact's length and CRC32C, then every
 * structural invariant a load checks (counts consistent across files, ids unique, internal ids
 * increasing, graph neighbours in range, on their layer, not repeated, levels at most 15, the
 * entry point at the top level). Exit 0 when sound; 1 with every problem listed otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = ZdbCommand.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Checks every digest and structural invariant of a saved index.",
            "",
            "Lists all inventory and digest problems at once; if there are none, decodes every file and reports the "
                    + "first structural problem. Exit codes: 0 sound, 1 problems found (listed on stdout)."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A saved index directory, e.g. my_index.zdb.")
    private Path path;

    /** Instantiated by picocli. */
    public VerifyCommand() {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ZdbFormatException> problems;
        try {
            problems = ZdbReader.verify(path);
        } catch (IOException e) {
            out.println(path + ": NOT SOUND, 1 problem");
            out.println("  - " + describe(e));
            out.flush();
            return 1;
        }
        if (!problems.isEmpty()) {
            out.printf(Locale.ROOT, "%s: NOT SOUND, %d problem%s%n", path, problems.size(),
                    problems.size() == 1 ? "" : "s");
            for (ZdbFormatException p : problems) {
                out.println("  - " + p.getMessage());
            }
            out.flush();
            return 1;
        }
        try {
            HnswIndex index = new VectorDatabase().load(path);
            out.printf(Locale.ROOT, "%s: sound (every digest and structural check passed): %s records, %s graph "
                    + "nodes%n  %s%n", path, index.getVectorCount(), index.getStats().get("graph_nodes"),
                    index.info());
        } catch (IOException e) {
            out.println(path + ": NOT SOUND, 1 problem");
            out.println("  - " + describe(e));
            out.flush();
            return 1;
        }
        out.flush();
        return 0;
    }

    /** A one-line description of a load failure. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n && n.getReason() != null) {
            return n.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
