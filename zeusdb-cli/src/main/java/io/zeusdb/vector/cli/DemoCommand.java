package io.zeusdb.vector.cli;

import io.zeusdb.vector.AddResult;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zdb demo}: the seed manual's persistence examples in Java, end to end, on generated data,
 * in a temporary directory that is deleted afterwards: Example 1 (save a 1,000 x 1536 cosine index),
 * Example 2 (load it, print its configuration, search it) and the "Complete Save/Load Workflow"
 * (500 records with the seed's metadata, index-level metadata, save, load, and every check of the
 * seed on the loaded index against the original), and the seed's "Persistence with Product
 * Quantization" example (2,000 x 1536, 8 sub-vectors x 8 bits, trained at 1,000, saved and loaded).
 *
 * <p>Prints one line per check and ends with a verdict line, {@code demo: all N checks passed}
 * (exit 0) or {@code demo: K of N checks FAILED} (exit 1).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = ZdbCommand.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Runs the seed's persistence examples and complete save/load workflow, checking each property.",
            "",
            "Example 1 and 2 (save and load 1,000 random 1536-d vectors), then the complete workflow (500 random "
                    + "1536-d vectors, java.util.Random(42), with the seed's metadata: create, add, index metadata, "
                    + "search, save, load, verify, filtered search), and the product-quantization example (2,000 random "
                    + "1536-d vectors, trained at 1,000), in a temporary directory deleted afterwards. "
                    + "Ends with a verdict line; exit code 0 when every check passed, 1 otherwise."})
public final class DemoCommand implements Callable<Integer> {

    static final int DIM = 1536;
    static final int COUNT = 500;
    static final int EXAMPLE_COUNT = 1000;
    static final long SEED = 42;
    static final String EXPECTED_INFO = "HNSWIndex(dim=1536, space=cosine, m=16, ef_construction=200, "
            + "expected_size=10000, vectors=500, quantization=none)";
    static final List<String> PLAIN_INDEX_FILES = List.of("config.json", "hnsw_index.hnsw.graph", "manifest.json",
            "mappings.bin", "metadata.json", "vectors.bin");

    @Spec
    private CommandSpec spec;

    /** Instantiated by picocli. */
    public DemoCommand() {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Checks checks = new Checks(out);
        Path work = null;
        try {
            work = Files.createTempDirectory("zdb-demo");
            run(out, checks, work);
        } catch (RuntimeException | IOException e) {
            checks.check(false, "", "the demo stopped with " + e);
            e.printStackTrace(err);
            err.flush();
        } finally {
            deleteTree(work, checks);
        }
        out.println();
        if (checks.failed == 0) {
            out.printf(Locale.ROOT, "demo: all %d checks passed%n", checks.total);
        } else {
            out.printf(Locale.ROOT, "demo: %d of %d checks FAILED%n", checks.failed, checks.total);
        }
        out.flush();
        return checks.failed == 0 ? 0 : 1;
    }

    private static void run(PrintWriter out, Checks checks, Path work) throws IOException {
        out.println("ZeusDB demo: the seed's persistence examples and complete save/load workflow, in Java (zdb "
                + VectorDatabase.version() + ")");
        out.println("Working in " + work + " (deleted at the end)");
        out.println();
        VectorDatabase vdb = new VectorDatabase();
        exampleOneAndTwo(out, checks, vdb, work);
        productQuantization(out, checks, vdb, work);
        completeWorkflow(out, checks, vdb, work);
    }

