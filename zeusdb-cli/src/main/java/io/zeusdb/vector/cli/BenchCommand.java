package io.zeusdb.vector.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zeusdb.vector.AddResult;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.QuantizationConfig;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zdb bench}: builds an index from a {@code .fvecs} base file through the public API, then
 * measures recall@k against exact neighbours, single-thread queries per second and latency
 * percentiles at several {@code ef_search} values.
 *
 * <pre>
 * zdb bench --base base.fvecs --queries query.fvecs --truth groundtruth.ivecs \
 *           --k 10 --space cosine --m 16 --ef-construction 200 --ef 10,20,40,80,160,320 [--json]
 *           [--save DIR | --load DIR]
 * </pre>
 *
 * <p>{@code --save DIR} saves the built index and loads it back, reporting both times, the
 * directory's size and bytes per record, and checks the loaded index answers like the saved one;
 * {@code --load DIR} loads a saved index instead of building one.
 *
 * <p>Base row {@code i} gets the generated id {@code vec_(i+1)}; result ids are mapped back to row
 * numbers for recall. Exit codes: 0 done, 1 unexpected failure, 2 bad options or bad input files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = ZdbCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Measures build time, memory, recall@k, QPS and latency on .fvecs data.",
            "",
            "Builds an HNSW index from a .fvecs base file and measures recall@k, single-thread QPS and "
                    + "latency at each --ef.",
            "Base row i is stored as id vec_(i+1). Progress goes to stderr on a terminal; results go to stdout.",
            "Exit codes: 0 done, 1 unexpected failure, 2 bad options or a missing/malformed file."})
