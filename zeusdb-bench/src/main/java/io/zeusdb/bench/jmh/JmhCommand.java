package io.zeusdb.bench.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jdk.incubator.vector.FloatVector;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./zdb jmh [JMH options]}: runs the kernel and search-step benchmarks (any JMH option
 * passes through, e.g. a benchmark regex, {@code -p dim=384}, {@code -f 2}) and then prints the
 * kernels' GFLOP/s and GB/s beside the machine's peak.
 */
@Command(name = "jmh", description = "JMH microbenchmarks: distance kernels (GFLOP/s vs peak) and one HNSW search.")
public final class JmhCommand implements Callable<Integer> {

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        OptionsBuilder builder = new OptionsBuilder();
        if (cli.getIncludes().isEmpty()) {
            builder.include("io\\.zeusdb\\.bench\\.jmh\\..*");
        }
        Options options = builder.parent(cli).build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println(table(results, MachinePeak.detect(FloatVector.SPECIES_PREFERRED.length())));
        return 0;
    }

    /** The kernel results as GFLOP/s and GB/s, with the peak they compare to. */
    static String table(Collection<RunResult> results, MachinePeak peak) {
        StringBuilder sb = new StringBuilder();
        sb.append(peak.explain()).append("\n");
        sb.append("A kernel runs on one core, so compare with the per-core peak. A dot product issues one FMA per two loads,"
                + " so with 2 loads/cycle it tops out near half the FMA peak even in L1.\n\n");
        sb.append("| kernel | dim | impl | Mops/s | GFLOP/s | % of core peak | GB/s read |\n");
        sb.append("|---|---:|---|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            if (!name.contains("KernelBench")) {
                continue;
            }
            String op = name.substring(name.lastIndexOf('.') + 1);
            int dim = Integer.parseInt(r.getParams().getParam("dim"));
            String impl = r.getParams().getParam("impl");
            double opsPerSec = r.getPrimaryResult().getScore();
            double flopsPerOp = ("dot".equals(op) ? 2.0 : 3.0) * dim;
            double gflops = opsPerSec * flopsPerOp / 1e9;
            double gbs = opsPerSec * 8.0 * dim / 1e9;
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %.0f %% | %.1f |%n", op, dim, impl,
                    opsPerSec / 1e6, gflops, 100 * gflops / peak.perCoreGflops(), gbs));
        }
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            if (name.contains("SearchStepBench")) {
                sb.append(String.format(Locale.ROOT, "%nOne HNSW search (10k x 384, M=16, efc=100, ef=%s, k=10): %.1f %s%n",
                        r.getParams().getParam("ef"), r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit()));
            }
        }
        return sb.toString();
    }
}