    /**
     * The seed's "Persistence with Product Quantization": 2,000 random 1536-d vectors into an index
     * with 8 sub-vectors x 8 bits, training_size 1,000, quantized_only; save, load, compare.
     */
    private static void productQuantization(PrintWriter out, Checks checks, VectorDatabase vdb, Path work)
            throws IOException {
        out.println("=== Persistence with Product Quantization ===");
        Map<String, Object> quantizationConfig = new LinkedHashMap<>();
        quantizationConfig.put("type", "pq");
        quantizationConfig.put("subvectors", 8);
        quantizationConfig.put("bits", 8);
        quantizationConfig.put("training_size", 1000);
        quantizationConfig.put("storage_mode", "quantized_only");
        HnswIndex index = vdb.create("hnsw", Map.of("dim", DIM, "quantization_config", quantizationConfig));
        float[][] vectors = uniform(new Random(SEED), 2000);
        List<String> ids = new ArrayList<>(2000);
        for (int i = 0; i < 2000; i++) {
            ids.add("vec_" + i);
        }
        AddResult addResult = index.add(Map.of("vectors", vectors, "ids", ids));
        out.println("Added " + addResult.totalInserted() + " vectors");
        out.printf(Locale.ROOT, "Training progress: %.1f%%%n", index.getTrainingProgress());
        out.println("Quantization active: " + index.isQuantized());
        checks.check(addResult.totalInserted() == 2000 && index.getTrainingProgress() == 100.0 && index.isQuantized(),
                "2000 vectors added; training ran at 1,000 and the index is quantized",
                "expected 2000 inserted, 100.0% and quantized; got " + addResult.totalInserted() + ", "
                        + index.getTrainingProgress() + "%, quantized=" + index.isQuantized());
        Path path = work.resolve("quantized_index.zdb");
        index.save(path);
        HnswIndex loadedIndex = vdb.load(path);
        out.println("Loaded quantization state: " + loadedIndex.isQuantized());
        out.println("Compression info: " + loadedIndex.getQuantizationInfo());
        List<String> files = listing(path);
        checks.check(files.containsAll(List.of("quantization.json", "pq_centroids.bin", "pq_codes.bin"))
                        && !files.contains("vectors.bin"),
                "Saved " + files + " (codes and codebook; quantized_only keeps no raw vectors)",
                "unexpected files " + files);
        checks.check(loadedIndex.isQuantized() && loadedIndex.getQuantizationInfo().equals(index.getQuantizationInfo())
                        && loadedIndex.info().equals(index.info()),
                "The loaded index is quantized with the same codebook settings: " + loadedIndex.info(),
                "the loaded index differs: " + loadedIndex.info() + " " + loadedIndex.getQuantizationInfo());
        boolean same = true;
        for (int q = 0; q < 20; q++) {
            same &= loadedIndex.search(vectors[q * 97], 5).equals(index.search(vectors[q * 97], 5));
        }
        checks.check(same, "20 searches answer identically before and after the save (ids and scores)",
                "searches after load differ from before");
        out.println();
    }