public final class BenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "FILE",
            description = "Base vectors (.fvecs: per row a little-endian int32 width, then the floats).")
    private Path base;

    @Option(names = "--queries", required = true, paramLabel = "FILE", description = "Query vectors (.fvecs).")
    private Path queries;

    @Option(names = "--truth", paramLabel = "FILE",
            description = {"Exact neighbours per query (.ivecs: base row numbers, nearest first, at least k per row).",
                "Without it, or when --limit cuts the base, the truth is computed by brute force."})
    private Path truth;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K",
            description = "Neighbours per query, for recall@k (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--space", defaultValue = "cosine", paramLabel = "SPACE",
            description = "cosine, l2, l1 or dot (default: ${DEFAULT-VALUE}).")
    private String space;

    @Option(names = "--m", defaultValue = "16", paramLabel = "M",
            description = "HNSW degree (layer 0 gets 2M) (default: ${DEFAULT-VALUE}).")
    private int m;

    @Option(names = "--ef-construction", defaultValue = "200", paramLabel = "EF",
            description = "Candidate list width while building (default: ${DEFAULT-VALUE}).")
    private int efConstruction;

    @Option(names = "--ef", split = ",", defaultValue = "10,20,40,80,160,320", paramLabel = "EF",
            description = "ef_search values to measure, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Integer> ef;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that build the index, and compute brute-force truth (default: all cores).")
    private Integer threads;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N base vectors (truth is then computed by brute force).")
    private Integer limit;

    @Option(names = "--json", description = "One JSON object per line instead of a table.")
    private boolean json;

    @Option(names = "--save", paramLabel = "DIR",
            description = {"After building, save the index to DIR (replacing an index there), then load it back: "
                    + "reports save and load seconds, directory bytes and bytes per record."})
    private Path saveDir;

    @Option(names = "--load", paramLabel = "DIR",
            description = {"Load the index from DIR (saved by --save from the same base) instead of building it: "
                    + "reports load seconds, directory bytes and bytes per record."})
    private Path loadDir;

    @Option(names = "--store-metadata",
            description = {"Store each base row's metadata (from --metadata) with its vector while building, as a "
                    + "RAG index holds its texts: --save then writes and reads them too."})
    private boolean storeMetadata;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "N",
            description = {"With --save or --load: after the first save/load, N more of each (the same JVM, so "
                    + "warm), reporting their median and best, and a copy of the directory (as cp -r, then "
                    + "with every file forced to disk) to compare with (default: ${DEFAULT-VALUE})."})
    private int repeats;

    @Option(names = "--fresh-jvms", defaultValue = "3", paramLabel = "N",
            description = {"With --save or --load: load the saved index in N new JVMs (same java and options), one "
                    + "load each, as a program that has just started does, and read the directory's bytes into "
                    + "new arrays in N more (the floor of any loader that keeps the index on the heap); 0 skips "
                    + "(default: ${DEFAULT-VALUE})."})
    private int freshJvms;

    @Option(names = "--batch", defaultValue = "2000", paramLabel = "N",
            description = "Rows per add() call while building (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--filter", paramLabel = "JSON",
            description = "Also measure this metadata filter (Map form as JSON), e.g. '{\"pos\": \"verb\"}'.")
    String filterJson;

    @Option(names = "--selectivity-sweep",
            description = "Also measure filters of about 0.01, 0.1, 1, 10 and 50 %% selectivity picked from the "
                    + "metadata, with and without declared fields.")
    boolean selectivitySweep;

    @Option(names = "--metadata", paramLabel = "FILE",
            description = "Per-row metadata (.jsonl, row-aligned with --base) for filters; default: the base "
                    + "file's name with .jsonl.")
    Path metadata;

    @Option(names = "--filter-queries", defaultValue = "200", paramLabel = "N",
            description = "Queries used for filtered measurements (default: ${DEFAULT-VALUE}).")
    int filterQueries;

    @Option(names = "--passes", defaultValue = "3", paramLabel = "N",
            description = "Timed passes over the queries per ef, after one warm-up pass; the fastest counts "
                    + "(default: ${DEFAULT-VALUE}).")
    private int passes;

    @Option(names = "--pq", paramLabel = "SPEC",
            description = "Product quantization, e.g. subvectors=48,bits=8,training_size=10000,"
                    + "storage_mode=quantized_with_raw (any subset; the rest default as in create()).")
    private String pqSpec;

    @Option(names = "--rerank", paramLabel = "N",
            description = "Rescoring factor of quantized_with_raw searches: fetch top_k x N candidates; 0 = off "
                    + "(default: the calibrated fetch).")
    private Integer rerank;

    /** Instantiated by picocli. */
    public BenchCommand() {}

    /** The --pq spec as create()'s quantization_config Map. */
    static Map<String, Object> parsePq(String spec) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "pq");
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--pq wants key=value pairs separated by commas, got '" + p + "'");
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            if (key.equals("storage_mode") || key.equals("type")) {
                map.put(key, value);
            } else {
                try {
                    map.put(key, Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--pq " + key + " must be an integer, got '" + value + "'");
                }
            }
        }
        return map;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Space sp = validateOptions();
        int cores = Runtime.getRuntime().availableProcessors();
        int threadsUsed = threads == null || threads == 0 ? cores : threads;

        VecsReader.Floats baseData;
        VecsReader.Floats queryData;
        int[][] truthRows;
        String truthNote;
        try {
            baseData = VecsReader.readFvecs(base, limit == null ? Integer.MAX_VALUE : limit);
            queryData = VecsReader.readFvecs(queries);
            if (queryData.dim() != baseData.dim()) {
                throw new VecsFormatException(queries, "holds " + queryData.dim() + "-d vectors but " + base
                        + " holds " + baseData.dim() + "-d vectors; queries and base must have the same width");
            }
            int n = baseData.rows().length;
            boolean limited = n < baseData.totalRows();
            if (truth != null && !limited) {
                truthRows = readTruth(n, queryData.rows().length);
                truthNote = truth + ": exact top-" + truthRows[0].length + " per query (first " + k + " used)";
            } else {
                String why = truth == null
                        ? "no --truth given"
                        : String.format(Locale.ROOT, "--limit %,d uses the first %,d of %,d base vectors and the "
                                + "ids in %s refer to the full base", limit, n, baseData.totalRows(), truth);
                long t0 = System.nanoTime();
                truthRows = ExactNeighbours.topK(baseData.rows(), queryData.rows(), k, sp, threadsUsed);
                truthNote = String.format(Locale.ROOT, "%s, so the exact top-%d was computed by brute force over "
                        + "the %,d base vectors used (double precision, %s, %d threads, %.1f s)", why,
                        Math.min(k, n), n, sp, threadsUsed, (System.nanoTime() - t0) / 1e9);
            }
        } catch (VecsFormatException e) {
            err.println("zdb bench: " + e.getMessage());
            err.flush();
            return 2;
        }

        float[][] rows = baseData.rows();
        float[][] qs = queryData.rows();
        int n = rows.length;
        int dim = baseData.dim();
        IndexConfig config;
        try {
            IndexConfig.Builder builder = IndexConfig.hnsw(dim).space(sp).m(m).efConstruction(efConstruction)
                    .expectedSize(n).insertThreads(threadsUsed);
            if (pqSpec != null) {
                builder.quantization(QuantizationConfig.fromMap(parsePq(pqSpec)));
            }
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid index option: " + e.getMessage(), e);
        }

        if (json) {
            err.println("zdb bench: truth: " + truthNote);
            err.flush();
        } else {
            out.printf(Locale.ROOT, "zdb bench (zdb %s, Java %s, %d cores)%n", VectorDatabase.version(),
                    Runtime.version(), cores);
            out.printf(Locale.ROOT, "base     %s: %,d x %d%s%n", base, n, dim, n < baseData.totalRows()
                    ? String.format(Locale.ROOT, " (first %,d of %,d rows)", n, baseData.totalRows()) : "");
            out.printf(Locale.ROOT, "queries  %s: %,d%n", queries, qs.length);
            out.printf(Locale.ROOT, "truth    %s%n", truthNote);
            out.printf(Locale.ROOT, "index    space=%s m=%d ef_construction=%d, k=%d%n", sp, m, efConstruction, k);
            out.flush();
        }

        if (loadDir != null) {
            HnswIndex loaded = loadIndex(out, err, n, dim);
            if (loaded == null) {
                return 2;
            }
            return searchPhase(out, loaded, qs, truthRows);
        }

        // ---- build
        List<Map<String, Object>> rowMetadata = null;
        if (storeMetadata) {
            try {
                rowMetadata = FilterBench.readMetadata(metadataFile(), n, true);
            } catch (IOException e) {
                err.println("zdb bench: " + metadataFile() + ": " + e.getMessage());
                err.flush();
                return 2;
            }
            if (!json) {
                out.printf(Locale.ROOT, "metadata %s: stored with every record%n", metadataFile());
            }
        }
        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();
        HnswIndex index = new VectorDatabase().create(config);
        ProgressBar bar = new ProgressBar(err, "building", n, ProgressBar.interactive());
        for (int from = 0; from < n; from += batch) {
            int to = (int) Math.min(n, (long) from + batch);
            float[][] slice = Arrays.copyOfRange(rows, from, to);
            AddResult r = index.add(rowMetadata == null ? slice
                    : Map.of("vectors", slice, "metadatas", rowMetadata.subList(from, to)));
            if (!r.isSuccess()) {
                bar.finish();
                err.printf(Locale.ROOT, "zdb bench: %s: the index rejected %d of base rows %,d..%,d; first: %s%n",
                        base, r.totalErrors(), from, to - 1, r.errors().get(0));
                err.flush();
                return 2;
            }
            checkGeneratedIds(r, from);
            bar.update(to);
        }
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        bar.finish();
        long heapAfter = usedHeapAfterGc();
        Reference.reachabilityFence(rows);
        Reference.reachabilityFence(qs);
        Reference.reachabilityFence(rowMetadata);
        long indexHeap = heapAfter - heapBefore;
        long reported = index.memoryBytes();

        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("phase", "build");
            line.put("seconds", round(buildSeconds, 3));
            line.put("threads", threadsUsed);
            line.put("n", n);
            line.put("dim", dim);
            line.put("index_bytes", indexHeap);
            out.println(toJson(line));
        } else {
            double raw = (double) n * dim * Float.BYTES;
            out.println();
            out.printf(Locale.ROOT, "build    %,d vectors in %.3f s with %d thread%s (%,.0f vectors/s), batches of %,d%n",
                    n, buildSeconds, threadsUsed, threadsUsed == 1 ? "" : "s", n / buildSeconds, batch);
            out.printf(Locale.ROOT, "memory   index heap %.1f MiB measured (%,.0f bytes/vector; used heap after GC, "
                    + "before creating vs after building)%n", mib(indexHeap), (double) indexHeap / n);
            out.printf(Locale.ROOT, "         index.memoryBytes() %.1f MiB (%,.0f bytes/vector); raw floats %.1f MiB "
                    + "(%,.0f bytes/vector)%n", mib(reported), (double) reported / n, mib((long) raw), raw / n);
            if (index.hasQuantization()) {
                Map<String, String> st = index.getStats();
                Map<String, Object> qi = index.getQuantizationInfo();
                out.printf(Locale.ROOT, "pq       %s; storage %s, compression %sx; codes %s MiB, codebook %s MiB, "
                        + "sdc table %s MiB; rerank fetch at top-%d: %s%n", index.getStorageMode(), st.get("storage_mode"),
                        qi.get("compression_ratio"), st.get("quantized_codes_memory_mb"), st.get("codebook_memory_mb"),
                        st.get("sdc_table_memory_mb"), k, st.get("rerank_default_fetch"));
            }
        }
        out.flush();
        if (saveDir != null) {
            Integer failed = saveAndReload(out, err, index, qs, buildSeconds);
            if (failed != null) {
                return failed;
            }
        }
        int rc = searchPhase(out, index, qs, truthRows);
        if (rc != 0 || (filterJson == null && !selectivitySweep)) {
            return rc;
        }
        return filtered(out, err, rows, qs, sp, threadsUsed);
    }

    /** Measures every --ef on {@code index}, after a table header in table mode. */
    private int searchPhase(PrintWriter out, HnswIndex index, float[][] qs, int[][] truthRows) {
        if (!json) {
            out.println();
            out.printf(Locale.ROOT, "search   single thread, %,d queries, top-%d; one warm-up pass, then the fastest of %d "
                    + "timed pass%s%n", qs.length, k, passes, passes == 1 ? "" : "es");
            out.printf(Locale.ROOT, "%8s %10s %12s %9s %9s%n", "ef", "recall@" + k, "QPS", "p50 ms", "p99 ms");
            out.flush();
        }
        for (int e : ef) {
            SearchOptions options = SearchOptions.topK(k).efSearch(e).rerank(rerank);
            Measurement mm = measure(index, qs, truthRows, options);
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("phase", "search");
                line.put("ef", e);
                line.put("k", k);
                line.put("recall", mm.recall);
                line.put("qps", round(mm.qps, 1));
                line.put("p50_ms", round(mm.p50Ms, 4));
                line.put("p99_ms", round(mm.p99Ms, 4));
                out.println(toJson(line));
            } else {
                out.printf(Locale.ROOT, "%8d %10.4f %,12.1f %9.4f %9.4f%n", e, mm.recall, mm.qps, mm.p50Ms, mm.p99Ms);
            }
            out.flush();
        }
        return 0;
    }

    /** The {@code --filter} / {@code --selectivity-sweep} measurements. */
    private int filtered(PrintWriter out, PrintWriter err, float[][] rows, float[][] qs, Space sp, int threadsUsed) {
        Path metaFile = metadataFile();
        try {
            List<Map<String, Object>> meta = FilterBench.readMetadata(metaFile, rows.length);
            List<FilterBench.Candidate> filters = new ArrayList<>();
            if (filterJson != null) {
                filters.add(new FilterBench.Candidate(FilterBench.parseFilter(filterJson), null));
            }
            if (selectivitySweep) {
                filters.addAll(FilterBench.sweepFilters(meta));
            }
            float[][] fq = Arrays.copyOf(qs, Math.min(qs.length, filterQueries));
            Integer efSearch = ef.size() == 1 ? ef.get(0) : null;
            return new FilterBench(out, k, passes, threadsUsed, sp).run(rows, fq, meta, filters,
                    indexBuilder(rows[0].length, sp, rows.length, threadsUsed),
                    indexBuilder(rows[0].length, sp, rows.length, threadsUsed), FilterBench.fieldsOf(filters),
                    efSearch, json);
        } catch (IOException e) {
            err.println("zdb bench: " + metaFile + ": " + e.getMessage());
            err.flush();
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("zdb bench: --filter: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    /** --metadata, or the base file's sibling of the same name with .jsonl. */
    private Path metadataFile() {
        return metadata != null ? metadata
                : base.resolveSibling(base.getFileName().toString().replaceFirst("\\.fvecs$", "") + ".jsonl");
    }

    private IndexConfig.Builder indexBuilder(int dim, Space sp, int n, int threadsUsed) {
        return IndexConfig.hnsw(dim).space(sp).m(m).efConstruction(efConstruction).expectedSize(n)
                .insertThreads(threadsUsed);
    }

    /** Saves, then loads back; prints both phases; returns an exit code on failure, else null. */
    private Integer saveAndReload(PrintWriter out, PrintWriter err, HnswIndex index, float[][] qs,
                                  double buildSeconds) {
        if (!json) {
            out.println();
        }
        try {
            long t0 = System.nanoTime();
            index.save(saveDir);
            double saveSeconds = (System.nanoTime() - t0) / 1e9;
            printPersistence(out, "save", saveSeconds, index.getVectorCount());
            long t1 = System.nanoTime();
            HnswIndex loaded = new VectorDatabase().load(saveDir);
            double loadSeconds = (System.nanoTime() - t1) / 1e9;
            printPersistence(out, "load", loadSeconds, loaded.getVectorCount());
            for (int q = 0; q < Math.min(qs.length, 100); q++) {
                if (!index.search(qs[q], k).equals(loaded.search(qs[q], k))) {
                    err.println("zdb bench: the index loaded from " + saveDir + " answers query " + q
                            + " differently from the index that was saved");
                    err.flush();
                    return 1;
                }
            }
            loaded = null;
            double[] saves = new double[repeats];
            double[] loads = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long s0 = System.nanoTime();
                index.save(saveDir);
                saves[r] = (System.nanoTime() - s0) / 1e9;
                long l0 = System.nanoTime();
                new VectorDatabase().load(saveDir);
                loads[r] = (System.nanoTime() - l0) / 1e9;
            }
            double copyMedian = compareWithCopy(out, saveDir, saveSeconds, saves, loadSeconds, loads);
            freshJvms(out, saveDir, copyMedian, buildSeconds);
        } catch (java.io.IOException e) {
            err.println("zdb bench: " + VerifyCommand.describe(e));
            err.flush();
            return 2;
        }
        return null;
    }

    /** Loads the index of --load and checks it matches the base; null (after a message) when it does not. */
    private HnswIndex loadIndex(PrintWriter out, PrintWriter err, int n, int dim) {
        HnswIndex loaded;
        long t0 = System.nanoTime();
        try {
            loaded = new VectorDatabase().load(loadDir);
        } catch (java.io.IOException e) {
            err.println("zdb bench: " + VerifyCommand.describe(e));
            err.flush();
            return null;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (loaded.dim() != dim || loaded.getVectorCount() != n) {
            err.printf(Locale.ROOT, "zdb bench: %s holds %,d %d-d records but %s gives %,d %d-d vectors; load an "
                    + "index saved from the same base (and --limit)%n", loadDir, loaded.getVectorCount(),
                    loaded.dim(), base, n, dim);
            err.flush();
            return null;
        }
        if (!json) {
            out.println();
        }
        printPersistence(out, "load", seconds, n);
        if (!json) {
            out.printf(Locale.ROOT, "index    %s%n", loaded.info());
        }
        out.flush();
        try {
            double[] loads = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long l0 = System.nanoTime();
                new VectorDatabase().load(loadDir);
                loads[r] = (System.nanoTime() - l0) / 1e9;
            }
            double copyMedian = compareWithCopy(out, loadDir, -1, new double[0], seconds, loads);
            freshJvms(out, loadDir, copyMedian, -1);
        } catch (java.io.IOException e) {
            err.println("zdb bench: " + VerifyCommand.describe(e));
            err.flush();
            return null;
        }
        return loaded;
    }

    /**
     * Prints the repeated saves and loads (this JVM is warm by then) beside copies of the
     * directory; a negative {@code firstSave} means no save was measured.
     */
    private double compareWithCopy(PrintWriter out, Path dir, double firstSave, double[] saves, double firstLoad,
                                   double[] loads) throws java.io.IOException {
        if (repeats == 0) {
            return DirectoryCopy.median(DirectoryCopy.measure(dir, 3).plain());
        }
        DirectoryCopy.Times copy = DirectoryCopy.measure(dir, repeats);
        double copyMedian = DirectoryCopy.median(copy.plain());
        double forcedMedian = DirectoryCopy.median(copy.forced());
        double loadMedian = DirectoryCopy.median(loads);
        if (json) {
            if (saves.length > 0) {
                out.println(toJson(timings("save_again", saves)));
            }
            out.println(toJson(timings("load_again", loads)));
            out.println(toJson(timings("copy", copy.plain())));
            out.println(toJson(timings("copy_forced", copy.forced())));
        } else {
            out.printf(Locale.ROOT, "again    %d more in this JVM, median (best):%s load %.3f s (%.3f)%n", repeats,
                    saves.length == 0 ? "" : String.format(Locale.ROOT, " save %.3f s (%.3f),",
                            DirectoryCopy.median(saves), DirectoryCopy.best(saves)),
                    loadMedian, DirectoryCopy.best(loads));
            out.printf(Locale.ROOT, "copy     the directory file by file (as cp -r), median (best): %.3f s (%.3f); "
                    + "then forcing every file to disk (as cp -r; sync): %.3f s (%.3f)%n", copyMedian,
                    DirectoryCopy.best(copy.plain()), forcedMedian, DirectoryCopy.best(copy.forced()));
            if (saves.length > 0) {
                out.printf(Locale.ROOT, "vs copy  save %.1fx the forced copy (first save %.1fx), %.1fx the plain copy%n",
                        DirectoryCopy.median(saves) / forcedMedian, firstSave / forcedMedian,
                        DirectoryCopy.median(saves) / copyMedian);
            }
            out.printf(Locale.ROOT, "vs copy  load %.1fx the copy (first load in this JVM %.1fx)%n",
                    loadMedian / copyMedian, firstLoad / copyMedian);
        }
        out.flush();
        return copyMedian;
    }

    /**
     * Loads {@code dir} in {@code --fresh-jvms} new JVMs and reads its bytes into new arrays in as
     * many more; prints both beside the copy and, when this run built the index ({@code buildSeconds
     * >= 0}), the build.
     */
    private void freshJvms(PrintWriter out, Path dir, double copyMedian, double buildSeconds)
            throws java.io.IOException {
        if (freshJvms == 0) {
            return;
        }
        String d = dir.toAbsolutePath().toString();
        String q = queries.toAbsolutePath().toString();
        double[] loads = new double[freshJvms];
        double[] firstQueries = new double[freshJvms];
        double[] firstTens = new double[freshJvms];
        double[] reads = new double[freshJvms];
        for (int r = 0; r < freshJvms; r++) {
            String line = FreshJvmProbe.runInNewJvm("load", d, q);
            loads[r] = FreshJvmProbe.field(line, "load");
            firstQueries[r] = FreshJvmProbe.field(line, "first_query");
            firstTens[r] = FreshJvmProbe.field(line, "first_10");
            reads[r] = FreshJvmProbe.field(FreshJvmProbe.runInNewJvm("read", d), "read");
        }
        double load = DirectoryCopy.median(loads);
        double read = DirectoryCopy.median(reads);
        if (json) {
            out.println(toJson(timings("fresh_jvm_load", loads)));
            out.println(toJson(timings("fresh_jvm_first_query", firstQueries)));
            out.println(toJson(timings("fresh_jvm_first_10_queries", firstTens)));
            out.println(toJson(timings("fresh_jvm_read_bytes", reads)));
        } else {
            out.printf(Locale.ROOT, "fresh    %d new JVMs, median (best): load %.3f s (%.3f), then first query %.3f s, "
                    + "first 10 %.3f s%n", freshJvms, load, DirectoryCopy.best(loads), DirectoryCopy.median(firstQueries),
                    DirectoryCopy.median(firstTens));
            out.printf(Locale.ROOT, "floor    %d new JVMs reading the directory's bytes into new arrays, nothing "
                    + "parsed or checked: %.3f s (%.3f)%n", freshJvms, read, DirectoryCopy.best(reads));
            out.printf(Locale.ROOT, "vs copy  a new JVM's load %.1fx the copy, %.2fx the floor%s%n", load / copyMedian,
                    load / read, buildSeconds < 0 ? "" : String.format(Locale.ROOT,
                            "; the build took %.1fx a new JVM's load", buildSeconds / load));
        }
        out.flush();
    }

    private static Map<String, Object> timings(String phase, double[] seconds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("phase", phase);
        line.put("median_seconds", round(DirectoryCopy.median(seconds), 4));
        line.put("best_seconds", round(DirectoryCopy.best(seconds), 4));
        line.put("rounds", seconds.length);
        return line;
    }

    private void printPersistence(PrintWriter out, String phase, double seconds, int records) {
        Path dir = phase.equals("save") || loadDir == null ? saveDir : loadDir;
        long bytes = directoryBytes(dir);
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("phase", phase);
            line.put("seconds", round(seconds, 3));
            line.put("dir", dir.toString());
            line.put("bytes", bytes);
            line.put("bytes_per_record", round(records == 0 ? 0 : (double) bytes / records, 1));
            out.println(toJson(line));
        } else {
            out.printf(Locale.ROOT, "%-8s %s in %.3f s; directory %,d bytes (%.1f MiB, %,.1f bytes/record)%n", phase,
                    dir, seconds, bytes, mib(bytes), records == 0 ? 0.0 : (double) bytes / records);
        }
        out.flush();
    }

    /** Sum of the sizes of the files directly in {@code dir}. */
    static long directoryBytes(Path dir) {
        try (var files = java.nio.file.Files.list(dir)) {
            long total = 0;
            for (Path f : files.toList()) {
                total += java.nio.file.Files.size(f);
            }
            return total;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks option values before any file is read; returns the parsed space. */
    private Space validateOptions() {
        if (saveDir != null && loadDir != null) {
            throw new ParameterException(spec.commandLine(), "--save and --load cannot be combined: --save builds "
                    + "and saves, --load replaces the build");
        }
        requirePositive("--k", k);
        requirePositive("--batch", batch);
        requirePositive("--passes", passes);
        if (repeats < 0) {
            throw new ParameterException(spec.commandLine(), "--repeats must be 0 or more, got " + repeats);
        }
        if (freshJvms < 0) {
            throw new ParameterException(spec.commandLine(), "--fresh-jvms must be 0 or more, got " + freshJvms);
        }
        if (limit != null) {
            requirePositive("--limit", limit);
        }
        if (threads != null && threads < 0) {
            throw new ParameterException(spec.commandLine(), "--threads must be 0 (all cores) or positive, got "
                    + threads);
        }
        if (ef == null || ef.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--ef needs at least one value");
        }
        for (Integer e : ef) {
            requirePositive("--ef", e);
        }
        try {
            SearchOptions.topK(k);
            for (int e : ef) {
                SearchOptions.topK(k).efSearch(e);
            }
            return Space.parse(space);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void requirePositive(String option, int value) {
        if (value <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, got " + value);
        }
    }

    /** Reads and checks the truth file against the base size and query count. */
    private int[][] readTruth(int n, int queryCount) throws VecsFormatException {
        VecsReader.Ints t = VecsReader.readIvecs(truth, queryCount);
        if (t.totalRows() < queryCount) {
            throw new VecsFormatException(truth, "has " + t.totalRows() + " rows but " + queries + " has "
                    + queryCount + " queries; it needs one row per query");
        }
        if (t.width() < k) {
            throw new VecsFormatException(truth, "holds " + t.width() + " neighbours per query, fewer than --k "
                    + k);
        }
        int[][] rows = t.rows();
        for (int q = 0; q < rows.length; q++) {
            for (int j = 0; j < k; j++) {
                int id = rows[q][j];
                if (id < 0 || id >= n) {
                    throw new VecsFormatException(truth, "row " + q + " names base row " + id + ", outside 0.."
                            + (n - 1) + " (" + base + " has " + n + " rows)");
                }
            }
        }
        return rows;
    }

    /** The generated ids must be vec_(row+1) in row order, or recall would be computed wrongly. */
    private static void checkGeneratedIds(AddResult r, int from) {
        List<String> ids = r.ids();
        for (int j = 0; j < ids.size(); j++) {
            String expected = "vec_" + (from + j + 1);
            if (!expected.equals(ids.get(j))) {
                throw new IllegalStateException("base row " + (from + j) + " was stored as '" + ids.get(j)
                        + "', expected the generated id '" + expected + "'");
            }
        }
    }

    /** Recall, QPS and latency of one ef_search setting. */
    private record Measurement(double recall, double qps, double p50Ms, double p99Ms) {}

    private Measurement measure(HnswIndex index, float[][] qs, int[][] truthRows, SearchOptions options) {
        int nq = qs.length;
        // warm-up pass, which also gives the recall (searches are deterministic)
        long found = 0;
        long wanted = 0;
        int[] sortedTruth = new int[k];
        for (int q = 0; q < nq; q++) {
            List<SearchResult> hits = index.search(qs[q], options);
            int kk = Math.min(k, truthRows[q].length);
            System.arraycopy(truthRows[q], 0, sortedTruth, 0, kk);
            Arrays.sort(sortedTruth, 0, kk);
            for (SearchResult hit : hits) {
                if (Arrays.binarySearch(sortedTruth, 0, kk, rowOf(hit.id())) >= 0) {
                    found++;
                }
            }
            wanted += kk;
        }
        long[] latencies = new long[nq];
        long[] best = null;
        long bestTotal = Long.MAX_VALUE;
        long sink = 0;
        for (int p = 0; p < passes; p++) {
            long passStart = System.nanoTime();
            for (int q = 0; q < nq; q++) {
                long t0 = System.nanoTime();
                sink += index.search(qs[q], options).size();
                latencies[q] = System.nanoTime() - t0;
            }
            long total = System.nanoTime() - passStart;
            if (total < bestTotal) {
                bestTotal = total;
                best = latencies.clone();
            }
        }
        if (sink < 0) {
            throw new AssertionError(); // keeps the timed searches observable
        }
        Arrays.sort(best);
        return new Measurement(wanted == 0 ? 0 : (double) found / wanted, nq / (bestTotal / 1e9),
                percentile(best, 50) / 1e6, percentile(best, 99) / 1e6);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** {@code vec_N} back to base row {@code N - 1}. */
    static int rowOf(String id) {
        if (!id.startsWith("vec_")) {
            throw new IllegalStateException("unexpected id '" + id + "' in results; bench stores vec_N ids only");
        }
        return Integer.parseInt(id, 4, id.length(), 10) - 1;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static String toJson(Map<String, Object> line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
