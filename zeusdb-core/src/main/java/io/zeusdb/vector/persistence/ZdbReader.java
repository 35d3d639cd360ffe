package io.zeusdb.vector.persistence;

import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.QuantizationConfig;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.StorageMode;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.graph.HnswGraph;
import io.zeusdb.vector.quantization.CodeStore;
import io.zeusdb.vector.quantization.PqCodebook;
import io.zeusdb.vector.storage.VectorStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and verifies a saved index (reference 12.9): manifest (its own CRC, then the format
 * version), inventory against the directory (missing and extra entries), every artefact's length
 * and CRC32C before it is parsed, then each file with every count bounded by the bytes left
 * before anything is allocated, and the cross-file invariants. Every problem is a
 * {@link ZdbFormatException} naming the file; only a missing index path is a
 * {@link NoSuchFileException}.
 *
 * <p>Internal: not part of the public API.
 */
public final class ZdbReader {

    private static final Logger LOG = LoggerFactory.getLogger(ZdbReader.class);

    private ZdbReader() {}

    /**
     * Loads the index at {@code path}. When the path is missing but {@code <name>.zdbold} exists
     * (a save is between its two renames), that complete old index is read instead, without
     * modifying anything; if it vanishes while being read, the path is tried once more.
     *
     * @param rebuildGraph  skip the graph file (missing or damaged is fine) and leave the graph to be rebuilt
     * @param insertThreads the loaded configuration's {@code insert_threads}
     */
    public static LoadedIndex load(Path path, boolean rebuildGraph, int insertThreads) throws IOException {
        long started = System.nanoTime();
        LoadedIndex loaded;
        if (!Files.exists(path)) {
            Path old = sibling(path, ZdbLayout.OLD_SUFFIX);
            if (old == null || !Files.isDirectory(old)) {
                throw new NoSuchFileException(path.toString(), null, "Index directory not found: " + path);
            }
            try {
                loaded = read(old, rebuildGraph, insertThreads);
            } catch (IOException e) {
                if (!Files.exists(path)) {
                    throw e;
                }
                loaded = read(path, rebuildGraph, insertThreads); // the save finished meanwhile
            }
        } else {
            loaded = read(path, rebuildGraph, insertThreads);
        }
        LOG.debug("load_complete path={} vectors={} duration_ms={}", path, loaded.liveCount(),
                (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }

    /**
     * Every problem {@code verify} can find: manifest, then all inventory and digest problems at
     * once, then (only if those pass) the first structural problem of a full decode. Empty when
     * the index is sound.
     */
    public static List<ZdbFormatException> verify(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "Index directory not found: " + path);
        }
        List<ZdbFormatException> problems = new ArrayList<>();
        try {
            requireDirectory(path);
            ZdbManifest manifest = ZdbManifest.read(path);
            checkInventory(path, manifest, false, problems);
            checkDigests(path, manifest, false, false, problems);
            if (problems.isEmpty()) {
                decode(path, manifest, false, 0, null);
            }
        } catch (ZdbFormatException e) {
            problems.add(e);
        }
        return problems;
    }

    private static Path sibling(Path path, String suffix) {
        Path abs = path.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        return name == null ? null : abs.resolveSibling(name + suffix);
    }

    private static void requireDirectory(Path dir) throws ZdbFormatException {
        if (!Files.isDirectory(dir)) {
            throw new ZdbFormatException(null, dir + " is not a directory; a saved index is a directory (e.g. "
                    + "my_index.zdb/) holding manifest.json and its artefacts");
        }
    }

    private static LoadedIndex read(Path dir, boolean rebuildGraph, int insertThreads) throws IOException {
        requireDirectory(dir);
        ReadAhead ahead = ReadAhead.start(dir, !rebuildGraph);
        if (ahead != null) {
            try {
                return read(dir, rebuildGraph, insertThreads, ahead);
            } catch (IOException | RuntimeException e) {
                // a damaged or changing index: load again the sequential way, which names the problem
                LOG.debug("load with read-ahead failed ({}); loading sequentially", e.toString());
            } finally {
                ahead.cancel();
            }
        }
        return read(dir, rebuildGraph, insertThreads, null);
    }

    /**
     * Verifies and decodes the index; with a read-ahead, vectors.bin, the graph and metadata.json
     * are verified and decoded on its threads (see {@link ReadAhead}), everything else here.
     */
    private static LoadedIndex read(Path dir, boolean rebuildGraph, int insertThreads, ReadAhead ahead)
            throws IOException {
        long t0 = System.nanoTime();
        ZdbManifest manifest = ZdbManifest.read(dir);
        if (ahead != null) {
            ahead.manifestRead(manifest);
        }
        long tm = System.nanoTime();
        List<ZdbFormatException> problems = new ArrayList<>();
        checkInventory(dir, manifest, rebuildGraph, problems);
        long ti = System.nanoTime();
        if (problems.isEmpty()) {
            checkDigests(dir, manifest, rebuildGraph, ahead != null, problems);
        }
        LOG.debug("load phase=digests manifest_ms={} inventory_ms={} digests_ms={}", (tm - t0) / 1_000_000,
                (ti - tm) / 1_000_000, (System.nanoTime() - ti) / 1_000_000);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return decode(dir, manifest, rebuildGraph, insertThreads, ahead);
    }

