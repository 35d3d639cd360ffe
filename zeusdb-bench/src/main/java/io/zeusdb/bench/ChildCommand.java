package io.zeusdb.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zeusdb.bench.runners.AnnRunner;
import io.zeusdb.bench.runners.Runners;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The child JVM's side of {@code compare}: one library, built and searched, each result written
 * to stdout as one JSON line. Not meant to be run by hand, though it can be.
 */
@Command(name = "child", hidden = true, description = "Measures one library (spawned by compare).")
public final class ChildCommand implements Callable<Integer> {

    @Option(names = "--lib", required = true)
    String lib;

    @Option(names = "--data", required = true)
    Path data;

    @Option(names = "--work", required = true, description = "workload folder written by compare")
    Path work;

    @Option(names = "--limit", defaultValue = "0")
    int limit;

    @Option(names = "--queries", defaultValue = "0")
    int queries;

    @Option(names = "--m", defaultValue = "16")
    int m;

    @Option(names = "--ef-construction", defaultValue = "100")
    int efConstruction;

    @Option(names = "--ef", split = ",", defaultValue = "10,20,40,80,160,320")
    int[] efs;

    @Option(names = "--threads", defaultValue = "2")
    int threads;

    @Option(names = "--passes", defaultValue = "3")
    int passes;

    @Option(names = "--k", defaultValue = "10")
    int k;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP_ROWS = 2000;
    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        // libraries print what they like on stdout; results go to the real stdout, the rest to stderr
        System.setOut(System.err);
        Dataset ds = new Dataset(data);
        Workload workload = new Workload(work);
        float[][] qs = ds.queries(queries);
        int[][] truth = workload.truth();
        List<FilterSpec> filters = workload.filters();
        List<int[][]> filterTruth = workload.allFilterTruth(filters.size());

        AnnRunner probe = Runners.create(lib);
        boolean filtered = probe.supportsFilter() && !filters.isEmpty();
        List<String> fieldValues = filtered ? ds.filterValues(limit) : null;
        emit(new Results.Info(lib, probe.describe(), jvm()));

        warmUpBuild(ds, fieldValues, qs);
        List<Integer> buildThreads = threads > 1 ? List.of(1, threads) : List.of(1);
        AnnRunner runner = null;
        for (int t : buildThreads) {
            if (runner != null) {
                runner.close();
            }
            runner = Runners.create(lib);
            runner = build(runner, ds, fieldValues, t);
        }

        AnnRunner r = runner;
        int[] widths = r.usesEf() ? efs : new int[] {0};
        for (Results.Search s : SearchTimer.measure(lib, null, widths, qs, truth, k, passes, (q, ef) -> r.search(q, k, ef))) {
            emit(s);
        }
        if (filtered) {
            for (int i = 0; i < filters.size(); i++) {
                FilterSpec f = filters.get(i);
                r.prepareFilter(f);
                for (Results.Search s : SearchTimer.measure(lib, f.name(), efs, qs, filterTruth.get(i), k, passes,
                        (q, ef) -> r.searchFiltered(q, k, ef))) {
                    emit(s);
                }
            }
        }
        r.close();
        out.flush();
        return 0;
    }

    /**
     * Builds and reports wall and process CPU time, and the heap the index holds: the GC'd heap
     * after the build, minus the GC'd heap before the base vectors were loaded. The harness drops
     * its own reference to the vectors first, so vectors count exactly when the index keeps them
     * (copied or referenced), as they would in an application.
     */
    private AnnRunner build(AnnRunner runner, Dataset ds, List<String> fieldValues, int t) throws Exception {
        long before = usedHeapAfterGc();
        float[][] base = ds.base(limit);
        int n = base.length;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        runner.build(base, fieldValues, m, efConstruction, t);
        double seconds = (System.nanoTime() - wall0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        base = null; // only the index may keep the vectors now
        long held = usedHeapAfterGc() - before;
        emit(new Results.Build(lib, t, seconds, cpu, held, runner.reportedBytes(), n));
        return runner;
    }

    /**
     * An untimed build of a small prefix first, so the timed 1-thread build does not also pay for
     * JIT-compiling the library in a cold JVM while the N-thread build that follows would not.
     */
    private void warmUpBuild(Dataset ds, List<String> fieldValues, float[][] qs) throws Exception {
        int rows = limit > 0 ? Math.min(limit, WARM_UP_ROWS) : WARM_UP_ROWS;
        try (AnnRunner warm = Runners.create(lib)) {
            warm.build(ds.base(rows), fieldValues == null ? null : fieldValues.subList(0, rows), m, efConstruction,
                    threads);
            for (int i = 0; i < 200; i++) {
                warm.search(qs[i % qs.length], k, efs[efs.length - 1]);
            }
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // several rounds: one full GC can leave objects whose finalisation or reference processing frees more
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(30);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String jvm() {
        List<String> flags = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        return "Java " + Runtime.version() + " " + String.join(" ", flags);
    }

    private void emit(Object record) throws Exception {
        String kind = record.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        var node = JSON.valueToTree(record);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("kind", kind);
        out.println(Results.LINE_PREFIX + JSON.writeValueAsString(node));
        out.flush();
    }
}
