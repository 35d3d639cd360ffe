package io.zeusdb.vector;

import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.distance.NodeScorer;
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
import io.zeusdb.vector.persistence.StoredNodes;
import io.zeusdb.vector.persistence.ZdbWriter;
import io.zeusdb.vector.storage.FieldColumn;
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

    /** A filter's matching nodes as computed at one epoch of a core. */
    private record CachedBits(Object key, long epoch, long[] bits) {}

    /** Everything a clear, compact or rebuild replaces at once. */
    private static final class Core {
        final VectorStore vectors;
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

        Core(IndexConfig cfg, Metric metric, int reserve) {
            vectors = new VectorStore(cfg.dim(), metric, Kernels.best());
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
        Core(IndexConfig cfg, VectorStore vectors, HnswGraph graph, RecordSlots slots, IdTable nodeOf, int nodeCount,
             int live) {
            this.vectors = vectors;
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

        private FieldColumn[] newColumns(IndexConfig cfg) {
            FieldColumn[] cols = new FieldColumn[cfg.indexedFields().size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = new FieldColumn(cfg.indexedFields().get(i));
                columnOf.put(cols[i].field(), cols[i]);
            }
            return cols;
        }

        void ensureCapacity(int nodes) {
            vectors.ensureCapacity(nodes);
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
        this.config = config;
        this.metric = config.space().metric();
        this.core = new Core(config, metric, reservation(config));
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
        Core c = new Core(config, loaded.vectors(), graph, loaded.slots(), loaded.nodeOf(), loaded.nodeCount(),
                loaded.liveCount());
        for (int node = 0; node < c.nodeCount; node++) {
            String id = c.slots.id(node);
            if (id != null) {
                raiseGeneratedFloor(id);
            }
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
                finalIds[i] = id != null ? id : "vec_" + (++generatedIdCounter);
                ids.add(finalIds[i]);
            }
            insert(c, kept, finalIds);
            warnIfOvergrown(c);
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
        if (id.length() > 4 && id.startsWith("vec_")) {
            long n = 0;
            for (int i = 4; i < id.length(); i++) {
                char ch = id.charAt(i);
                if (ch < '0' || ch > '9') {
                    return;
                }
                if (n > (Long.MAX_VALUE - (ch - '0')) / 10) {
                    return;
                }
                n = n * 10 + (ch - '0');
            }
            generatedIdCounter = Math.max(generatedIdCounter, n);
        }
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
            c.vectors.set(node, items.get(i).vector);
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
        VectorStore vectors = c.vectors;
        WorkerPool.forEach(from, to, threads, node -> graph.insert(node, vectors));
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
        MetadataPredicate filter = options.compiledFilter();
        RecordSlots slots = c.slots;
        if (filter == null || filter.matchesEverythingByShape()) {
            if (width >= live) {
                return exact(c, q, liveNodes(c), k, options.returnVector());
            }
            SearchHits hits = c.graph.search(c.vectors.scorer(q), width, slots::isLive);
            return page(c, hits.nodes(), hits.distances(), hits.count(), k, options.returnVector());
        }
        if (filter.matchesNothingByShape()) {
            return List.of();
        }
        long[] bits = matchBits(c, filter);
        int[] matches = matchingNodes(c, bits, scanLimit(width, live));
        if (matches != null) {
            return exact(c, q, matches, k, options.returnVector());
        }
        SearchHits hits = c.graph.search(c.vectors.scorer(q), width, acceptor(c, bits));
        return page(c, hits.nodes(), hits.distances(), hits.count(), k, options.returnVector());
    }

    /**
     * Up to how many matching records a filtered search scores them all instead of traversing the
     * graph. Always at least 5,000 (the exact guarantee) and the traversal width; beyond that a
     * cost model: a scan scores m vectors in node order (sequential memory, about a third of the
     * cost of a graph visit), a filtered traversal visits about V/p nodes where V ~ 15 x width is
     * what an unfiltered search visits and p = m / live; the two cross at m = sqrt(3 V live).
     * The rule depends only on the match count, width and live count, so declared and undeclared
     * indexes take the same path and return the same page.
     */
    static int scanLimit(int width, int live) {
        double visits = 15.0 * width;
        long model = (long) Math.sqrt(3 * visits * live);
        return (int) Math.max(Math.max(EXACT_SCAN_LIMIT, width), Math.min(live, model));
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
            if (c.columns.length > 0) {
                warnUndeclared(c, filter);
            }
            bits = new long[(nodeCount + 63) >>> 6];
            RecordSlots slots = c.slots;
            for (int node = 0; node < nodeCount; node++) {
                Map<String, Object> meta = slots.metadata(node);
                if (meta != null && slots.isLive(node) && filter.test(meta)) {
                    bits[node >>> 6] |= 1L << node;
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
    private List<SearchResult> exact(Core c, float[] q, int[] nodes, int k, boolean withVectors) {
        int n = nodes.length;
        if (n == 0) {
            return List.of();
        }
        NodeScorer scorer = c.vectors.scorer(q);
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
                    withVectors ? c.vectors.get(nodes[i]) : null);
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
            out.add(Record.stored(id, returnVector ? c.vectors.get(node) : null, meta));
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
                    c.nodeOf.remove(c.slots.id(node));
                    c.clearRecord(node);
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
            Core fresh = new Core(config, metric, 0);
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
        Core c = new Core(cfg, metric, 0);
        int n = from.live;
        c.ensureCapacity(n);
        int node = 0;
        for (int old = 0; old < from.nodeCount; old++) {
            String id = from.slots.id(old);
            if (id == null) {
                continue;
            }
            long internalId = from.slots.internalId(old);
            c.vectors.set(node, from.vectors.get(old));
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
     * Releases spare capacity of the graph, vector and record buffers.
     *
     * @return bytes released
     */
    public long shrinkToFit() {
        writer.lock();
        try {
            Core c = core;
            long before = c.graph.bytes() + c.vectors.bytes() + c.slots.bytes();
            c.graph.trimToSize();
            c.vectors.trimTo(c.nodeCount);
            c.slots.trimTo(c.nodeCount);
            return before - (c.graph.bytes() + c.vectors.bytes() + c.slots.bytes());
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
                new StoredNodes(c.vectors, c.graph, c.slots));
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

    public int m() {
        return config.m();
    }

    public int efConstruction() {
        return config.efConstruction();
    }

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

    /** Whether a quantization configuration is present (not yet supported: always false). */
    public boolean hasQuantization() {
        return false;
    }

    /** Whether a codebook is trained (always false without quantization). */
    public boolean canUseQuantization() {
        return false;
    }

    /** Whether the graph runs over quantized codes (always false without quantization). */
    public boolean isQuantized() {
        return false;
    }

    /** {@code raw_only} for an index without quantization. */
    public String getStorageMode() {
        return "raw_only";
    }

    /** Training progress in percent (0.0 without quantization). */
    public double getTrainingProgress() {
        return 0.0;
    }

    /** Vectors still needed before training (0 without quantization). */
    public int trainingVectorsNeeded() {
        return 0;
    }

    /** Whether the training threshold is reached (false without quantization). */
    public boolean isTrainingReady() {
        return false;
    }

    /** Quantization details, or {@code null} without quantization. */
    public Map<String, Object> getQuantizationInfo() {
        return null;
    }

    /**
     * One line describing the index, byte-compatible with upstream, e.g.
     * {@code HNSWIndex(dim=8, space=cosine, m=16, ef_construction=200, expected_size=10000, vectors=5, quantization=none)}.
     */
    public String info() {
        IndexConfig c = config;
        return "HNSWIndex(dim=" + c.dim() + ", space=" + c.space() + ", m=" + c.m() + ", ef_construction="
                + c.efConstruction() + ", expected_size=" + c.expectedSize() + ", vectors=" + core.live
                + ", quantization=none)";
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
        Core c = core;
        int live = c.live;
        long graphBytes = c.graph.bytes();
        long rawBytes = (long) live * cfg.dim() * Float.BYTES;
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
        s.put("raw_vectors_stored", Integer.toString(live));
        s.put("quantized_codes_stored", "0");
        s.put("quantization_type", "none");
        s.put("storage_mode", "raw_only");
        s.put("storage_mode_description", "raw_only");
        s.put("index_bookkeeping_memory_mb", mb(bookkeeping));
        s.put("total_memory_mb", mb(graphBytes + rawBytes + bookkeeping));
        return s;
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
        return c.graph.bytes() + c.vectors.bytes() + bookkeepingBytes(c);
    }

    /**
     * Graph edges (neighbour-list entries in use, all layers); with {@link #memoryBytes()} this
     * tells how close the index is to its floor of raw vectors plus 4 bytes per edge.
     */
    public long graphEdgeCount() {
        return core.graph.edgeCount();
    }
}
