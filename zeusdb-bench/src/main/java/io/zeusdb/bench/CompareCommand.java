package io.zeusdb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zeusdb.bench.runners.Runners;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./zdb compare}: ZeusDB beside Lucene, JVector, hnswlib and an exact scan on the same
 * data and parameters, in one run, each library in its own JVM one after another. Writes
 * results.md, results.json and recall-qps.png to the output folder and prints the Markdown.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Side-by-side recall/QPS/build/heap comparison with Lucene, JVector, hnswlib and an exact scan.")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--data", description = "folder with base.fvecs, query.fvecs, groundtruth.ivecs [, base.jsonl]"
            + " (default: shared/data/minilm-50k found above the working folder)")
    Path data;

    @Option(names = "--libs", split = ",", defaultValue = "zeusdb,lucene,lucene-index,jvector,hnswlib,exact",
            description = "libraries, in run order (default: ${DEFAULT-VALUE}); known: zeusdb, lucene (HNSW classes"
                    + " directly), lucene-index (IndexWriter + KnnFloatVectorQuery), jvector, hnswlib, exact")
    List<String> libs;

    @Option(names = "--m", defaultValue = "16", description = "HNSW M (default: ${DEFAULT-VALUE})")
    int m;

    @Option(names = "--ef-construction", defaultValue = "100", description = "default: ${DEFAULT-VALUE}")
    int efConstruction;

    @Option(names = "--ef", split = ",", defaultValue = "10,20,40,80,160,320",
            description = "search widths (default: ${DEFAULT-VALUE})")
    int[] efs;

    @Option(names = "--threads", defaultValue = "2", description = "build threads for the N-thread build (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--limit", defaultValue = "0",
            description = "use only the first N base vectors; ground truth is then recomputed exactly")
    int limit;

    @Option(names = "--queries", defaultValue = "0", description = "use only the first N queries (default: all)")
    int queries;

    @Option(names = "--passes", defaultValue = "3", description = "timed passes per ef, best kept (default: ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--k", defaultValue = "10", description = "default: ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--filters", split = ",", defaultValue = "0.01,0.10",
            description = "target selectivities of the filtered comparison; 'none' skips it (default: ${DEFAULT-VALUE})")
    List<String> filterTargets;

    @Option(names = "--out", defaultValue = "bench-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--child-xmx", defaultValue = "4g", description = "heap of each child JVM (default: ${DEFAULT-VALUE})")
    String childXmx;

    @Option(names = "--child-jvm-args", split = " ",
            description = "extra child JVM flags, e.g. \"-XX:StartFlightRecording=filename=z.jfr\"")
    List<String> childJvmArgs = new ArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Path dataDir = data != null ? data : defaultData();
        for (String lib : libs) {
            Runners.create(lib); // fail fast on a typo, before minutes of work
        }
        Dataset ds = new Dataset(dataDir);
        Files.createDirectories(out);
        Path logs = Files.createDirectories(out.resolve("logs"));

        log("preparing workload from %s", dataDir);
        float[][] qs = ds.queries(queries);
        float[][] base = null;
        int[][] truth;
        if (limit > 0) {
            base = ds.base(limit);
            truth = Truth.topK(base, qs, k);
        } else {
            truth = ds.groundTruth(queries);
        }
        int rows = limit > 0 ? base.length : countRows(dataDir);
        int dim = qs[0].length;
        List<FilterSpec> filters = new ArrayList<>();
        List<int[][]> filterTruth = new ArrayList<>();
        boolean anyFilterLib = libs.stream().anyMatch(l -> Runners.create(l).supportsFilter());
        if (ds.hasMetadata() && anyFilterLib && !filterTargets.contains("none")) {
            List<String> values = ds.filterValues(limit);
            double[] targets = filterTargets.stream().mapToDouble(Double::parseDouble).toArray();
            filters = FilterSpec.choose(values, targets);
            if (base == null) {
                base = ds.base(limit);
            }
            for (FilterSpec f : filters) {
                BitSet allowed = f.rows(values);
                filterTruth.add(Truth.topK(base, qs, k, allowed));
            }
        }
        base = null;
        Workload workload = new Workload(out.resolve("work"));
        workload.write(truth, filters, filterTruth);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", dataDir.toString());
        config.put("vectors", rows);
        config.put("dim", dim);
        config.put("queries", qs.length);
        config.put("m", m);
        config.put("efConstruction", efConstruction);
        config.put("efs", efs);
        config.put("k", k);
        config.put("threads", threads);
        config.put("passes", passes);
        config.put("limit", limit);
        config.put("cpus", Runtime.getRuntime().availableProcessors());
        config.put("childXmx", childXmx);
        config.put("libs", libs);

        List<Results.Info> infos = new ArrayList<>();
        List<Results.Build> builds = new ArrayList<>();
        List<Results.Search> searches = new ArrayList<>();
        List<Results.Failure> failures = new ArrayList<>();
        for (String lib : libs) {
            long t0 = System.nanoTime();
            log("%s: starting its JVM", lib);
            List<String> cmd = childCommand(lib, dataDir, workload.dir());
            Process p = new ProcessBuilder(cmd).redirectError(logs.resolve(lib + ".log").toFile()).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.startsWith(Results.LINE_PREFIX)) {
                        continue;
                    }
                    JsonNode node = JSON.readTree(line.substring(Results.LINE_PREFIX.length()));
                    String kind = node.path("kind").asText();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("kind");
                    switch (kind) {
                        case "info" -> infos.add(JSON.treeToValue(node, Results.Info.class));
                        case "build" -> {
                            Results.Build b = JSON.treeToValue(node, Results.Build.class);
                            builds.add(b);
                            log("%s: built %d vectors with %d thread(s) in %.2f s, heap %.1f MB", lib, b.vectors(),
                                    b.threads(), b.seconds(), b.heapBytes() / 1e6);
                        }
                        case "search" -> {
                            Results.Search s = JSON.treeToValue(node, Results.Search.class);
                            searches.add(s);
                            log("%s: %sef=%d recall=%.4f qps=%.0f (cpu %.0f)", lib,
                                    s.filter() == null ? "" : "filter " + s.filter() + " ", s.ef(), s.recall(), s.qps(),
                                    s.cpuQps());
                        }
                        default -> log("%s: ignored a '%s' line", lib, kind);
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                String tail = tail(logs.resolve(lib + ".log"), 15);
                failures.add(new Results.Failure(lib, "child JVM exited with " + rc + "; see logs/" + lib + ".log"));
                log("%s: FAILED (exit %d); last lines of its log:%n%s", lib, rc, tail);
            } else {
                log("%s: done in %.0f s", lib, (System.nanoTime() - t0) / 1e9);
            }
        }
        Report report = new Report(config, infos, builds, searches, filters, failures,
                (System.nanoTime() - started) / 1e9);
        String md = report.markdown();
        Files.writeString(out.resolve("results.md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("report", report);
        json.put("equalRecall", report.equalRecall());
        JSON.writeValue(out.resolve("results.json").toFile(), json);
        Plot.write(report, out.resolve("recall-qps.png"));
        System.out.println(md);
        log("wrote %s, %s and %s", out.resolve("results.md"), out.resolve("results.json"), out.resolve("recall-qps.png"));
        return failures.isEmpty() ? 0 : 1;
    }

    private List<String> childCommand(String lib, Path dataDir, Path work) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-Xmx" + childXmx, "-Xms" + childXmx,
                // quiet the libraries' per-batch info logs; warnings still reach the child's log file
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // JVector loads its native SIMD library; say so rather than have the JVM warn
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(childJvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "child",
                "--lib", lib, "--data", dataDir.toString(), "--work", work.toString(),
                "--limit", Integer.toString(limit), "--queries", Integer.toString(queries),
                "--m", Integer.toString(m), "--ef-construction", Integer.toString(efConstruction),
                "--ef", joined(efs), "--threads", Integer.toString(threads),
                "--passes", Integer.toString(passes), "--k", Integer.toString(k)));
        return cmd;
    }

    private static String joined(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(v);
        }
        return sb.toString();
    }

    private static int countRows(Path dir) throws IOException {
        Path f = dir.resolve("base.fvecs");
        try (var in = Files.newInputStream(f)) {
            byte[] b = in.readNBytes(4);
            int dim = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
            return (int) (Files.size(f) / (4 + 4L * dim));
        }
    }

    private static Path defaultData() {
        Path shared = Dataset.findSharedData(Path.of(""));
        if (shared == null) {
            throw new IllegalArgumentException("no --data given and no shared/data folder above " + Path.of("").toAbsolutePath());
        }
        return shared.resolve("minilm-50k");
    }

    private static String tail(Path file, int lines) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> all = Files.readAllLines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void log(String fmt, Object... args) {
        System.err.println("compare: " + String.format(Locale.ROOT, fmt, args));
    }
}
