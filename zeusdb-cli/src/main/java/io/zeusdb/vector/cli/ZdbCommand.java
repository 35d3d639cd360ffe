package io.zeusdb.vector.cli;

import io.zeusdb.vector.VectorDatabase;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code zdb} command line: {@code zdb demo} runs the seed's examples and workflow,
 * {@code zdb bench} measures recall and speed on {@code .fvecs} data (and save/load times),
 * {@code zdb info} and {@code zdb verify} inspect a saved index. {@code zdb --help} lists everything.
 *
 * <p>Exit codes: 0 success, 1 a failed demo check, an unsound index or an unexpected error, 2 bad options or bad
 * input files. Logging goes through SLF4J (slf4j-simple) to stderr at WARN and above; raise it
 * with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=debug} (e.g. in {@code ZDB_JAVA_OPTS}).
 */
@Command(name = "zdb", mixinStandardHelpOptions = true, versionProvider = ZdbCommand.Version.class,
        subcommands = {DemoCommand.class, BenchCommand.class, InfoCommand.class, VerifyCommand.class,
            HelpCommand.class},
        usageHelpAutoWidth = true,
        description = "ZeusDB for Java: an embedded HNSW vector database.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  zdb demo",
            "  zdb bench --base base.fvecs --queries query.fvecs --truth gt.ivecs \\",
            "            --k 10 --space cosine --m 16 --ef-construction 200 \\",
            "            --ef 10,20,40,80,160,320 [--threads N] [--limit N] [--json] \\",
            "            [--save DIR | --load DIR]",
            "  zdb info my_index.zdb",
            "  zdb verify my_index.zdb",
            "",
            "Exit codes: 0 success, 1 failed check, unsound index or unexpected error,",
            "            2 bad options or input files."})
public final class ZdbCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Instantiated by picocli. */
    public ZdbCommand() {}

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: use 'zdb demo', 'zdb bench ...', "
                + "'zdb info PATH', 'zdb verify PATH' or 'zdb --help'");
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        Charset charset = outputCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        int code = execute(args, out, err);
        System.exit(code);
    }

    /**
     * Runs the command line with the given output streams and returns the exit code, without
     * exiting (for tests and embedding).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ZdbCommand());
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The charset standard output is written in: the JVM's {@code stdout.encoding} (set from the
     * terminal or locale), else the default charset.
     */
    static Charset outputCharset() {
        String name = System.getProperty("stdout.encoding");
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // unknown name: fall through
            }
        }
        return Charset.defaultCharset();
    }

    /** {@code zdb --version}: the library version and the Java runtime. */
    public static final class Version implements IVersionProvider {

        /** Instantiated by picocli. */
        public Version() {}

        @Override
        public String[] getVersion() {
            return new String[] {
                "zdb " + VectorDatabase.version(),
                String.format(Locale.ROOT, "Java %s (%s), %s %s", Runtime.version(), System.getProperty("java.vendor"),
                        System.getProperty("os.name"), System.getProperty("os.arch"))
            };
        }
    }
}