    /** The seed's Example 1 (save) and Example 2 (load, print, search). */
    private static void exampleOneAndTwo(PrintWriter out, Checks checks, VectorDatabase vdb, Path work)
            throws IOException {
        out.println("=== Example 1: save an index ===");
        HnswIndex index = vdb.create("hnsw", Map.of("dim", DIM, "space", "cosine"));
        Random random = new Random(1);
        List<String> ids = new ArrayList<>(EXAMPLE_COUNT);
        List<Map<String, Object>> metas = new ArrayList<>(EXAMPLE_COUNT);
        for (int i = 0; i < EXAMPLE_COUNT; i++) {
            ids.add("doc_" + i);
            metas.add(Map.of("category", "cat_" + i % 5, "index", i));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("vectors", uniform(random, EXAMPLE_COUNT));
        data.put("ids", ids);
        data.put("metadatas", metas);
        index.add(data);
        Path myIndex = work.resolve("my_index.zdb");
        index.save(myIndex.toString());
        List<String> files = listing(myIndex);
        checks.check(files.equals(PLAIN_INDEX_FILES), "Saved " + index.getVectorCount() + " vectors to "
                + myIndex.getFileName() + ": " + String.join(", ", files),
                "my_index.zdb holds " + files + ", expected " + PLAIN_INDEX_FILES);
        out.println();

        out.println("=== Example 2: load an index ===");
        HnswIndex loadedIndex = vdb.load(myIndex.toString());
        out.println("Loaded index with " + loadedIndex.getVectorCount() + " vectors");
        out.println("Index configuration: " + loadedIndex.info());
        float[] queryVector = uniform(random, 1)[0];
        List<SearchResult> results = loadedIndex.search(queryVector, 3);
        out.println("Search returned " + results.size() + " results");
        out.println(results);
        checks.check(loadedIndex.getVectorCount() == EXAMPLE_COUNT && loadedIndex.info().equals(index.info()),
                "Loaded index holds " + EXAMPLE_COUNT + " vectors with the saved configuration",
                "loaded " + loadedIndex.getVectorCount() + " vectors, " + loadedIndex.info() + "; saved "
                        + index.info());
        checks.check(results.size() == 3 && results.equals(index.search(queryVector, 3)),
                "Search on the loaded index returned 3 results, identical (ids and scores) to the saved index's",
                "loaded search returned " + results + " but the saved index returns " + index.search(queryVector, 3));
        out.println();
    }

    /** The seed's "Complete Save/Load Workflow", phases 1 to 4. */
    private static void completeWorkflow(PrintWriter out, Checks checks, VectorDatabase vdb, Path work)
            throws IOException {
        out.println("=== PHASE 1: CREATE AND POPULATE INDEX ===");
        HnswIndex originalIndex = vdb.create("hnsw", Map.of("dim", DIM, "space", "cosine", "m", 16));
        // the seed's np.random.seed(42); np.random.random((500, 1536)): uniform in [0, 1)
        float[][] vectors = uniform(new Random(SEED), COUNT);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("vectors", vectors);
        data.put("ids", ids());
        data.put("metadatas", metadatas());
        out.printf(Locale.ROOT, "Generated %d random %d-d vectors (java.util.Random(%d)) with the seed's metadata%n",
                COUNT, DIM, SEED);
        AddResult addResult = originalIndex.add(data);
        checks.check(addResult.totalInserted() == COUNT && addResult.isSuccess(),
                "Added " + addResult.totalInserted() + " vectors (" + addResult + ")",
                "add() inserted " + addResult.totalInserted() + " of " + COUNT + " vectors, errors: "
                        + addResult.errors());
        Map<String, String> indexMetadata = new LinkedHashMap<>();
        indexMetadata.put("dataset", "demo_collection");
        indexMetadata.put("created_by", "data_team");
        indexMetadata.put("version", "1.0");
        originalIndex.addMetadata(indexMetadata);
        out.println("Added index-level metadata " + indexMetadata);
        float[] queryVector = vectors[0];
        List<SearchResult> originalResults = originalIndex.search(queryVector, 3);
        out.println("Original search found " + originalResults.size() + " results:");
        for (SearchResult r : originalResults) {
            out.println("    " + r);
        }
        out.println();

        out.println("=== PHASE 2: SAVE INDEX ===");
        Path savePath = work.resolve("demo_index.zdb");
        originalIndex.save(savePath.toString());
        List<String> files = listing(savePath);
        checks.check(files.equals(PLAIN_INDEX_FILES), "Index saved to " + savePath.getFileName() + ": "
                + String.join(", ", files), "demo_index.zdb holds " + files + ", expected " + PLAIN_INDEX_FILES);
        out.println();

        out.println("=== PHASE 3: LOAD INDEX ===");
        HnswIndex loadedIndex = vdb.load(savePath.toString());
        out.println("Index loaded from " + savePath.getFileName());
        out.println();

        out.println("=== PHASE 4: VERIFY INTEGRITY ===");
        checks.check(loadedIndex.getVectorCount() == originalIndex.getVectorCount(),
                "Vector count verified: " + loadedIndex.getVectorCount(),
                "loaded vector count " + loadedIndex.getVectorCount() + " != original "
                        + originalIndex.getVectorCount());
        String info = loadedIndex.info();
        checks.check(info.equals(originalIndex.info()) && EXPECTED_INFO.equals(info),
                "Configuration verified: " + info, "loaded info() is " + info + ", original " + originalIndex.info());
        Map<String, String> originalMeta = originalIndex.getAllMetadata();
        Map<String, String> loadedMeta = loadedIndex.getAllMetadata();
        out.println("Original meta fields: " + originalMeta.size() + ", Loaded meta fields: " + loadedMeta.size());
        checks.check(loadedMeta.equals(originalMeta) && loadedMeta.size() == 3,
                "Index metadata verified: " + loadedMeta.size() + " fields " + loadedMeta
                        + " (equal to the original's, which the seed leaves unasserted)",
                "loaded index metadata " + loadedMeta + " != original " + originalMeta);
        List<SearchResult> loadedResults = loadedIndex.search(queryVector, 3);
        checks.check(loadedResults.size() == originalResults.size() && !loadedResults.isEmpty()
                        && loadedResults.get(0).id().equals(originalResults.get(0).id()),
                "Search consistency verified: " + loadedResults.size() + " results, first "
                        + (loadedResults.isEmpty() ? "-" : loadedResults.get(0).id()),
                "loaded search " + loadedResults + " vs original " + originalResults);
        checks.check(loadedResults.equals(originalResults),
                "Loaded search results equal the original's bit for bit (ids, scores, metadata)",
                "loaded search " + loadedResults + " differs from original " + originalResults);

        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("category", "science");
        filter.put("published", true);
        List<SearchResult> filteredResults = loadedIndex.search(queryVector, filter, 5);
        out.println("Filtered search found " + filteredResults.size() + " results:");
        for (SearchResult r : filteredResults) {
            out.println("    " + r);
        }
        List<String> violations = new ArrayList<>();
        for (SearchResult r : filteredResults) {
            Map<String, Object> m = r.metadata();
            if (!"science".equals(m.get("category")) || !Boolean.TRUE.equals(m.get("published"))) {
                violations.add(r.id() + " " + m);
            }
        }
        checks.check(filteredResults.size() == 5 && violations.isEmpty(),
                "Filtered search on the loaded index returned 5 results, each science and published",
                "filtered search returned " + filteredResults.size() + " results (expected 5 of the 125 matching), "
                        + "outside the filter: " + violations);
        out.println();
        if (checks.failed == 0) {
            out.println("Complete persistence workflow successful!");
        }
    }

    private static float[][] uniform(Random random, int n) {
        float[][] v = new float[n][DIM];
        for (float[] row : v) {
            for (int j = 0; j < DIM; j++) {
                row[j] = random.nextFloat();
            }
        }
        return v;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path root, Checks checks) {
        if (root == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            checks.check(false, "", "could not delete the demo directory " + root + ": " + e);
        }
    }

    /** The seed's {@code [f'doc_{i:03d}' for i in range(500)]}. */
    static List<String> ids() {
        List<String> ids = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            ids.add(String.format(Locale.ROOT, "doc_%03d", i));
        }
        return ids;
    }

    /** The seed's metadata: category cycles over four values, priority, published and tags. */
    static List<Map<String, Object>> metadatas() {
        String[] categories = {"science", "tech", "health", "finance"};
        List<Map<String, Object>> metas = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("category", categories[i % 4]);
            m.put("priority", i % 10);
            m.put("published", i % 2 == 0);
            m.put("tags", i % 5 == 0 ? List.of("important", "featured") : List.of("standard"));
            metas.add(m);
        }
        return metas;
    }

    /** Counts checks and prints a mark per check. */
    private static final class Checks {
        private final PrintWriter out;
        private final String pass;
        private final String fail;
        int total;
        int failed;

        Checks(PrintWriter out) {
            this.out = out;
            boolean unicode = ZdbCommand.outputCharset().newEncoder().canEncode("\u2713\u2717");
            this.pass = unicode ? "\u2713" : "[ok]";
            this.fail = unicode ? "\u2717" : "[FAILED]";
        }

        void check(boolean ok, String passText, String failText) {
            total++;
            if (ok) {
                out.println(pass + " " + passText);
            } else {
                failed++;
                out.println(fail + " FAILED: " + failText);
            }
            out.flush();
        }
    }
}