    /** The directory must hold exactly the manifest and the artefacts it lists. */
    private static void checkInventory(Path dir, ZdbManifest manifest, boolean rebuildGraph,
                                       List<ZdbFormatException> problems) throws IOException {
        TreeSet<String> present = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                present.add(e.getFileName().toString());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : manifest.filesIncluded()) {
            if (!present.contains(name) && !(rebuildGraph && name.equals(ZdbLayout.GRAPH))) {
                missing.add(name);
            }
        }
        for (String name : missing) {
            problems.add(new ZdbFormatException(name, "manifest.json lists it under files_included but the index "
                    + "directory does not hold it" + (missing.size() > 1 ? " (also missing: "
                    + String.join(", ", missing.stream().filter(x -> !x.equals(name)).toList()) + ")" : "")));
        }
        for (String name : present) {
            if (!name.equals(ZdbLayout.MANIFEST) && !manifest.filesIncluded().contains(name)) {
                problems.add(new ZdbFormatException(name, "is in the index directory but manifest.json does not "
                        + "list it; a saved index holds exactly the files its manifest names (remove it, or "
                        + "save the index again)"));
            }
        }
        for (String name : manifest.filesIncluded()) {
            if (present.contains(name) && !Files.isRegularFile(dir.resolve(name))) {
                problems.add(new ZdbFormatException(name, "is not a regular file"));
            }
        }
    }

    /**
     * Length first (cheap), then CRC32C, of every listed artefact, before any is parsed; with
     * {@code readAhead}, vectors.bin, the graph and metadata.json are left to the read-ahead, which
     * digests them.
     */
    private static void checkDigests(Path dir, ZdbManifest manifest, boolean rebuildGraph, boolean readAhead,
                                     List<ZdbFormatException> problems) throws IOException {
        for (Map.Entry<String, FileDigest> e : manifest.fileDigests().entrySet()) {
            String name = e.getKey();
            if (rebuildGraph && name.equals(ZdbLayout.GRAPH)
                    || readAhead && (name.equals(ZdbLayout.GRAPH) || name.equals(ZdbLayout.VECTORS)
                    || name.equals(ZdbLayout.METADATA))) {
                continue;
            }
            FileDigest want = e.getValue();
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue; // reported by the inventory check
            }
            long size = Files.size(file);
            if (size != want.bytes()) {
                problems.add(new ZdbFormatException(name, "length is " + size + " bytes but manifest.json records "
                        + want.bytes() + "; the file (" + holds(name) + ") is truncated, extended or was replaced "
                        + "after the save"));
                continue;
            }
            FileDigest got = BinaryIn.digest(file);
            if (got.crc32c() != want.crc32c() || got.bytes() != want.bytes()) {
                problems.add(new ZdbFormatException(name, "CRC32C is " + got.crcHex() + " but manifest.json records "
                        + want.crcHex() + "; the file (" + holds(name) + ") was changed or damaged after the save"));
            }
        }
    }

    private static String holds(String name) {
        return switch (name) {
            case ZdbLayout.CONFIG -> "configuration, counters and index metadata";
            case ZdbLayout.MAPPINGS -> "ids of the graph nodes";
            case ZdbLayout.METADATA -> "per-record metadata";
            case ZdbLayout.VECTORS -> "raw vectors";
            case ZdbLayout.GRAPH -> "the HNSW graph";
            default -> "product quantization state";
        };
    }

    /** Parses every artefact and checks what the files say about each other. */
    private static LoadedIndex decode(Path dir, ZdbManifest manifest, boolean rebuildGraph, int insertThreads,
                                      ReadAhead ahead) throws IOException {
        long t0 = System.nanoTime();
        List<String> files = manifest.filesIncluded();
        ConfigFile.Contents config = ConfigFile.read(dir, insertThreads, files.contains(ZdbLayout.QUANTIZATION)
                ? dim -> QuantizationFile.read(dir, dim) : null);
        QuantizationFile.Contents quant = config.quantization();
        IndexConfig cfg = config.config();
        if (ahead != null) {
            ahead.configRead(cfg, quant != null && quant.trained() && files.contains(ZdbLayout.PQ_CODES));
        }
        if (config.vectorCount() != manifest.totalVectors()) {
            throw new ZdbFormatException(ZdbLayout.CONFIG, "vector_count is " + config.vectorCount()
                    + " but manifest.json's total_vectors is " + manifest.totalVectors());
        }
        long tc = System.nanoTime();
        MappingsFile.Contents maps = MappingsFile.read(dir);
        if (maps.idCounter() != config.idCounter()) {
            throw new ZdbFormatException(ZdbLayout.MAPPINGS, "id_counter is " + maps.idCounter()
                    + " but config.json's id_counter is " + config.idCounter());
        }
        if (maps.liveCount() != config.vectorCount()) {
            throw new ZdbFormatException(ZdbLayout.MAPPINGS, "holds " + maps.liveCount() + " live records but "
                    + "config.json's vector_count is " + config.vectorCount());
        }
        int n = maps.nodeCount();
        boolean hasNodes = n > 0;
        boolean trained = quant != null && quant.trained();
        if (quant != null && trained != files.contains(ZdbLayout.PQ_CENTROIDS)) {
            throw new ZdbFormatException(ZdbLayout.QUANTIZATION, "is_trained is " + trained + " but manifest.json "
                    + (trained ? "does not list " : "lists ") + ZdbLayout.PQ_CENTROIDS);
        }
        boolean codesActive = trained && hasNodes;
        boolean raw = quant == null || !trained || quant.config().storageMode() == StorageMode.QUANTIZED_WITH_RAW;
        expectListed(files, ZdbLayout.PQ_CODES, codesActive, codesActive
                ? "the index is trained and mappings.bin holds " + n + " graph nodes that need codes"
                : "the index " + (trained ? "has no graph nodes" : "is not trained"));
        expectListed(files, ZdbLayout.VECTORS, hasNodes && raw, hasNodes && raw
                ? "mappings.bin holds " + n + " graph nodes whose raw vectors the index keeps"
                : hasNodes ? "a trained quantized_only index keeps no raw vectors" : "mappings.bin holds no graph nodes");
        expectListed(files, ZdbLayout.GRAPH, hasNodes, hasNodes
                ? "mappings.bin holds " + n + " graph nodes that need it" : "mappings.bin holds no graph nodes");
        long t1 = System.nanoTime();
        if (ahead != null) {
            MetadataFile.place(ahead.metadata(manifest.fileDigests().get(ZdbLayout.METADATA)), maps.nodeOf(),
                    maps.slots(), n, maps.liveCount());
        } else {
            MetadataFile.read(dir, maps.nodeOf(), maps.slots(), n, maps.liveCount());
        }
        long t2 = System.nanoTime();
        Space space = cfg.space();
        Metric metric = Metric.valueOf(space.name());
        VectorStore vectors = null;
        if (raw) {
            if (!hasNodes) {
                vectors = new VectorStore(cfg.dim(), metric, Kernels.best());
            } else if (ahead != null) {
                vectors = ahead.vectors(n, cfg.dim(), metric, manifest.fileDigests().get(ZdbLayout.VECTORS));
            } else {
                vectors = VectorsFile.read(dir, n, cfg.dim(), space, maps.slots());
            }
        }
        PqState pq = null;
        CodeStore codes = null;
        if (quant != null) {
            QuantizationConfig qc = cfg.quantization();
            PqCodebook book = trained ? CentroidsFile.read(dir, cfg.dim(), qc.subvectors(), qc.bits(), metric) : null;
            if (book != null) {
                codes = hasNodes ? CodesFile.read(dir, n, book) : new CodeStore(book);
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String id : quant.trainingIds()) {
                if (!seen.add(id)) {
                    throw new ZdbFormatException(ZdbLayout.QUANTIZATION, "training_ids lists '" + id + "' twice");
                }
                if (!maps.nodeOf().contains(id)) {
                    throw new ZdbFormatException(ZdbLayout.QUANTIZATION, "training_ids lists '" + id
                            + "', which is not a live record in mappings.bin");
                }
            }
            boolean threshold = trained ? quant.thresholdReached() : quant.trainingIds().size() >= qc.trainingSize();
            pq = new PqState(qc, book, quant.trainedAt(), quant.trainingIds(), threshold, quant.calibration(),
                    codes != null);
        }
        long t3 = System.nanoTime();
        HnswGraph graph = null;
        if (!rebuildGraph) {
            if (hasNodes) {
                graph = ahead != null
                        ? ahead.graph(n, cfg, codes != null, manifest.fileDigests().get(ZdbLayout.GRAPH))
                        : GraphFile.read(dir, n, cfg, codes != null);
            } else {
                graph = new HnswGraph(cfg.m(), cfg.efConstruction());
            }
        }
        long t4 = System.nanoTime();
        LOG.debug("load phase=files config_ms={} mappings_ms={} metadata_ms={} vectors_ms={} graph_ms={}",
                (tc - t0) / 1_000_000, (t1 - tc) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        // a generated id must never equal a stored vec_N, whatever generated_ids says
        long generatedIds = Math.max(config.generatedIds(), maps.generatedFloor());
        return new LoadedIndex(cfg, manifest.createdAt(), config.idCounter(), generatedIds,
                config.metadata(), n, maps.liveCount(), vectors, codes, pq, graph, maps.slots(), maps.nodeOf(),
                manifest);
    }

    private static void expectListed(List<String> files, String name, boolean wanted, String why)
            throws ZdbFormatException {
        if (files.contains(name) != wanted) {
            throw new ZdbFormatException(name, (wanted ? "is not listed in manifest.json, but " : "is listed in "
                    + "manifest.json, but ") + why);
        }
    }
}
