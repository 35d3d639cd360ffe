package io.zeusdb.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import io.zeusdb.vector.AddResult;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.Record;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A LangChain4j {@link EmbeddingStore} kept in an embedded ZeusDB HNSW index: approximate nearest
 * neighbour search, metadata filters evaluated inside the search, and save/load to a {@code .zdb}
 * directory.
 *
 * <pre>{@code
 * ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder()
 *         .dimension(384)
 *         .path(Path.of("docs.zdb"))      // loaded when it exists
 *         .build();
 * store.add(embedding, TextSegment.from("Sofia is the capital of Bulgaria", Metadata.from("country", "BG")));
 * List<EmbeddingMatch<TextSegment>> hits = store.search(EmbeddingSearchRequest.builder()
 *         .queryEmbedding(query).maxResults(5).minScore(0.7)
 *         .filter(metadataKey("country").isEqualTo("BG"))
 *         .build()).matches();
 * store.save();                           // writes docs.zdb
 * }</pre>
 *
 * <p><b>Records.</b> Each embedding is one ZeusDB record under its LangChain4j id (a random UUID
 * when the store generates it). The segment's text and metadata live in the record's metadata:
 * LangChain4j keys as they are, the text under {@value MetadataCodec#TEXT_KEY} and the Java types
 * ZeusDB does not keep under {@value MetadataCodec#TYPES_KEY} (both reserved). Adding an id that
 * exists replaces its record.
 *
 * <p><b>Scores.</b> {@link EmbeddingMatch#score()} is LangChain4j's relevance in [0, 1]: under
 * cosine (the default) {@code (cos + 1) / 2}; under dot {@code (dot + 1) / 2} clamped to [0, 1];
 * under l2 and l1 {@code 1 / (1 + distance)}. {@code minScore} applies to that relevance.
 *
 * <p><b>Vectors.</b> A cosine index stores unit-length vectors, so under cosine
 * {@link EmbeddingMatch#embedding()} is the normalised vector: bit for bit what was added when
 * that was already unit length (as sentence-embedding models produce), otherwise its direction.
 *
 * <p><b>Filters.</b> LangChain4j filters are translated into ZeusDB's filter language with
 * LangChain4j's semantics (a missing key satisfies {@code isNotEqualTo} and {@code isNotIn},
 * numbers compare by value across Integer, Long, Float and Double, a UUID matches its text,
 * strings order as {@link String#compareTo} does) and the index evaluates them inside the search,
 * so a selective filter still fills {@code maxResults}. An embedding added without a segment has
 * no metadata: it fails every positive test and passes negated ones.
 *
 * <p>Thread-safe: any number of threads may search while others add or remove.
 */
public final class ZeusDbEmbeddingStore implements EmbeddingStore<TextSegment> {

    /** Index-level metadata entry marking an index written by this adapter (value: layout version). */
    static final String LAYOUT_KEY = "zeusdb.langchain4j.layout";
    static final String LAYOUT_VERSION = "1";
    /** The largest page the index serves ({@code top_k} ceiling). */
    static final int MAX_RESULTS = 65_536;

    private final HnswIndex index;
    private final Space space;
    private final Integer efSearch;
    private final Path path;

    private ZeusDbEmbeddingStore(HnswIndex index, Integer efSearch, Path path) {
        this.index = index;
        this.space = index.config().space();
        this.efSearch = efSearch;
        this.path = path;
    }

    /** A builder; {@link Builder#dimension(int)} is required unless the store is loaded from a path. */
    public static Builder builder() {
        return new Builder();
    }

    // ============================================================================== add

    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), single(embedding), null);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(checkId(id)), single(embedding), null);
    }

    @Override
    public String add(Embedding embedding, TextSegment textSegment) {
        String id = UUID.randomUUID().toString();
        List<TextSegment> segments = new ArrayList<>(1);
        segments.add(textSegment);
        addAll(List.of(id), single(embedding), segments);
        return id;
    }

    /**
     * Adds (or replaces) the embedding with its segment under a chosen id, for example to update a
     * segment whose text changed.
     */
    public void add(String id, Embedding embedding, TextSegment textSegment) {
        List<TextSegment> segments = new ArrayList<>(1);
        segments.add(textSegment);
        addAll(List.of(checkId(id)), single(embedding), segments);
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings == null ? 0 : embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings, List<TextSegment> embedded) {
        List<String> ids = generateIds(embeddings == null ? 0 : embeddings.size());
        addAll(ids, embeddings, embedded);
        return ids;
    }

    /**
     * Adds (or replaces) the embeddings under the given ids, with their segments when
     * {@code embedded} is not null, in one batch insert. Everything is checked first, so a bad
     * entry (blank id, null embedding, wrong dimension, non-finite value, reserved metadata key)
     * throws {@link IllegalArgumentException} and nothing is added.
     */
    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> embedded) {
        checkSizes(ids, embeddings, embedded);
        if (embeddings == null || embeddings.isEmpty()) {
            return;
        }
        int dim = index.dim();
        List<Record> records = new ArrayList<>(embeddings.size());
        for (int i = 0; i < embeddings.size(); i++) {
            String id = checkId(ids.get(i));
            Embedding embedding = embeddings.get(i);
            if (embedding == null) {
                throw new IllegalArgumentException("embedding " + i + " (id '" + id + "') is null");
            }
            float[] vector = embedding.vector();
            if (vector.length != dim) {
                throw new IllegalArgumentException("embedding " + i + " (id '" + id + "') has dimension "
                        + vector.length + ", but this store holds dimension " + dim);
            }
            for (int j = 0; j < vector.length; j++) {
                if (!Float.isFinite(vector[j])) {
                    throw new IllegalArgumentException("embedding " + i + " (id '" + id + "') holds " + vector[j]
                            + " at index " + j + "; embeddings must be finite");
                }
            }
            records.add(Record.of(id, vector, MetadataCodec.encode(embedded == null ? null : embedded.get(i))));
        }
        AddResult result = index.add(records);
        if (!result.isSuccess()) {
            // everything the index checks was checked above; reaching this is a bug, not bad input
            throw new IllegalStateException("ZeusDB rejected part of a checked batch: " + result.errors());
        }
    }

    // ============================================================================== remove

    @Override
    public void remove(String id) {
        index.removePoints(List.of(checkId(id)));
    }

    /** Removes the records with these ids; ids that are absent are ignored, null or empty is a no-op. */
    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        List<String> list = new ArrayList<>(ids.size());
        for (String id : ids) {
            list.add(checkId(id));
        }
        index.removePoints(list);
    }

    /** Removes every record whose metadata matches {@code filter} (the semantics of search filters). */
    @Override
    public void removeAll(Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter cannot be null");
        }
        io.zeusdb.vector.Filter translated = FilterTranslator.translate(filter);
        if (FilterTranslator.ALWAYS.equals(translated)) {
            index.clear();
        } else if (!FilterTranslator.NEVER.equals(translated)) {
            index.removeWhere(translated);
        }
    }

    @Override
    public void removeAll() {
        index.clear();
    }

    // ============================================================================== search

    /**
     * The {@code maxResults} nearest embeddings whose metadata matches the request's filter, best
     * first, keeping those whose relevance is at least {@code minScore}. At most 65,536 matches are
     * returned (the index's page ceiling).
     *
     * @throws IllegalArgumentException for a query of the wrong dimension or with non-finite values
     */
    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request cannot be null");
        }
        if (request.queryEmbedding() == null) {
            throw new IllegalArgumentException("queryEmbedding cannot be null");
        }
        SearchOptions options = SearchOptions.topK(Math.min(request.maxResults(), MAX_RESULTS))
                .returnVector(true)
                .efSearch(efSearch);
        if (request.filter() != null) {
            io.zeusdb.vector.Filter translated = FilterTranslator.translate(request.filter());
            if (FilterTranslator.NEVER.equals(translated)) {
                return new EmbeddingSearchResult<>(List.of());
            }
            if (!FilterTranslator.ALWAYS.equals(translated)) {
                options = options.filter(translated);
            }
        }
        List<SearchResult> hits = index.search(request.queryEmbedding().vector(), options);
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>(hits.size());
        double minScore = request.minScore();
        for (SearchResult hit : hits) {
            double score = Relevance.of(space, hit.score());
            if (score < minScore) {
                continue; // the page is nearest first, so this is its tail; skip rather than trust that
            }
            matches.add(new EmbeddingMatch<>(score, hit.id(), Embedding.from(hit.vector()),
                    MetadataCodec.decode(hit.metadata())));
        }
        return new EmbeddingSearchResult<>(matches);
    }

    // ============================================================================== persistence

    /**
     * Saves the store to the path it was built with.
     *
     * @throws IllegalStateException when the store was built without a path
     * @throws UncheckedIOException  when writing fails (the previous save stays intact)
     */
    public void save() {
        if (path == null) {
            throw new IllegalStateException("this store was built without a path; call save(Path) or build it with "
                    + "ZeusDbEmbeddingStore.builder().path(...)");
        }
        save(path);
    }

    /**
     * Saves the store, atomically, to the {@code .zdb} directory {@code target} (replacing an
     * index saved there before). Searches go on while it runs; writes wait.
     *
     * @throws UncheckedIOException when writing fails (the previous save stays intact)
     */
    public void save(Path target) {
        if (target == null) {
            throw new IllegalArgumentException("path cannot be null");
        }
        try {
            index.save(target);
        } catch (IOException e) {
            throw new UncheckedIOException("saving the embedding store to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** The path given to the builder, or {@code null}. */
    public Path path() {
        return path;
    }

    /** The ZeusDB index underneath, for statistics and index-level operations. */
    public HnswIndex index() {
        return index;
    }

    /** The number of embeddings held. */
    public int size() {
        return index.size();
    }

    // ============================================================================== checks

    private static List<Embedding> single(Embedding embedding) {
        List<Embedding> list = new ArrayList<>(1);
        list.add(embedding); // may be null: addAll reports it
        return list;
    }

    private static String checkId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id cannot be null or blank");
        }
        return id;
    }

    /** LangChain4j's size contract for {@code addAll}; a null list counts as empty, null segments as none. */
    private static void checkSizes(List<?> ids, List<?> embeddings, List<?> embedded) {
        int idsSize = ids == null ? 0 : ids.size();
        int embeddingsSize = embeddings == null ? 0 : embeddings.size();
        if (idsSize != embeddingsSize) {
            throw new IllegalArgumentException("ids size (" + idsSize + ") is not equal to embeddings size ("
                    + embeddingsSize + ")");
        }
        if (embedded != null && embedded.size() != embeddingsSize) {
            throw new IllegalArgumentException("embeddings size (" + embeddingsSize
                    + ") is not equal to embedded size (" + embedded.size() + ")");
        }
    }

    // ============================================================================== builder

    /**
     * Configures a store. A new index takes the dimension (required), the space (cosine by
     * default), the HNSW parameters, an optional quantization config and declared fields; a store
     * with a {@link #path(Path)} that exists is loaded from it instead, and then only the
     * dimension and space, if given, are checked against the saved index (the saved HNSW
     * parameters and declared fields are kept).
     *
     * <pre>{@code
     * ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder()
     *         .dimension(768).space("cosine").m(16).efConstruction(200).expectedSize(100_000)
     *         .indexedFields("country", "year")
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Integer dimension;
        private Space space;
        private Integer m;
        private Integer efConstruction;
        private Integer expectedSize;
        private Integer efSearch;
        private Map<String, ?> quantization;
        private List<String> indexedFields;
        private Path path;

        private Builder() {}

        /** The embedding width; required for a new store, checked against a loaded one. */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /** The distance space (default cosine); see the class note for each space's score. */
        public Builder space(Space space) {
            this.space = space;
            return this;
        }

        /** The distance space by name: cosine, l2, l1 or dot (case-insensitive). */
        public Builder space(String space) {
            this.space = space == null ? null : Space.parse(space);
            return this;
        }

        /** HNSW degree, 2..256 (default 16, or 32 above 25,000 expected records). */
        public Builder m(int m) {
            this.m = m;
            return this;
        }

        /** HNSW build width, 1..4096 (default 200). */
        public Builder efConstruction(int efConstruction) {
            this.efConstruction = efConstruction;
            return this;
        }

        /** Expected number of embeddings, a sizing hint (default 10,000). */
        public Builder expectedSize(int expectedSize) {
            this.expectedSize = expectedSize;
            return this;
        }

        /**
         * The search width; {@code null} (default) lets the index pick {@code max(2k, 100)} for
         * cosine and dot, {@code max(2k, 150)} for l1 and l2.
         */
        public Builder efSearch(Integer efSearch) {
            this.efSearch = efSearch;
            return this;
        }

        /**
         * Product-quantization settings in ZeusDB's Map form (the {@code quantization_config} of
         * {@code VectorDatabase.create}), passed to the index unchanged.
         */
        public Builder quantization(Map<String, ?> quantizationConfig) {
            this.quantization = quantizationConfig;
            return this;
        }

        /** LangChain4j metadata keys to keep columns for, which speeds up filters naming them. */
        public Builder indexedFields(String... keys) {
            this.indexedFields = keys == null ? null : List.of(keys);
            return this;
        }

        /** As {@link #indexedFields(String...)}. */
        public Builder indexedFields(List<String> keys) {
            this.indexedFields = keys == null ? null : List.copyOf(keys);
            return this;
        }

        /**
         * Where {@link ZeusDbEmbeddingStore#save()} writes; when a saved store exists there,
         * {@link #build()} loads it.
         */
        public Builder path(Path path) {
            this.path = path;
            return this;
        }

        /**
         * Creates or loads the store.
         *
         * @throws IllegalArgumentException for an invalid or missing parameter, or a saved store
         *                                  whose dimension or space differs from the one given
         * @throws UncheckedIOException     when a saved store cannot be read
         */
        public ZeusDbEmbeddingStore build() {
            if (efSearch != null) {
                SearchOptions.topK(1).efSearch(efSearch); // the index's own range check, now rather than per search
            }
            if (path != null && Files.exists(path)) {
                return new ZeusDbEmbeddingStore(load(), efSearch, path);
            }
            if (dimension == null) {
                throw new IllegalArgumentException("dimension is required: set it to the width of your embedding "
                        + "model's vectors (e.g. 384 for all-MiniLM-L6-v2)");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("dim", dimension);
            params.put("space", (space == null ? Space.COSINE : space).toString());
            putIfSet(params, "m", m);
            putIfSet(params, "ef_construction", efConstruction);
            putIfSet(params, "expected_size", expectedSize);
            putIfSet(params, "indexed_fields", indexedFields);
            putIfSet(params, "quantization_config", quantization);
            for (String field : indexedFields == null ? List.<String>of() : indexedFields) {
                if (field != null && MetadataCodec.isReserved(field)) {
                    throw new IllegalArgumentException("indexed field '" + field + "' is a key reserved by "
                            + "ZeusDbEmbeddingStore");
                }
            }
            HnswIndex index = new VectorDatabase().create(IndexConfig.fromMap(params));
            index.addMetadata(Map.of(LAYOUT_KEY, LAYOUT_VERSION));
            return new ZeusDbEmbeddingStore(index, efSearch, path);
        }

        private HnswIndex load() {
            HnswIndex index;
            try {
                index = new VectorDatabase().load(path);
            } catch (IOException e) {
                throw new UncheckedIOException("loading the embedding store from " + path + " failed: "
                        + e.getMessage(), e);
            }
            if (dimension != null && dimension != index.dim()) {
                throw new IllegalArgumentException("the store saved at " + path + " holds dimension " + index.dim()
                        + ", but the builder asks for " + dimension);
            }
            if (space != null && space != index.config().space()) {
                throw new IllegalArgumentException("the store saved at " + path + " uses space "
                        + index.config().space() + ", but the builder asks for " + space);
            }
            return index;
        }

        private static void putIfSet(Map<String, Object> params, String key, Object value) {
            if (value != null) {
                params.put(key, value);
            }
        }
    }
}
