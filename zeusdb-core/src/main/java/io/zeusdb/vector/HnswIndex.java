package io.zeusdb.vector;

import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.distance.NodeScorer;
import io.zeusdb.vector.distance.NodeSpace;
import io.zeusdb.vector.filter.ColumnView;
import io.zeusdb.vector.filter.FilterCompiler;
import io.zeusdb.vector.filter.MetadataPredicate;
import io.zeusdb.vector.graph.HnswGraph;
import io.zeusdb.vector.graph.NodeAcceptor;
import io.zeusdb.vector.graph.SearchHits;
import io.zeusdb.vector.metadata.CodePointOrder;
import io.zeusdb.vector.metadata.MetadataValues;
import io.zeusdb.vector.metadata.PythonRepr;
import io.zeusdb.vector.persistence.IndexSnapshot;
import io.zeusdb.vector.persistence.LoadedIndex;
import io.zeusdb.vector.persistence.PqState;
import io.zeusdb.vector.persistence.StoredNodes;
import io.zeusdb.vector.persistence.ZdbWriter;
import io.zeusdb.vector.quantization.CodeStore;
import io.zeusdb.vector.quantization.PqCodebook;
import io.zeusdb.vector.quantization.PqTrainer;
import io.zeusdb.vector.quantization.RerankCalibration;
import io.zeusdb.vector.storage.FieldColumn;
import io.zeusdb.vector.storage.GeneratedIds;
import io.zeusdb.vector.storage.IdTable;
import io.zeusdb.vector.storage.RecordSlots;
import io.zeusdb.vector.storage.VectorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HNSW vector index: records (id, vector, metadata) searched by nearest neighbour with
 * optional metadata filters. Indexes come from {@link VectorDatabase#create}.
 *
 * <pre>{@code
 * HnswIndex index = new VectorDatabase().create("hnsw", Map.of("dim", 8));
 * index.add(Map.of("id", "doc1", "vector", v, "metadata", Map.of("author", "Alice")));
 * List<SearchResult> hits = index.search(q, Map.of("author", "Alice"), 5);
 * }</pre>
 *
 * <p><b>Threads.</b> Any number of threads may search at once, also while another thread adds,
 * removes or updates; a search never sees a removed record, a half-applied batch removal or a
 * half-swapped graph. Mutators (add, remove, update, clear, compact, rebuild) run one at a time.
 *
 * <p><b>Deletes are logical.</b> A removed record's graph node stays and keeps routing searches
 * until {@link #compact()}; it never appears in results and never shortens a page.
 */
public final class HnswIndex {

    private static final Logger LOG = LoggerFactory.getLogger(HnswIndex.class);
    /** A filter matching at most this many records is answered by an exact scan. */
    static final int EXACT_SCAN_LIMIT = 5_000;
    private static final long RESERVATION_CAP_BYTES = 128L << 20;

    private volatile IndexConfig config;
    private final Metric metric;
    private final ReentrantLock writer = new ReentrantLock();
    /** Guards what searches must see atomically: batch removals and whole-state swaps. */
    private final StampedLock visibility = new StampedLock();
    private final Map<String, String> indexMetadata = new ConcurrentHashMap<>();
    private volatile Core core;
    private long internalIdCounter;
    private long generatedIdCounter;
    private boolean overgrowthWarned;
    private volatile boolean undeclaredWarned;
    /** When the index was created; saved in the manifest and carried across save and load. */
    private final Instant createdAt;

    // Product quantization (all writer-only except the volatile reads of accessors)
    /** Ids collected for training, in collection order; emptied once trained. */
    private final LinkedHashSet<String> trainingIds = new LinkedHashSet<>();
    /** {@code trainingIds.size()}, published for readers. */
    private volatile int trainingCount;
    private volatile boolean trainingThresholdReached;
    /** The trained codebook; kept by clear(). */
    private volatile PqCodebook codebook;
    private volatile Instant trainedAt;
    private volatile RerankCalibration calibration;

    /** A filter's matching nodes as computed at one epoch of a core. */
    private record CachedBits(Object key, long epoch, long[] bits) {}

    /** Everything a clear, compact or rebuild replaces at once. */
    private static final class Core {
        /** Raw vectors; {@code null} on a trained {@code quantized_only} index. */
        final VectorStore vectors;
        /** Codes; {@code null} until the codebook is trained. */
        final CodeStore codes;
        final HnswGraph graph;
        final RecordSlots slots;
        final IdTable nodeOf;
        /** One column per declared field, in declaration order. */
        final FieldColumn[] columns;
        final Map<String, FieldColumn> columnOf = new HashMap<>();
        final ColumnView.Lookup lookup = columnOf::get;
        int nodeCount;
        volatile int live;
        /** Bumped by every change of which records exist or what metadata they hold. */
        volatile long epoch;
        /** Recent filters' match bitmaps, valid while {@link #epoch} is unchanged. */
        final java.util.concurrent.atomic.AtomicReferenceArray<CachedBits> bitsCache =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(4);
        final java.util.concurrent.atomic.AtomicInteger bitsCacheNext = new java.util.concurrent.atomic.AtomicInteger();

        Core(IndexConfig cfg, Metric metric, int reserve, PqCodebook codebook) {
            boolean keepRaw = codebook == null || cfg.quantization().storageMode() == StorageMode.QUANTIZED_WITH_RAW;
            vectors = keepRaw ? new VectorStore(cfg.dim(), metric, Kernels.best()) : null;
            codes = codebook == null ? null : new CodeStore(codebook);
            graph = new HnswGraph(cfg.m(), cfg.efConstruction());
            slots = new RecordSlots();
            nodeOf = new IdTable();
            columns = newColumns(cfg);
            if (reserve > 0) {
                ensureCapacity(reserve);
            }
        }

        /**
         * A core over structures filled elsewhere (a loaded index). Columns are never saved: they
         * are rebuilt here from the records' metadata and the saved declaration.
         */
        Core(IndexConfig cfg, VectorStore vectors, CodeStore codes, HnswGraph graph, RecordSlots slots, IdTable nodeOf,
             int nodeCount, int live) {
            this.vectors = vectors;
            this.codes = codes;
            this.graph = graph;
            this.slots = slots;
            this.nodeOf = nodeOf;
            this.nodeCount = nodeCount;
            this.live = live;
            this.columns = newColumns(cfg);
            for (FieldColumn column : columns) {
                column.ensureCapacity(nodeCount);
                for (int node = 0; node < nodeCount; node++) {
                    if (slots.isLive(node)) {
                        column.set(node, slots.metadata(node));
                    }
                }
            }
        }

        /**
         * The same records and graph over other vector storage (training swaps codes in): every
         * structure is shared, so the swap copies nothing.
         */
        Core(Core from, VectorStore vectors, CodeStore codes) {
            this.vectors = vectors;
            this.codes = codes;
            this.graph = from.graph;
            this.slots = from.slots;
            this.nodeOf = from.nodeOf;
            this.columns = from.columns;
            this.columnOf.putAll(from.columnOf);
            this.nodeCount = from.nodeCount;
            this.live = from.live;
            this.epoch = from.epoch + 1;
        }

        /**
         * What the graph links new nodes by: raw vectors whenever they are held (exact
         * distances make the better graph), else codes (SDC).
         */
        NodeSpace linkSpace() {
            return vectors != null ? vectors : codes;
        }

        /** A node's vector: the raw one when held, else the reconstruction of its code. */
        float[] vector(int node) {
            return vectors != null ? vectors.get(node) : codes.decode(node);
        }

        /** Bytes of raw vectors and codes. */
        long storageBytes() {
            return (vectors == null ? 0 : vectors.bytes()) + (codes == null ? 0 : codes.bytes());
        }

        private FieldColumn[] newColumns(IndexConfig cfg) {
            FieldColumn[] cols = new FieldColumn[cfg.indexedFields().size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = new FieldColumn(cfg.indexedFields().get(i));
                columnOf.put(cols[i].field(), cols[i]);
            }
            return cols;
        }

        void ensureCapacity(int nodes) {
            if (vectors != null) {
                vectors.ensureCapacity(nodes);
            }
            if (codes != null) {
                codes.ensureCapacity(nodes);
            }
            graph.ensureCapacity(nodes);
            slots.ensureCapacity(nodes);
            for (FieldColumn column : columns) {
                column.ensureCapacity(nodes);
            }
        }

        /** Fills a node's record slot and its column entries. Writer only. */
        void setRecord(int node, String id, Map<String, Object> metadata, long internalId) {
            for (FieldColumn column : columns) {
                column.set(node, metadata);
            }
            slots.set(node, id, metadata, internalId);
        }

        /** Empties a node's record slot and column entries (the graph node stays). Writer only. */
        void clearRecord(int node) {
            slots.clear(node);
            for (FieldColumn column : columns) {
                column.clear(node);
            }
        }

        long columnBytes() {
            long bytes = 0;
            for (FieldColumn column : columns) {
                bytes += column.bytes();
            }
            return bytes;
        }
    }

    HnswIndex(IndexConfig config) {
        config.warnAtCreate();
        this.config = config;
        this.metric = config.space().metric();
        this.core = new Core(config, metric, reservation(config), null);
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LOG.info("index_creation_complete dim={} space={} m={} ef_construction={} expected_size={}",
                config.dim(), config.space(), config.m(), config.efConstruction(), config.expectedSize());
    }

    /**
     * An index restored from disk: the saved graph as it is (or, when the load asked for it, a
     * graph rebuilt from the records), counters, index metadata and creation time.
     */
    HnswIndex(LoadedIndex loaded) {
        this.config = loaded.config();
        this.metric = config.space().metric();
        this.createdAt = loaded.createdAt();
        this.internalIdCounter = loaded.idCounter();
        this.generatedIdCounter = loaded.generatedIds();
        this.indexMetadata.putAll(loaded.indexMetadata());
        HnswGraph graph = loaded.graph() != null ? loaded.graph() : new HnswGraph(config.m(), config.efConstruction());
        Core c = new Core(config, loaded.vectors(), loaded.codes(), graph, loaded.slots(), loaded.nodeOf(),
                loaded.nodeCount(), loaded.liveCount());
        PqState pq = loaded.pq();
        if (pq != null) {
            codebook = pq.codebook();
            trainedAt = pq.trainedAt();
            calibration = pq.calibration();
            trainingIds.addAll(pq.trainingIds());
            trainingCount = trainingIds.size();
            trainingThresholdReached = pq.thresholdReached();
        }
        if (loaded.graph() == null) {
            LOG.warn("load rebuilds the graph from {} records as requested (LoadOptions.rebuildGraph); the saved "
                    + "graph file is ignored and removed records' nodes are dropped", c.live);
            c = rebuilt(c, config, 1); // one thread: the rebuilt graph is deterministic
        }
        // the capacity a created index reserves, so memory figures match the saved index's
        c.ensureCapacity(Math.max(reservation(config), c.nodeCount));
        this.core = c;
        this.overgrowthWarned = c.live > 2L * config.expectedSize();
    }

    /** Nodes reserved at creation: {@code expected_size}, capped at 128 MiB of vectors and lists. */
    private static int reservation(IndexConfig cfg) {
        long perNode = (long) cfg.dim() * Float.BYTES + (2L * cfg.m() + 1) * Integer.BYTES + 17;
        return (int) Math.min(cfg.expectedSize(), RESERVATION_CAP_BYTES / perNode);
    }

    // =================================================================== add

    /** Adds records with upsert; see {@link #add(Object, boolean)}. */
    public AddResult add(Object data) {
        return add(data, true);
    }

    /**
     * Adds records in any accepted shape: a Map with {@code id} and {@code vector}/{@code values}
     * (one record); a columnar Map ({@code ids}, {@code vectors}|{@code embeddings}|{@code values},
     * {@code metadatas}|{@code metadata}); a List of such Maps, of vectors or of {@link Record}s; a
     * {@code float[][]}/{@code double[][]}; one {@code float[]}/{@code double[]}; a {@link Record}.
     * Records without an id get {@code vec_N}.
     *
     * @param overwrite replace records whose id exists (true), or report them as errors (false)
     * @return what went in and what was rejected
     * @throws IllegalArgumentException for a null or malformed batch (nothing is inserted)
     */
    public AddResult add(Object data, boolean overwrite) {
        long started = System.nanoTime();
        AddInput input = AddInput.parse(data, config.dim(), metric);
        List<String> errors = new ArrayList<>(input.inputErrors);
        List<String> ids = new ArrayList<>();
        writer.lock();
        try {
            Core c = core;
            List<AddInput.Item> kept = select(input, overwrite, c, errors);
            for (AddInput.Item item : kept) {
                if (item.id != null) {
                    raiseGeneratedFloor(item.id);
                }
            }
            String[] finalIds = new String[kept.size()];
            for (int i = 0; i < kept.size(); i++) {
                String id = kept.get(i).id;
                finalIds[i] = id != null ? id : GeneratedIds.id(++generatedIdCounter);
                ids.add(finalIds[i]);
            }
            insert(c, kept, finalIds);
            warnIfOvergrown(c);
            trainIfReady(errors);
        } finally {
            writer.unlock();
        }
        AddResult result = new AddResult(ids, errors, new Shape(input.rows(), config.dim()));
        LOG.debug("add_vectors_complete total_inserted={} total_errors={} duration_ms={} overwrite_mode={}",
                result.totalInserted(), result.totalErrors(), (System.nanoTime() - started) / 1_000_000, overwrite);
        return result;
    }

    /** Applies per-record errors, in-batch duplicates and overwrite rules; returns what to insert. */
    private List<AddInput.Item> select(AddInput input, boolean overwrite, Core c, List<String> errors) {
        List<AddInput.Item> valid = new ArrayList<>(input.items.size());
        for (AddInput.Item item : input.items) {
            if (item.error != null) {
                errors.add(item.error);
            } else {
                valid.add(item);
            }
        }
        if (overwrite) {
            // the last occurrence of an id wins, at its own arrival position
            Map<String, Integer> last = new HashMap<>();
            for (int i = 0; i < valid.size(); i++) {
                if (valid.get(i).id != null) {
                    last.put(valid.get(i).id, i);
                }
            }
            if (last.size() == countWithIds(valid)) {
                return valid;
            }
            List<AddInput.Item> kept = new ArrayList<>(valid.size());
            int superseded = 0;
            for (int i = 0; i < valid.size(); i++) {
                AddInput.Item item = valid.get(i);
                if (item.id == null || last.get(item.id) == i) {
                    kept.add(item);
                } else {
                    superseded++;
                }
            }
            LOG.debug("overwrite_preparation superseded_in_batch={}", superseded);
            return kept;
        }
        Set<String> seen = new HashSet<>();
        List<AddInput.Item> kept = new ArrayList<>(valid.size());
        for (AddInput.Item item : valid) {
            if (item.id != null && (c.nodeOf.contains(item.id) || !seen.add(item.id))) {
                errors.add("Vector " + item.id + ": Vector with ID '" + item.id + "' already exists");
                LOG.warn("add with overwrite=false skipped existing id '{}'", item.id);
            } else {
                kept.add(item);
            }
        }
        return kept;
    }

    private static int countWithIds(List<AddInput.Item> items) {
        int n = 0;
        for (AddInput.Item item : items) {
            if (item.id != null) {
                n++;
            }
        }
        return n;
    }

    /** A caller's {@code vec_N} raises the generated-id counter so no generated id collides with it. */
    private void raiseGeneratedFloor(String id) {
        generatedIdCounter = Math.max(generatedIdCounter, GeneratedIds.numberOf(id));
    }

    /** Writes the records into fresh nodes, makes them visible, then links them in parallel. */
    private void insert(Core c, List<AddInput.Item> items, String[] ids) {
        int n = items.size();
        if (n == 0) {
            return;
        }
        int start = c.nodeCount;
        c.ensureCapacity(start + n);
        for (int i = 0; i < n; i++) {
            int node = start + i;
            long internalId = ++internalIdCounter;
            float[] v = items.get(i).vector;
            if (c.vectors != null) {
                c.vectors.set(node, v);
            }
            if (c.codes != null) {
                c.codes.encode(node, v);
            }
            c.graph.prepare(node, c.graph.levelFor(internalId));
            c.setRecord(node, ids[i], items.get(i).metadata, internalId);
        }
        long stamp = visibility.writeLock();
        try {
            int replaced = 0;
            for (int i = 0; i < n; i++) {
                int old = c.nodeOf.put(ids[i], start + i);
                if (old >= 0) {
                    c.clearRecord(old);
                    replaced++;
                }
                collectForTraining(ids[i]);
            }
            c.nodeCount = start + n;
            c.live += n - replaced;
            c.epoch++;
            c.graph.publish(start + n);
        } finally {
            visibility.unlockWrite(stamp);
        }
        link(c, start, start + n, config.insertThreads());
    }

    private static void link(Core c, int from, int to, int threads) {
        HnswGraph graph = c.graph;
        NodeSpace space = c.linkSpace();
        WorkerPool.forEach(from, to, threads, node -> graph.insert(node, space));
    }

    private void warnIfOvergrown(Core c) {
        if (!overgrowthWarned && c.live > 2L * config.expectedSize()) {
            overgrowthWarned = true;
            LOG.warn("expected_size_exceeded: the index holds {} records, more than twice expected_size={}; "
                    + "m={} stays fixed, so recall may drop. Consider rebuild(m, expected_size, ...).",
                    c.live, config.expectedSize(), config.m());
        }
    }

    // =================================================================== search

    /** Top 10 nearest records to {@code query} ({@code float[]}, {@code double[]} or List of numbers). */
    public List<SearchResult> search(Object query) {
        return search(query, SearchOptions.defaults());
    }

    /** The {@code topK} nearest records. */
    public List<SearchResult> search(Object query, int topK) {
        return search(query, SearchOptions.topK(topK));
    }

    /** The {@code topK} nearest records whose metadata matches {@code filter} (Map form). */
    public List<SearchResult> search(Object query, Map<String, ?> filter, int topK) {
        return search(query, SearchOptions.topK(topK).filter(filter));
    }

    /** The {@code topK} nearest records whose metadata matches {@code filter}. */
    public List<SearchResult> search(Object query, Filter filter, int topK) {
        return search(query, SearchOptions.topK(topK).filter(filter));
    }

    /**
     * Searches with every option.
     *
     * @throws IllegalArgumentException for a null, empty, wrong-width or non-finite query
     */
    public List<SearchResult> search(Object query, SearchOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options cannot be null");
        }
        float[] q = VectorInput.query(query, config.dim(), metric);
        return searchPrepared(q, options);
    }

    /** One result list per query, in query order, equal to single searches. */
    public List<List<SearchResult>> searchBatch(Object queries, int topK) {
        return searchBatch(queries, SearchOptions.topK(topK));
    }

    /**
     * Searches a batch ({@code float[][]}, {@code double[][]}, {@code List<float[]>} or a List of
     * Lists of numbers); more than five queries run in parallel.
     */
    public List<List<SearchResult>> searchBatch(Object queries, SearchOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options cannot be null");
        }
        float[][] qs = VectorInput.batch(queries, config.dim(), metric);
        @SuppressWarnings("unchecked")
        List<SearchResult>[] out = new List[qs.length];
        WorkerPool.forEach(0, qs.length, qs.length > 5 ? 0 : 1, i -> out[i] = searchPrepared(qs[i], options));
        return List.of(out);
    }

    private List<SearchResult> searchPrepared(float[] q, SearchOptions options) {
        int k = options.topK();
        if (k == 0) {
            return List.of();
        }
        List<SearchResult> result = consistentRead(c -> runSearch(c, q, options));
        LOG.trace("search_complete results_count={}", result.size());
        return result;
    }

    /**
     * Runs a read against the current state so that it sees no batch removal or state swap half
     * done: optimistically first (no lock at all), and again under the read lock when a writer
     * changed visibility meanwhile. A failure during an invalidated optimistic pass is retried
     * too, since it may come from the inconsistent view.
     */
    private <T> T consistentRead(java.util.function.Function<Core, T> read) {
        long stamp = visibility.tryOptimisticRead();
        if (stamp != 0) {
            try {
                T result = read.apply(core);
                if (visibility.validate(stamp)) {
                    return result;
                }
            } catch (RuntimeException e) {
                if (visibility.validate(stamp)) {
                    throw e;
                }
            }
        }
        stamp = visibility.readLock();
        try {
            return read.apply(core);
        } finally {
            visibility.unlockRead(stamp);
        }
    }

    private int defaultEf(int k) {
        return Math.max(2 * k, metric == Metric.L1 || metric == Metric.L2 ? 150 : 100);
    }

    private List<SearchResult> runSearch(Core c, float[] q, SearchOptions options) {
        int k = options.topK();
        int live = c.live;
        if (live == 0) {
            return List.of();
        }
        int width = Math.max(options.efSearch() == null ? defaultEf(k) : options.efSearch(), k);
        // What the page is ranked by (section 11.7): raw vectors when held and not told otherwise,
        // else distances to the reconstructions (ADC). A trained index traverses its codes; with
        // raw vectors it then rescores the best `fetch` candidates against them.
        Integer rerank = options.rerank();
        boolean rawScores = c.vectors != null && (c.codes == null || rerank == null || rerank > 0);
        int fetch = 0;
        if (c.codes != null && rawScores) {
            fetch = rerank == null ? rerankFetch(live, k) : (int) Math.min((long) k * rerank, Math.max(live, k));
            width = Math.max(width, fetch);
        }
        MetadataPredicate filter = options.compiledFilter();
        RecordSlots slots = c.slots;
        NodeAcceptor acceptor;
        boolean admittedOnly = false;
        long[] filterBits = null;
        if (filter == null || filter.matchesEverythingByShape()) {
            if (width >= live) {
                return exact(c, finalScorer(c, q, rawScores), liveNodes(c), k, options.returnVector());
            }
            acceptor = slots::isLive;
        } else {
            if (filter.matchesNothingByShape()) {
                return List.of();
            }
            long[] bits = matchBits(c, filter);
            int limit = scanLimit(width, live);
            int[] matches = matchingNodes(c, bits, limit);
            if (matches != null) {
                return exact(c, finalScorer(c, q, rawScores), matches, k, options.returnVector());
            }
            acceptor = acceptor(c, bits);
            // more than `limit` match; a filter keeping a sizeable share of the records is traversed
            // scoring admitted nodes only (a traversal that cannot fill its beam falls back to the plain one)
            admittedOnly = limit >= admittedOnlyFloor(live) || atLeast(c, bits, admittedOnlyFloor(live));
            filterBits = bits;
        }
        NodeScorer traversal = c.codes != null ? c.codes.scorer(q) : c.vectors.scorer(q);
        SearchHits hits = null;
        if (admittedOnly) {
            hits = c.graph.searchAdmittedOnly(traversal, width, acceptor);
            // more than `width` records match here, so a traversal that did not fill its beam ran
            // out of admitted nodes within two hops: it was stranded, and even a page of k it found
            // may be far from the query (records on a line, every fifth admitted: k=1 answered 155
            // units away); the plain traversal routes through the non-admitted nodes instead
            if (hits.count() < width) {
                hits = null;
            }
        }
        if (hits == null) {
            hits = c.graph.search(traversal, width, acceptor);
        }
        if (filterBits != null && missedMatches(filterBits, acceptor, traversal, hits, k)) {
            int[] all = matchingNodes(c, filterBits, AUDIT_SCAN_LIMIT);
            if (all != null) {
                return exact(c, finalScorer(c, q, rawScores), all, k, options.returnVector());
            }
        }
        if (fetch == 0) {
            return page(c, hits.nodes(), hits.distances(), hits.count(), k, options.returnVector());
        }
        // rescore the best `fetch` ADC candidates against the raw vectors
        int n = Math.min(fetch, hits.count());
        int[] nodes = Arrays.copyOf(hits.nodes(), n);
        float[] dist = new float[n];
        c.vectors.scorer(q).distances(nodes, n, dist);
        sortByDistance(nodes, dist, n);
        return page(c, nodes, dist, n, k, options.returnVector());
    }

    /** The scorer whose distances a page reports: raw vectors, or ADC over the codes. */
    private static NodeScorer finalScorer(Core c, float[] q, boolean rawScores) {
        return rawScores ? c.vectors.scorer(q) : c.codes.scorer(q);
    }

    /** The default rescoring fetch of a {@code quantized_with_raw} search: calibrated when measured. */
    private int rerankFetch(int live, int k) {
        RerankCalibration cal = calibration;
        return cal != null ? cal.fetchFor(live, k) : RerankCalibration.defaultFetch(live, k);
    }

    /**
     * Filters keeping at least this share of the live records are traversed scoring admitted nodes
     * only ({@link HnswGraph#searchAdmittedOnly}). Below it a two-hop expansion finds too few
     * admitted nodes per step, and the plain filtered traversal (or a scan) is used.
     */
    static final double ADMITTED_ONLY_MIN_SHARE = 0.05;

    /** The smallest match count traversed admitted-only at {@code live} records. */
    static int admittedOnlyFloor(int live) {
        return (int) Math.ceil(live * ADMITTED_ONLY_MIN_SHARE);
    }

    /** Matching records a filtered traversal's page is checked against (see {@link #missedMatches}). */
    static final int AUDIT_SAMPLE = 32;

    /** Up to how many matching records a page that failed its check is answered by an exact scan. */
    static final int AUDIT_SCAN_LIMIT = 50_000;

    /**
     * Whether a filtered traversal demonstrably missed part of the true page: one of
     * {@link #AUDIT_SAMPLE} matching records spread evenly over the node numbers is nearer than the
     * page's k-th hit and is not on it. A traversal that found the true top k can never fail this
     * (every record nearer than its k-th is on the page), and a near-perfect one fails it rarely
     * (a sample record must be one it missed). Traversals fail it when the matching records lie
     * away from the query, where both traversals have too few matching nodes near their path
     * (measured: recall@10 0.58 at ef 40 on a cluster shifted away from the queries); an exact scan
     * of the matches then answers. Deterministic for a given index state and filter.
     */
    private static boolean missedMatches(long[] bits, NodeAcceptor acceptor, NodeScorer scorer, SearchHits hits,
                                         int k) {
        int found = Math.min(k, hits.count());
        if (found == 0) {
            return true;
        }
        float kth = hits.distances()[found - 1];
        int[] sample = new int[AUDIT_SAMPLE];
        int words = bits.length;
        int n = 0;
        for (int s = 0; s < AUDIT_SAMPLE; s++) {
            int before = n;
            int to = (int) ((long) (s + 1) * words / AUDIT_SAMPLE);
            for (int w = (int) ((long) s * words / AUDIT_SAMPLE); w < to && n == before; w++) {
                long word = bits[w];
                while (word != 0) {
                    int node = (w << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    if (acceptor.accept(node)) {
                        sample[n++] = node; // the first matching record of this stretch
                        break;
                    }
                }
            }
        }
        float[] dist = new float[n];
        scorer.distances(sample, n, dist);
        int[] nodes = hits.nodes();
        for (int i = 0; i < n; i++) {
            if (dist[i] < kth && !contains(nodes, found, sample[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] nodes, int count, int node) {
        for (int i = 0; i < count; i++) {
            if (nodes[i] == node) {
                return true;
            }
        }
        return false;
    }

    /** Whether at least {@code n} live nodes are set in {@code bits} (stops counting at n). */
    private static boolean atLeast(Core c, long[] bits, int n) {
        int limit = Math.min(c.graph.size(), bits.length << 6);
        int count = 0;
        RecordSlots slots = c.slots;
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int node = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                if (node < limit && slots.isLive(node) && slots.metadata(node) != null && ++count >= n) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Up to how many matching records a filtered search scores them all instead of traversing the
     * graph. Always at least 5,000 (the exact guarantee) and the traversal width. When a filter
     * just above that keeps at least {@link #ADMITTED_ONLY_MIN_SHARE} of the records, its traversal
     * scores admitted nodes only and beats any larger scan, so the limit is that floor. Otherwise
     * (more than 100,000 records at the default widths) a cost model for the plain filtered
     * traversal: a scan scores m vectors in node order (about a third of the cost of a graph visit),
     * the traversal visits about V/p nodes where V ~ 15 x width is what an unfiltered search visits
     * and p = m / live; the two cross at m = sqrt(3 V live). The rule depends only on the match
     * count, width and live count, so declared and undeclared indexes take the same path and return
     * the same page.
     */
    static int scanLimit(int width, int live) {
        int floor = Math.max(EXACT_SCAN_LIMIT, width);
        if (floor >= admittedOnlyFloor(live)) {
            // above the floor the traversal scores admitted nodes only, about an unfiltered
            // search's worth of vectors: cheaper than scanning more than the floor (measured on
            // minilm-50k: 16 % of the records scanned 2.7 ms, traversed admitted-only 0.7-1.0 ms)
            return floor;
        }
        double visits = 15.0 * width;
        long model = (long) Math.sqrt(3 * visits * live);
        // past the admitted-only floor a traversal is cheaper than any scan
        return (int) Math.max(floor, Math.min(Math.min(live, model), admittedOnlyFloor(live)));
    }

    /**
     * The nodes whose record matches {@code filter}, as a bitmap over node numbers (removed nodes
     * may be set; callers check liveness): from declared columns when every field the filter names
     * is declared, else by reading every record's metadata. Recent answers are cached per filter
     * until the records change, so a filter repeated over many queries (a tenant, a category) is
     * resolved once.
     */
    private long[] matchBits(Core c, MetadataPredicate filter) {
        Object key = filter.cacheKey();
        long epoch = c.epoch;
        if (key != null) {
            for (int i = 0; i < c.bitsCache.length(); i++) {
                CachedBits cached = c.bitsCache.get(i);
                if (cached != null && cached.epoch() == epoch && cached.key().equals(key)) {
                    return cached.bits();
                }
            }
        }
        int nodeCount = c.graph.size();
        long[] bits = c.columns.length == 0 ? null : filter.matchBits(c.lookup, nodeCount);
        if (bits == null) {
            // declared fields of a mixed filter bound the records whose metadata must be read
            long[] candidates = null;
            if (c.columns.length > 0) {
                warnUndeclared(c, filter);
                candidates = filter.candidateBits(c.lookup, nodeCount);
            }
            bits = new long[(nodeCount + 63) >>> 6];
            RecordSlots slots = c.slots;
            if (candidates == null) {
                for (int node = 0; node < nodeCount; node++) {
                    Map<String, Object> meta = slots.metadata(node);
                    if (meta != null && slots.isLive(node) && filter.test(meta)) {
                        bits[node >>> 6] |= 1L << node;
                    }
                }
            } else {
                for (int w = 0; w < candidates.length; w++) {
                    long word = candidates[w];
                    while (word != 0) {
                        int node = (w << 6) + Long.numberOfTrailingZeros(word);
                        word &= word - 1;
                        Map<String, Object> meta = node < nodeCount ? slots.metadata(node) : null;
                        if (meta != null && slots.isLive(node) && filter.test(meta)) {
                            bits[node >>> 6] |= 1L << node;
                        }
                    }
                }
            }
        }
        if (key != null) {
            c.bitsCache.set(Math.floorMod(c.bitsCacheNext.getAndIncrement(), c.bitsCache.length()),
                    new CachedBits(key, epoch, bits));
        }
        return bits;
    }

    private void warnUndeclared(Core c, MetadataPredicate filter) {
        if (undeclaredWarned) {
            return;
        }
        undeclaredWarned = true;
        List<String> missing = new ArrayList<>();
        for (String field : filter.fieldNames()) {
            if (!c.columnOf.containsKey(field)) {
                missing.add(field);
            }
        }
        LOG.warn("filter_field_not_indexed: the filter names {} which indexed_fields does not declare, so "
                + "matching records are found by reading metadata; declare them to filter faster", missing);
    }

    /** The live nodes set in {@code bits}, or {@code null} once more than {@code limit} are. */
    private static int[] matchingNodes(Core c, long[] bits, int limit) {
        int n = Math.min(c.graph.size(), bits.length << 6);
        int[] out = new int[64];
        int count = 0;
        RecordSlots slots = c.slots;
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int node = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                if (node >= n || !slots.isLive(node) || slots.metadata(node) == null) {
                    continue;
                }
                if (count == limit) {
                    return null;
                }
                if (count == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[count++] = node;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Which nodes may take a result slot in a filtered traversal. */
    private static NodeAcceptor acceptor(Core c, long[] bits) {
        RecordSlots slots = c.slots;
        int n = bits.length << 6;
        return node -> node < n && (bits[node >>> 6] & (1L << node)) != 0 && slots.isLive(node);
    }

    /** Every live node, ascending. */
    private static int[] liveNodes(Core c) {
        int n = c.graph.size();
        int[] out = new int[Math.min(n, 1024)];
        int count = 0;
        RecordSlots slots = c.slots;
        for (int node = 0; node < n; node++) {
            if (slots.metadata(node) == null || !slots.isLive(node)) {
                continue;
            }
            if (count == out.length) {
                out = Arrays.copyOf(out, Math.min(n, out.length * 2));
            }
            out[count++] = node;
        }
        return Arrays.copyOf(out, count);
    }

    /** Brute force over {@code nodes}: the exact page, ties by id. */
    private List<SearchResult> exact(Core c, NodeScorer scorer, int[] nodes, int k, boolean withVectors) {
        int n = nodes.length;
        if (n == 0) {
            return List.of();
        }
        float[] d = new float[n];
        scorer.distances(nodes, n, d);
        // The k-th smallest score bounds the page and everything tied with it competes by id. The
        // bound is on scores, not internal distances: cosine's clamp at 0 and l2's square root
        // give equal scores to different internal distances.
        float bound = k >= n ? Float.POSITIVE_INFINITY : kthSmallestScore(d, n, k);
        int m = 0;
        int[] candNodes = new int[n];
        float[] candDist = new float[n];
        for (int i = 0; i < n; i++) {
            if (metric.score(d[i]) <= bound || Float.isNaN(d[i])) {
                candNodes[m] = nodes[i];
                candDist[m++] = d[i];
            }
        }
        sortByDistance(candNodes, candDist, m);
        return page(c, candNodes, candDist, m, k, withVectors);
    }

    /** The k-th smallest score among {@code d[0..n)}, with a bounded max-heap (O(n log k)). */
    private float kthSmallestScore(float[] d, int n, int k) {
        float[] heap = new float[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            float s = metric.score(d[i]);
            if (size < k) {
                int j = size++;
                while (j > 0 && heap[(j - 1) >>> 1] < s) {
                    heap[j] = heap[(j - 1) >>> 1];
                    j = (j - 1) >>> 1;
                }
                heap[j] = s;
            } else if (s < heap[0]) {
                int j = 0;
                while (true) {
                    int child = 2 * j + 1;
                    if (child >= k) {
                        break;
                    }
                    if (child + 1 < k && heap[child + 1] > heap[child]) {
                        child++;
                    }
                    if (heap[child] <= s) {
                        break;
                    }
                    heap[j] = heap[child];
                    j = child;
                }
                heap[j] = s;
            }
        }
        return heap[0];
    }

    private static void sortByDistance(int[] nodes, float[] dist, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(dist[i]);
            bits ^= (bits >> 31) & 0x7fffffff;
            keys[i] = ((long) bits << 32) | i;
        }
        Arrays.sort(keys);
        int[] n2 = new int[n];
        float[] d2 = new float[n];
        for (int i = 0; i < n; i++) {
            int j = (int) keys[i];
            n2[i] = nodes[j];
            d2[i] = dist[j];
        }
        System.arraycopy(n2, 0, nodes, 0, n);
        System.arraycopy(d2, 0, dist, 0, n);
    }

    /**
     * Turns nodes sorted by internal distance into the first {@code k} results, sorted by
     * (score, id): scores are monotonic in internal distance, so only runs of equal scores need
     * reordering.
     */
    private List<SearchResult> page(Core c, int[] nodes, float[] dist, int count, int k, boolean withVectors) {
        RecordSlots slots = c.slots;
        float[] scores = new float[count];
        String[] ids = new String[count];
        int valid = 0;
        for (int i = 0; i < count; i++) {
            String id = slots.id(nodes[i]);
            if (id == null) {
                continue; // removed meanwhile; the caller's validation retries the search
            }
            nodes[valid] = nodes[i];
            ids[valid] = id;
            scores[valid++] = metric.score(dist[i]);
        }
        for (int i = 0; i < valid; ) {
            int j = i + 1;
            while (j < valid && Float.compare(scores[j], scores[i]) == 0) {
                j++;
            }
            if (j - i > 1) {
                sortRunById(nodes, ids, i, j);
            }
            i = j;
        }
        int n = Math.min(k, valid);
        SearchResult[] out = new SearchResult[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> meta = slots.metadata(nodes[i]);
            out[i] = new SearchResult(ids[i], scores[i], meta == null ? MetadataValues.emptyMap() : meta,
                    withVectors ? c.vector(nodes[i]) : null);
        }
        return List.of(out);
    }

    private static void sortRunById(int[] nodes, String[] ids, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int node = nodes[i];
            String id = ids[i];
            int j = i - 1;
            while (j >= from && CodePointOrder.compareStrings(ids[j], id) > 0) {
                nodes[j + 1] = nodes[j];
                ids[j + 1] = ids[j];
                j--;
            }
            nodes[j + 1] = node;
            ids[j + 1] = id;
        }
    }

    // =================================================================== reading records

    /** The record with this id, with its vector; empty when absent. */
    public List<Record> getRecords(String id) {
        return getRecords(id, true, false);
    }

    /** The record with this id; see {@link #getRecords(List, boolean, boolean)}. */
    public List<Record> getRecords(String id, boolean returnVector) {
        return getRecords(id, returnVector, false);
    }

    /** The record with this id; see {@link #getRecords(List, boolean, boolean)}. */
    public List<Record> getRecords(String id, boolean returnVector, boolean strict) {
        if (id == null) {
            throw new IllegalArgumentException("getRecords id cannot be null");
        }
        return getRecords(List.of(id), returnVector, strict);
    }

    /** The records present among {@code ids}, in request order, with vectors. */
    public List<Record> getRecords(List<String> ids) {
        return getRecords(ids, true, false);
    }

    /** The records present among {@code ids}, in request order. */
    public List<Record> getRecords(List<String> ids, boolean returnVector) {
        return getRecords(ids, returnVector, false);
    }

    /**
     * The records present among {@code ids}, in request order.
     *
     * @param returnVector include vectors (normalised under cosine)
     * @param strict       throw when any id is absent instead of skipping it
     * @throws NoSuchElementException when {@code strict} and some ids are absent (up to 10 named, sorted)
     */
    public List<Record> getRecords(List<String> ids, boolean returnVector, boolean strict) {
        if (ids == null) {
            throw new IllegalArgumentException("getRecords ids cannot be null");
        }
        for (String id : ids) {
            if (id == null) {
                throw new IllegalArgumentException("getRecords ids cannot contain null");
            }
        }
        return consistentRead(c -> readRecords(c, ids, returnVector, strict));
    }

    private static List<Record> readRecords(Core c, List<String> ids, boolean returnVector, boolean strict) {
        List<Record> out = new ArrayList<>(ids.size());
        TreeMap<String, Boolean> absent = new TreeMap<>(CodePointOrder.INSTANCE);
        for (String id : ids) {
            int node = c.nodeOf.get(id);
            Map<String, Object> meta = node < 0 ? null : c.slots.metadata(node);
            if (meta == null) {
                absent.put(id, Boolean.TRUE);
                continue;
            }
            out.add(Record.stored(id, returnVector ? c.vector(node) : null, meta));
        }
        if (strict && !absent.isEmpty()) {
            List<String> names = new ArrayList<>(absent.keySet());
            String listed = String.join(", ", names.subList(0, Math.min(10, names.size())));
            String more = names.size() > 10 ? ", and " + (names.size() - 10) + " more" : "";
            throw new NoSuchElementException("get_records(strict=true) was asked for " + names.size()
                    + " id(s) the index does not hold: " + listed + more + ". Call it without strict=true to "
                    + "receive the records that are present, or test an id with contains(id) first.");
        }
        return out;
    }

    /** The first 10 records in arrival order (vectors not included). */
    public List<Record> list() {
        return list(10, 0, null);
    }

    /** The first {@code number} records in arrival order. */
    public List<Record> list(int number) {
        return list(number, 0, null);
    }

    /** {@code number} records in arrival order, skipping {@code offset}. */
    public List<Record> list(int number, int offset) {
        return list(number, offset, null);
    }

    /**
     * Records in arrival order. {@code after} resumes after the named record (a cursor that stays
     * correct under deletions); it cannot be combined with a non-zero {@code offset}.
     *
     * @throws NoSuchElementException when {@code after} names a record the index does not hold
     */
    public List<Record> list(int number, int offset, String after) {
        if (number < 0) {
            throw new IllegalArgumentException("number must be non-negative, got " + number);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be non-negative, got " + offset);
        }
        if (after != null && offset != 0) {
            throw new IllegalArgumentException("list() takes after or offset, not both, and it was given after='"
                    + after + "' with offset=" + offset + ". Use after to page by cursor, or offset to page by "
                    + "position.");
        }
        return consistentRead(c -> listRecords(c, number, offset, after));
    }

    private static List<Record> listRecords(Core c, int number, int offset, String after) {
        int start = 0;
        if (after != null) {
            int node = c.nodeOf.get(after);
            if (node < 0 || !c.slots.isLive(node)) {
                throw new NoSuchElementException("list(after='" + after + "') names a record the index does not "
                        + "hold, so there is no position to resume from. The cursor record was removed while the "
                        + "caller was paging. Resume from an id the index still holds, or start again from offset 0.");
            }
            start = node + 1;
        }
        List<Record> out = new ArrayList<>(Math.min(number, 1024));
        int skipped = 0;
        int n = c.graph.size();
        for (int node = start; node < n && out.size() < number; node++) {
            String id = c.slots.id(node);
            Map<String, Object> meta = c.slots.metadata(node);
            if (id == null || meta == null) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            out.add(Record.stored(id, null, meta));
        }
        return out;
    }

    /** Whether a record with this id is in the index. */
    public boolean contains(String id) {
        if (id == null) {
            throw new IllegalArgumentException("contains id cannot be null");
        }
        return core.nodeOf.contains(id);
    }

    /** Live record count. */
    public int size() {
        return core.live;
    }

    /** Live record count. */
    public int getVectorCount() {
        return core.live;
    }

    /** Live record count. */
    public int count() {
        return core.live;
    }

    /** Exact number of live records whose metadata matches {@code filter} (Map form). */
    public int count(Map<String, ?> filter) {
        return countMatching(filter == null ? null : FilterCompiler.compile(filter));
    }

    /** Exact number of live records whose metadata matches {@code filter}. */
    public int count(Filter filter) {
        return countMatching(filter == null ? null : FilterCompiler.compile(filter));
    }

    private int countMatching(MetadataPredicate filter) {
        if (filter == null || filter.matchesEverythingByShape()) {
            return size();
        }
        long stamp = visibility.readLock();
        try {
            Core c = core;
            return matchingNodes(c, matchBits(c, filter), Integer.MAX_VALUE).length;
        } finally {
            visibility.unlockRead(stamp);
        }
    }

    // =================================================================== mutating records

    /** Removes a record (logically); false when absent. */
    public boolean removePoint(String id) {
        if (id == null) {
            throw new IllegalArgumentException("removePoint id cannot be null");
        }
        return removePoints(List.of(id)).isEmpty();
    }

    /**
     * Removes records atomically with respect to searches.
     *
     * @return the ids that were not found, in input order (a repeated id is removed once)
     */
    public List<String> removePoints(List<String> ids) {
        if (ids == null) {
            throw new IllegalArgumentException("removePoints ids cannot be null");
        }
        for (String id : ids) {
            if (id == null) {
                throw new IllegalArgumentException("removePoints ids cannot contain null; nothing was removed");
            }
        }
        writer.lock();
        try {
            Core c = core;
            List<String> missing = new ArrayList<>();
            Set<String> removed = new HashSet<>();
            long stamp = visibility.writeLock();
            try {
                for (String id : ids) {
                    int node = c.nodeOf.remove(id);
                    if (node >= 0) {
                        c.clearRecord(node);
                        c.live--;
                        removed.add(id);
                        forgetForTraining(id);
                    } else if (!removed.contains(id)) {
                        missing.add(id);
                    }
                }
                c.epoch++;
            } finally {
                visibility.unlockWrite(stamp);
            }
            return missing;
        } finally {
            writer.unlock();
        }
    }

    /** Removes every record matching {@code filter} (Map form); returns how many. */
    public int removeWhere(Map<String, ?> filter) {
        return removeMatching(filter);
    }

    /** Removes every record matching {@code filter}; returns how many. */
    public int removeWhere(Filter filter) {
        return removeMatching(filter);
    }

    private int removeMatching(Object spec) {
        if (spec == null) {
            throw new IllegalArgumentException("remove_where requires a filter that selects records, got null");
        }
        MetadataPredicate filter = FilterCompiler.compile(spec);
        if (filter.matchesEverythingByShape()) {
            throw new IllegalArgumentException("remove_where requires a filter that selects records. An empty "
                    + "filter matches every record, so this would delete the whole index. Name the records with "
                    + "remove_points(ids) if that is what you want.");
        }
        writer.lock();
        try {
            Core c = core;
            int[] nodes = matchingNodes(c, matchBits(c, filter), Integer.MAX_VALUE);
            long stamp = visibility.writeLock();
            try {
                for (int node : nodes) {
                    String id = c.slots.id(node);
                    c.nodeOf.remove(id);
                    c.clearRecord(node);
                    forgetForTraining(id);
                }
                c.live -= nodes.length;
                c.epoch++;
            } finally {
                visibility.unlockWrite(stamp);
            }
            return nodes.length;
        } finally {
            writer.unlock();
        }
    }

    /** Removes one record; returns 1 if it was present, else 0. */
    public int delete(String id) {
        return removePoint(id) ? 1 : 0;
    }

    /** Removes records by id; returns how many distinct ids were removed. */
    public int delete(List<String> ids) {
        return delete(ids, null);
    }

    /**
     * Removes records by id or by filter: exactly one of the two must be non-null.
     *
     * @return how many records were removed
     */
    public int delete(List<String> ids, Map<String, ?> where) {
        if ((ids == null) == (where == null)) {
            throw new IllegalArgumentException("delete takes ids or where, exactly one of them; it was given "
                    + (ids == null ? "neither" : "both"));
        }
        if (ids != null) {
            Set<String> distinct = new HashSet<>(ids.size());
            for (String id : ids) {
                if (id == null) {
                    throw new IllegalArgumentException("delete ids cannot contain null; nothing was removed");
                }
                distinct.add(id);
            }
            return distinct.size() - new HashSet<>(removePoints(ids)).size();
        }
        return removeMatching(where);
    }

    /** Removes every record matching {@code where} (Map form). */
    public int deleteWhere(Map<String, ?> where) {
        return removeMatching(where);
    }

    /** Removes every record matching {@code where}. */
    public int deleteWhere(Filter where) {
        return removeMatching(where);
    }

    /**
     * Replaces a record's metadata wholesale (an empty map clears it); the vector, graph node and
     * arrival position stay.
     *
     * @return false (and no change) when the id is absent
     */
    public boolean updateMetadata(String id, Map<String, ?> metadata) {
        if (id == null) {
            throw new IllegalArgumentException("updateMetadata id cannot be null");
        }
        if (metadata == null) {
            throw new IllegalArgumentException("updateMetadata metadata cannot be null; pass Map.of() to clear it");
        }
        Map<String, Object> canonical = MetadataValues.canonicalMap(metadata);
        writer.lock();
        try {
            Core c = core;
            int node = c.nodeOf.get(id);
            if (node < 0) {
                return false;
            }
            for (FieldColumn column : c.columns) {
                column.set(node, canonical);
            }
            c.slots.setMetadata(node, canonical);
            c.epoch++;
            return true;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Removes every record and starts a fresh graph; configuration and index-level metadata stay,
     * and generated ids keep counting.
     *
     * @return how many records were removed
     */
    public int clear() {
        writer.lock();
        try {
            int removed = core.live;
            Core fresh = new Core(config, metric, 0, codebook);
            if (codebook == null) {
                trainingIds.clear(); // an untrained index restarts collecting
                trainingCount = 0;
                trainingThresholdReached = false;
            }
            long stamp = visibility.writeLock();
            try {
                core = fresh;
            } finally {
                visibility.unlockWrite(stamp);
            }
            internalIdCounter = 0;
            overgrowthWarned = false;
            LOG.info("clear removed={}", removed);
            return removed;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Rebuilds the graph without the nodes of removed records, re-inserting live records in
     * arrival order under their internal ids. A no-op returning 0 when nothing is stranded.
     *
     * @return graph nodes reclaimed
     */
    public int compact() {
        writer.lock();
        try {
            Core c = core;
            if (c.nodeCount <= c.live) {
                return 0;
            }
            int reclaimed = c.nodeCount - c.live;
            swapIn(rebuilt(c, config));
            LOG.info("compact_complete reclaimed={}", reclaimed);
            return reclaimed;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Rebuilds the graph at a new configuration; {@code null} arguments keep their value, but at
     * least one must be given (use {@link #compact()} otherwise).
     *
     * @return graph nodes after the rebuild (= live records)
     */
    public int rebuild(Integer m, Integer expectedSize, Integer efConstruction) {
        if (m == null && expectedSize == null && efConstruction == null) {
            throw new IllegalArgumentException("rebuild() needs at least one of m, expected_size, ef_construction; "
                    + "to rebuild at the current configuration (reclaiming removed records) call compact()");
        }
        IndexConfig cur = config;
        int newM = m == null ? cur.m() : m;
        int newEf = efConstruction == null ? cur.efConstruction() : efConstruction;
        int newSize = expectedSize == null ? cur.expectedSize() : expectedSize;
        IndexConfig.checkM(newM);
        IndexConfig.checkEfConstruction(newEf);
        IndexConfig.checkExpectedSize(newSize);
        IndexConfig.warnIfHeuristicDisabled(newM, newEf);
        writer.lock();
        try {
            IndexConfig next = config.withGraph(newM, newEf, newSize);
            Core c = rebuilt(core, next);
            swapIn(c);
            config = next;
            if (expectedSize != null) {
                overgrowthWarned = false;
            }
            LOG.info("rebuild_complete m={} ef_construction={} expected_size={}", newM, newEf, newSize);
            return c.nodeCount;
        } finally {
            writer.unlock();
        }
    }

    /**
     * {@link #rebuild(Integer, Integer, Integer)} with upstream's keyword names: {@code m},
     * {@code expected_size}, {@code ef_construction}.
     */
    public int rebuild(Map<String, ?> params) {
        if (params == null) {
            throw new IllegalArgumentException("rebuild parameters cannot be null");
        }
        for (String key : params.keySet()) {
            if (!Set.of("m", "expected_size", "ef_construction").contains(key)) {
                throw new IllegalArgumentException("Unknown parameter '" + key
                        + "' for rebuild(). Accepted keys: m, expected_size, ef_construction");
            }
        }
        return rebuild(Limits.intParam("m", params.get("m")), Limits.intParam("expected_size",
                params.get("expected_size")), Limits.intParam("ef_construction", params.get("ef_construction")));
    }

    /** Rebuilds {@code from}'s live records, in node order, into a new core. */
    private Core rebuilt(Core from, IndexConfig cfg) {
        return rebuilt(from, cfg, cfg.insertThreads());
    }

    /** Rebuilds {@code from}'s live records, in node order, linking with {@code threads} threads. */
    private Core rebuilt(Core from, IndexConfig cfg, int threads) {
        Core c = new Core(cfg, metric, 0, from.codes == null ? null : from.codes.codebook());
        int n = from.live;
        byte[] code = from.codes == null ? null : new byte[from.codes.width()];
        c.ensureCapacity(n);
        int node = 0;
        for (int old = 0; old < from.nodeCount; old++) {
            String id = from.slots.id(old);
            if (id == null) {
                continue;
            }
            long internalId = from.slots.internalId(old);
            if (c.vectors != null) {
                c.vectors.set(node, from.vectors.get(old));
            }
            if (code != null) {
                // codes are carried over, never recomputed
                from.codes.copyCode(old, code, 0);
                c.codes.setCode(node, code, 0);
            }
            c.graph.prepare(node, c.graph.levelFor(internalId));
            c.setRecord(node, id, from.slots.metadata(old), internalId);
            c.nodeOf.put(id, node);
            node++;
        }
        c.nodeCount = node;
        c.live = node;
        c.graph.publish(node);
        link(c, 0, node, threads);
        return c;
    }

    private void swapIn(Core c) {
        long stamp = visibility.writeLock();
        try {
            core = c;
        } finally {
            visibility.unlockWrite(stamp);
        }
    }

    /**
     * Re-encodes the held raw vectors through the trained codebook and rebuilds the graph in
     * arrival order (normally redundant: codes are kept current on every insert).
     *
     * @return false when there is no trained codebook or no raw vector to encode from
     *         ({@code quantized_only} releases them at training)
     */
    public boolean rebuildWithQuantization() {
        writer.lock();
        try {
            Core c = core;
            PqCodebook book = codebook;
            if (book == null || c.vectors == null || c.live == 0) {
                return false;
            }
            CodeStore codes = new CodeStore(book);
            codes.ensureCapacity(Math.max(c.nodeCount, 1));
            VectorStore raw = c.vectors;
            WorkerPool.forEach(0, c.nodeCount, 0, node -> {
                float[] v = new float[config.dim()];
                raw.copyTo(node, v);
                codes.encode(node, v);
            });
            swapIn(rebuilt(new Core(c, raw, codes), config));
            LOG.info("rebuild_with_quantization_complete records={}", c.live);
            return true;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Releases spare capacity of the graph, vector and record buffers.
     *
     * @return bytes released
     */
    public long shrinkToFit() {
        writer.lock();
        try {
            Core c = core;
            long before = c.graph.bytes() + c.storageBytes() + c.slots.bytes();
            c.graph.trimToSize();
            if (c.vectors != null) {
                c.vectors.trimTo(c.nodeCount);
            }
            if (c.codes != null) {
                c.codes.trimTo(c.nodeCount);
            }
            c.slots.trimTo(c.nodeCount);
            return before - (c.graph.bytes() + c.storageBytes() + c.slots.bytes());
        } finally {
            writer.unlock();
        }
    }

    // =================================================================== persistence

    /** Saves the complete index to the directory {@code path}; see {@link #save(Path)}. */
    public void save(String path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("save path cannot be null");
        }
        save(Path.of(path));
    }

    /**
     * Saves the complete index (configuration, records with their metadata, index-level metadata,
     * counters, removed records and the graph as it is) to the directory {@code path}, e.g.
     * {@code my_index.zdb}, atomically: a reader finds the whole previous index or the whole new
     * one, never a mixture. Mutators wait while it runs; searches do not. An existing index at
     * {@code path} is replaced; anything else there is refused.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code path} exists and is not a ZeusDB
     *                                                  index (it is left untouched)
     * @throws java.nio.file.AccessDeniedException      when the location is not writable (nothing is
     *                                                  left behind)
     * @throws IOException                              for any other failure (the previous index stays)
     */
    public void save(Path path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("save path cannot be null");
        }
        writer.lock();
        try {
            ZdbWriter.save(snapshot(), path);
        } finally {
            writer.unlock();
        }
    }

    /** What a save writes, read in place from the current state; the caller holds the writer lock. */
    private IndexSnapshot snapshot() {
        Core c = core;
        IndexConfig cfg = config;
        return new IndexSnapshot(cfg.dim(), cfg.space(), cfg.m(), cfg.efConstruction(), cfg.expectedSize(),
                cfg.indexedFields(), internalIdCounter, generatedIdCounter, new TreeMap<>(getAllMetadata()),
                createdAt, c.nodeCount, c.live, c.graph.entryNode(), c.graph.entryLevel(),
                new StoredNodes(c.vectors, c.codes, c.graph, c.slots), c.vectors != null, getStorageMode(),
                cfg.quantization() == null ? null : new PqState(cfg.quantization(), codebook, trainedAt,
                        List.copyOf(trainingIds), trainingThresholdReached, calibration, c.codes != null));
    }


    // =================================================================== index-level metadata

    /** Merges string entries into the index-level metadata (later keys overwrite). */
    public void addMetadata(Map<String, String> entries) {
        if (entries == null) {
            throw new IllegalArgumentException("addMetadata entries cannot be null");
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("addMetadata keys and values must be non-null Strings");
            }
        }
        indexMetadata.putAll(entries);
    }

    /** One index-level metadata value, or {@code null}. */
    public String getMetadata(String key) {
        if (key == null) {
            throw new IllegalArgumentException("getMetadata key cannot be null");
        }
        return indexMetadata.get(key);
    }

    /** All index-level metadata, sorted by key, immutable. */
    public Map<String, String> getAllMetadata() {
        TreeMap<String, String> sorted = new TreeMap<>(CodePointOrder.INSTANCE);
        sorted.putAll(indexMetadata);
        return Collections.unmodifiableSortedMap(sorted);
    }

    // =================================================================== introspection

    /** Floats per vector, fixed at creation. */
    public int dim() {
        return config.dim();
    }

    /** The space's lower-case name. */
    public String space() {
        return config.space().toString();
    }

    /** Same as {@link #space()}. */
    public String getSpace() {
        return space();
    }

    /** Neighbours kept per node on the upper layers (layer 0 keeps {@code 2 * m}). */
    public int m() {
        return config.m();
    }

    /** Candidate-list width used while linking each insert. */
    public int efConstruction() {
        return config.efConstruction();
    }

    /** The record count the index reserved room for at creation (it grows past it). */
    public int expectedSize() {
        return config.expectedSize();
    }

    /** Declared metadata fields, in declaration order. */
    public List<String> indexedFields() {
        return config.indexedFields();
    }

    /** The configuration this index runs with. */
    public IndexConfig config() {
        return config;
    }

    /** Whether a quantization configuration is present. */
    public boolean hasQuantization() {
        return config.quantization() != null;
    }

    /** Whether the codebook is trained. */
    public boolean canUseQuantization() {
        return codebook != null;
    }

    /** Whether searches run over quantized codes (trained and swapped in). */
    public boolean isQuantized() {
        return core.codes != null;
    }

    /**
     * {@code raw_only} without quantization; else {@code raw_collecting_for_training},
     * {@code raw_ready_for_training} (threshold reached, training failed and will be retried),
     * {@code quantized_active}, or {@code raw_trained_not_rebuilt} (transient).
     */
    public String getStorageMode() {
        if (config.quantization() == null) {
            return "raw_only";
        }
        if (core.codes != null) {
            return "quantized_active";
        }
        if (codebook != null) {
            return "raw_trained_not_rebuilt";
        }
        return trainingThresholdReached ? "raw_ready_for_training" : "raw_collecting_for_training";
    }

    /** Training progress in percent: 0 without quantization, 100 once trained, else collected / training_size. */
    public double getTrainingProgress() {
        QuantizationConfig pq = config.quantization();
        if (pq == null) {
            return 0.0;
        }
        if (codebook != null) {
            return 100.0;
        }
        return Math.min(100.0, trainingCollected() * 100.0 / pq.trainingSize());
    }

    /** Records still needed before training: 0 without quantization or once the threshold is reached. */
    public int trainingVectorsNeeded() {
        QuantizationConfig pq = config.quantization();
        if (pq == null || trainingThresholdReached || codebook != null) {
            return 0;
        }
        return Math.max(0, pq.trainingSize() - trainingCollected());
    }

    /** Whether the training threshold is reached (false without quantization). */
    public boolean isTrainingReady() {
        return config.quantization() != null && trainingThresholdReached;
    }

    /** How many ids are collected; readable without the writer lock, which a training holds for seconds. */
    private int trainingCollected() {
        return trainingCount;
    }

    /**
     * Quantization details in upstream's order ({@code type}, {@code subvectors}, {@code bits},
     * {@code training_size}, {@code max_training_vectors} when set, {@code is_trained},
     * {@code memory_mb}, {@code total_centroids}, {@code sdc_memory_mb},
     * {@code compression_ratio}), or {@code null} without quantization.
     */
    public Map<String, Object> getQuantizationInfo() {
        QuantizationConfig pq = config.quantization();
        if (pq == null) {
            return null;
        }
        int dim = config.dim();
        long k = 1L << pq.bits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "pq");
        m.put("subvectors", pq.subvectors());
        m.put("bits", pq.bits());
        m.put("training_size", pq.trainingSize());
        if (pq.maxTrainingVectors() != null) {
            m.put("max_training_vectors", pq.maxTrainingVectors());
        }
        m.put("is_trained", codebook != null);
        m.put("memory_mb", k * dim * 4 / (1024.0 * 1024.0));
        m.put("total_centroids", (int) (pq.subvectors() * k));
        m.put("sdc_memory_mb", pq.subvectors() * (k * (k - 1) / 2) * 4 / (1024.0 * 1024.0));
        m.put("compression_ratio", dim * 4.0 / pq.subvectors());
        return m;
    }

    // =================================================================== product quantization

    /** Appends a newly inserted record's id to the training list (moving an upserted one to the end). */
    private void collectForTraining(String id) {
        if (config.quantization() != null && codebook == null) {
            trainingIds.remove(id);
            trainingIds.add(id);
            trainingCount = trainingIds.size();
        }
    }

    /** Drops a removed record's id from the training list; the threshold flag follows the count. */
    private void forgetForTraining(String id) {
        QuantizationConfig pq = config.quantization();
        if (pq != null && codebook == null && trainingIds.remove(id)) {
            trainingCount = trainingIds.size();
            trainingThresholdReached = trainingIds.size() >= pq.trainingSize();
        }
    }

    /**
     * Trains when the collected records reach {@code training_size}: at the end of the add that
     * got them there. A failure is reported in {@code errors}; the records stay raw and the next
     * add retries. Writer lock held.
     */
    private void trainIfReady(List<String> errors) {
        QuantizationConfig pq = config.quantization();
        if (pq == null || codebook != null || trainingIds.size() < pq.trainingSize()) {
            return;
        }
        trainingThresholdReached = true;
        try {
            train(pq);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("pq_training_failed: {}", e.toString());
            errors.add("Training failed: " + e.getMessage());
        }
    }

    private void train(QuantizationConfig pq) {
        long t0 = System.nanoTime();
        Core c = core;
        List<String> ids = new ArrayList<>(trainingIds);
        java.util.SplittableRandom random = new java.util.SplittableRandom(PqTrainer.SHUFFLE_SEED);
        for (int i = ids.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, t);
        }
        int size = pq.maxTrainingVectors() == null ? pq.trainingSize() : Math.min(ids.size(), pq.maxTrainingVectors());
        float[][] sample = new float[Math.min(size, ids.size())][];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = c.vectors.get(c.nodeOf.get(ids.get(i)));
        }
        PqTrainer.Parallel parallel = (n, body) -> WorkerPool.forEach(0, n, 0, body);
        PqCodebook book = PqTrainer.train(sample, config.dim(), pq.subvectors(), pq.bits(), metric, parallel);
        long t1 = System.nanoTime();
        RerankCalibration cal = pq.storageMode() == StorageMode.QUANTIZED_WITH_RAW
                ? RerankCalibration.measure(sample, book, parallel) : null;
        long t2 = System.nanoTime();
        CodeStore codes = new CodeStore(book);
        codes.ensureCapacity(Math.max(c.nodeCount, c.graph.capacity()));
        VectorStore raw = c.vectors;
        // every node is coded, removed ones included, so the graph keeps routing through them
        WorkerPool.forEach(0, c.nodeCount, 0, node -> {
            float[] v = new float[config.dim()];
            raw.copyTo(node, v);
            codes.encode(node, v);
        });
        Core swapped = new Core(c, pq.storageMode() == StorageMode.QUANTIZED_WITH_RAW ? raw : null, codes);
        swapIn(swapped);
        codebook = book;
        calibration = cal;
        trainedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        trainingIds.clear();
        trainingCount = 0;
        LOG.info("pq_training_complete samples={} subvectors={} bits={} train_ms={} calibrate_ms={} encode_ms={} "
                + "storage_mode={}", sample.length, pq.subvectors(), pq.bits(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000, pq.storageMode());
    }

    /**
     * One line describing the index, byte-compatible with upstream, e.g.
     * {@code HNSWIndex(dim=8, space=cosine, m=16, ef_construction=200, expected_size=10000, vectors=5, quantization=none)}.
     */
    public String info() {
        IndexConfig c = config;
        return "HNSWIndex(dim=" + c.dim() + ", space=" + c.space() + ", m=" + c.m() + ", ef_construction="
                + c.efConstruction() + ", expected_size=" + c.expectedSize() + ", vectors=" + core.live
                + ", quantization=" + quantizationLabel() + ")";
    }

    private String quantizationLabel() {
        QuantizationConfig pq = config.quantization();
        if (pq == null) {
            return "none";
        }
        return "pq(subvectors=" + pq.subvectors() + ", bits=" + pq.bits() + ", "
                + (codebook != null ? "trained" : "untrained") + ", " + (isQuantized() ? "active" : "inactive")
                + ", compression=" + PythonRepr.formatFixed(config.dim() * 4.0 / pq.subvectors(), 1) + "x)";
    }

    @Override
    public String toString() {
        return info();
    }

    /** How this implementation runs searches and inserts (upstream's keys, Java's values). */
    public Map<String, String> getPerformanceInfo() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("search_speedup_expected", "linear_in_threads");
        m.put("search_bottleneck", "none");
        m.put("benefits", "concurrent_searches_parallel_batch_search");
        m.put("insertion_path", "parallel");
        QuantizationConfig pq = config.quantization();
        if (pq != null) {
            m.put("quantization_compression", PythonRepr.formatFixed(config.dim() * 4.0 / pq.subvectors(), 1) + "x");
            m.put("quantization_accuracy_impact", pq.storageMode() == StorageMode.QUANTIZED_ONLY
                    ? "large_recall_loss_no_rerank_available" : "large_recall_loss_unless_reranked");
        }
        return m;
    }

    /** Runs {@code queryCount} random top-10 searches sequentially, then in parallel on all cores. */
    public Map<String, Double> benchmarkConcurrentReads(int queryCount) {
        return benchmarkConcurrentReads(queryCount, null);
    }

    /** Runs random top-10 searches at ef 100 sequentially, then in parallel on {@code maxThreads}. */
    public Map<String, Double> benchmarkConcurrentReads(int queryCount, Integer maxThreads) {
        if (queryCount <= 0) {
            throw new IllegalArgumentException("query_count must be positive, got " + queryCount);
        }
        if (maxThreads != null && maxThreads <= 0) {
            throw new IllegalArgumentException("max_threads must be positive, got " + maxThreads);
        }
        int threads = maxThreads == null ? WorkerPool.cores() : maxThreads;
        Random random = new Random(42);
        float[][] queries = new float[queryCount][config.dim()];
        for (float[] q : queries) {
            for (int i = 0; i < q.length; i++) {
                q[i] = random.nextFloat() * 2 - 1;
            }
            VectorInput.process(q, metric);
        }
        SearchOptions opts = SearchOptions.topK(10).efSearch(100);
        long t0 = System.nanoTime();
        for (float[] q : queries) {
            searchPrepared(q, opts);
        }
        double seq = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        WorkerPool.forEach(0, queryCount, threads, i -> searchPrepared(queries[i], opts));
        double par = (System.nanoTime() - t1) / 1e9;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("sequential_time", seq);
        m.put("sequential_qps", queryCount / seq);
        m.put("parallel_time", par);
        m.put("parallel_qps", queryCount / par);
        m.put("speedup", seq / par);
        m.put("threads_used", (double) Math.min(threads, queryCount));
        return m;
    }

    /**
     * Statistics as strings, upstream's keys in upstream's order; memory figures in MiB with two
     * decimals, computed from the capacities of this index's arrays.
     */
    public Map<String, String> getStats() {
        IndexConfig cfg = config;
        QuantizationConfig pq = cfg.quantization();
        Core c = core;
        PqCodebook book = codebook;
        int live = c.live;
        long graphBytes = c.graph.bytes();
        long rawBytes = c.vectors == null ? 0 : (long) live * cfg.dim() * Float.BYTES;
        long codeBytes = c.codes == null ? 0 : (long) live * c.codes.width();
        long codebookBytes = book == null ? 0 : book.centroidBytes();
        long sdcBytes = book == null ? 0 : book.sdcBytes();
        long bookkeeping = bookkeepingBytes(c);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("total_vectors", Integer.toString(live));
        s.put("dimension", Integer.toString(cfg.dim()));
        s.put("expected_size", Integer.toString(cfg.expectedSize()));
        s.put("space", cfg.space().toString());
        s.put("index_type", "HNSW");
        s.put("m", Integer.toString(cfg.m()));
        s.put("ef_construction", Integer.toString(cfg.efConstruction()));
        s.put("thread_safety", "concurrent-reads+single-writer");
        s.put("graph_nodes", Integer.toString(c.nodeCount));
        s.put("stranded_graph_nodes", Integer.toString(c.nodeCount - live));
        s.put("graph_memory_mb", mb(graphBytes));
        s.put("raw_vectors_memory_mb", mb(rawBytes));
        s.put("raw_vectors_stored", Integer.toString(c.vectors == null ? 0 : live));
        s.put("quantized_codes_stored", Integer.toString(c.codes == null ? 0 : live));
        s.put("quantization_type", pq == null ? "none" : "pq");
        s.put("storage_mode", pq == null ? "raw_only" : pq.storageMode().toString());
        s.put("storage_mode_description", getStorageMode());
        s.put("index_bookkeeping_memory_mb", mb(bookkeeping));
        s.put("total_memory_mb", mb(graphBytes + rawBytes + codeBytes + codebookBytes + sdcBytes + bookkeeping));
        if (pq == null) {
            return s;
        }
        boolean onlyCodes = pq.storageMode() == StorageMode.QUANTIZED_ONLY;
        int collected = book != null ? pq.trainingSize() : trainingCollected();
        s.put("quantization_training_size", Integer.toString(pq.trainingSize()));
        s.put("quantized_codes_memory_mb", mb(codeBytes));
        s.put("storage_strategy", onlyCodes ? "memory_optimized" : "quality_optimized");
        s.put("raw_vectors_retained", onlyCodes ? "none_once_trained" : "all_records");
        s.put("training_progress", collected + "/" + pq.trainingSize() + " ("
                + PythonRepr.formatFixed(Math.min(100.0, collected * 100.0 / pq.trainingSize()), 1) + "%)");
        s.put("training_vectors_needed", Integer.toString(trainingVectorsNeeded()));
        s.put("training_threshold_reached", Boolean.toString(trainingThresholdReached));
        s.put("quantization_trained", Boolean.toString(book != null));
        s.put("quantization_active", Boolean.toString(c.codes != null));
        s.put("codebook_memory_mb", mb(codebookBytes));
        s.put("sdc_table_memory_mb", mb(sdcBytes));
        if (book != null) {
            s.put("quantization_compression_ratio", PythonRepr.formatFixed(cfg.dim() * 4.0 / pq.subvectors(), 1) + "x");
        }
        RerankCalibration cal = calibration;
        s.put("rerank_calibrated", Boolean.toString(cal != null));
        s.put("rerank_default_fetch", Integer.toString(rerankFetch(live, 10)));
        if (cal != null) {
            s.put("rerank_calibration_fetch", Integer.toString(cal.fetch()));
            s.put("rerank_calibration_records", Integer.toString(cal.sampleRecords()));
            s.put("rerank_calibration_queries", Integer.toString(cal.queries()));
            s.put("rerank_calibration_target_recall", PythonRepr.formatFixed(cal.target(), 3));
            s.put("rerank_calibration_exponent", PythonRepr.formatFixed(cal.exponent(), 3));
            s.put("rerank_calibration_fit_fetches", joinInts(cal.fitFetches()));
            s.put("rerank_calibration_pages", joinInts(RerankCalibration.PAGES));
            s.put("rerank_calibration_page_fetches", joinInts(cal.pageFetches()));
            s.put("rerank_calibration_page_exponent", PythonRepr.formatFixed(cal.pageExponent(), 3));
            s.put("rerank_calibration_ms", Long.toString(cal.millis()));
        }
        return s;
    }

    private static String joinInts(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(values[i]);
        }
        return b.toString();
    }

    private static String mb(long bytes) {
        return PythonRepr.formatFixed(bytes / (1024.0 * 1024.0), 2);
    }

    /**
     * Estimated bytes of the id map, record slots, id strings and string metadata: documented
     * per-entry estimates, not JVM measurements.
     */
    private long bookkeepingBytes(Core c) {
        long bytes = c.slots.bytes() + c.nodeOf.bytes() + c.columnBytes();
        for (int node = 0; node < c.nodeCount; node++) {
            String id = c.slots.id(node);
            if (id != null) {
                bytes += 24 + 16 + id.length();
            }
        }
        for (Map.Entry<String, String> e : indexMetadata.entrySet()) {
            bytes += 80 + e.getKey().length() + e.getValue().length();
        }
        return bytes;
    }

    /** Bytes held by the graph, vectors and bookkeeping (what {@code total_memory_mb} reports). */
    public long memoryBytes() {
        Core c = core;
        return c.graph.bytes() + c.storageBytes() + bookkeepingBytes(c)
                + (codebook == null ? 0 : codebook.centroidBytes() + codebook.sdcBytes());
    }

    /**
     * Graph edges (neighbour-list entries in use, all layers); with {@link #memoryBytes()} this
     * tells how close the index is to its floor of raw vectors plus 4 bytes per edge.
     */
    public long graphEdgeCount() {
        return core.graph.edgeCount();
    }
}
