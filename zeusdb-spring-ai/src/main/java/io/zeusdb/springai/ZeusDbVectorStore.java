package io.zeusdb.springai;

import io.zeusdb.vector.AddResult;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A Spring AI {@link org.springframework.ai.vectorstore.VectorStore} on an embedded ZeusDB HNSW
 * index: documents are embedded with the given {@link EmbeddingModel}, stored with their text and
 * metadata in one in-process index, searched with metadata filters evaluated inside the index, and
 * saved to / loaded from a {@code .zdb} directory.
 *
 * <pre>{@code
 * ZeusDbVectorStore store = ZeusDbVectorStore.builder(embeddingModel)
 *         .path(Path.of("docs.zdb"))                // loaded when it exists
 *         .indexedFields("country")                 // optional: faster filters on this key
 *         .build();
 * store.add(List.of(new Document("Sofia is the capital", Map.of("country", "BG", "year", 2020))));
 * List<Document> hits = store.similaritySearch(SearchRequest.builder()
 *         .query("capital").topK(5).similarityThreshold(0.2)
 *         .filterExpression("country == 'BG' && year >= 2020").build());
 * store.save();                                     // writes docs.zdb
 * }</pre>
 *
 * <p><b>Stored form.</b> Each document is one record: its id, its embedding, and its metadata plus
 * the text under the reserved key {@value #TEXT_KEY}, and under {@value #TYPES_KEY} which top-level
 * values were {@code Integer} or {@code Float}. A document whose metadata uses either key is
 * refused. {@link java.util.Date} values are stored as ISO-8601 UTC text
 * ({@code 2024-01-31T12:00:00Z}); {@code Integer} and {@code Float} values read back as written,
 * other integers as {@code Long}, decimals as {@code Double}.
 * Adding a document whose id exists replaces it.
 *
 * <p><b>Results.</b> {@link Document#getScore()} is a similarity, higher is closer: for
 * {@code cosine} it is the cosine similarity {@code 1 - distance} (what SimpleVectorStore reports),
 * for {@code dot} the inner product {@code 1 - distance}, for {@code l2} and {@code l1}
 * {@code 1 / (1 + distance)}. The raw distance is in the metadata under {@code distance}.
 * {@code similarityThreshold} keeps hits whose score is at least the threshold; the default
 * {@link SearchRequest#SIMILARITY_THRESHOLD_ACCEPT_ALL} keeps every hit.
 *
 * <p><b>Filters.</b> Both the {@link Filter.Expression} tree and its text form are translated into
 * ZeusDB's filter and decide which documents are ranked, so {@code topK} is filled with matching
 * documents whenever that many match. The semantics are SimpleVectorStore's: a missing key reads
 * as null and null sorts first, so {@code !=}, {@code NOT IN}, {@code <} and {@code <=} match
 * documents without the key, while {@code ==}, {@code >} and {@code >=} do not. See
 * {@code docs/spring-ai.md} for the whole mapping.
 *
 * <p><b>Threads.</b> Searches run concurrently with each other and with writes; writes are
 * applied one batch at a time (the model is called outside the index's writer lock).
 */
public final class ZeusDbVectorStore extends AbstractObservationVectorStore {

    /** The metadata key that holds a document's text inside the index. */
    public static final String TEXT_KEY = "zeusdb.text";

    /**
     * The metadata key holding, per top-level key, the Java type ZeusDB's value model does not keep
     * ({@code "int"} for an Integer, {@code "float"} for a Float), so values read back as the type
     * they were written with; the same key and markers as the LangChain4j store, so an index
     * written by either reads back alike. Absent when no value needs a marker.
     */
    public static final String TYPES_KEY = "zeusdb.types";

    private final HnswIndex index;
    private final Path path;
    private final Integer efSearch;

    private ZeusDbVectorStore(Builder builder, HnswIndex index) {
        super(builder);
        this.index = index;
        this.path = builder.path;
        this.efSearch = builder.efSearch;
    }

    /**
     * Starts a builder.
     *
     * @param embeddingModel the model that embeds documents and queries; its output width must be
     *     the index dimension
     * @return a builder with cosine space and ZeusDB's default HNSW parameters
     */
    public static Builder builder(EmbeddingModel embeddingModel) {
        return new Builder(embeddingModel);
    }

    // ---------------------------------------------------------------------------------- writing

    @Override
    public void doAdd(List<Document> documents) {
        if (documents == null) {
            throw new IllegalArgumentException("The document list cannot be null.");
        }
        if (documents.isEmpty()) {
            return;
        }
        // everything that can be refused is refused before the (possibly paid) model call
        List<Map<String, Object>> metadatas = new ArrayList<>(documents.size());
        List<String> ids = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            if (document == null) {
                throw new IllegalArgumentException("Document " + i + " of the list is null; nothing was added.");
            }
            ids.add(document.getId());
            metadatas.add(DocumentCodec.toRecordMetadata(document));
        }
        List<float[]> embeddings = this.embeddingModel.embed(documents, EmbeddingOptions.builder().build(),
                this.batchingStrategy);
        if (embeddings == null || embeddings.size() != documents.size()) {
            throw new IllegalStateException("The embedding model returned " + (embeddings == null ? "no list"
                    : embeddings.size() + " embeddings") + " for " + documents.size() + " documents; nothing was added.");
        }
        float[][] vectors = new float[documents.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = checkedEmbedding(embeddings.get(i), "document " + ids.get(i));
        }
        // one batch: the index links it in parallel and searches never see half of it
        AddResult result = index.add(Map.of("ids", ids, "vectors", vectors, "metadatas", metadatas));
        if (!result.isSuccess()) {
            throw new IllegalStateException("ZeusDB refused " + result.totalErrors() + " of " + documents.size()
                    + " documents (the others were added): " + result.errors());
        }
    }

    @Override
    public void doDelete(List<String> idList) {
        if (idList == null) {
            throw new IllegalArgumentException("The id list cannot be null.");
        }
        index.delete(idList);
    }

    @Override
    protected void doDelete(Filter.Expression filterExpression) {
        index.deleteWhere(FilterTranslator.translate(filterExpression));
    }

    // ---------------------------------------------------------------------------------- searching

    @Override
    public List<Document> doSimilaritySearch(SearchRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("The search request cannot be null.");
        }
        // translate first: a malformed filter fails before the model is called
        io.zeusdb.vector.Filter filter = request.hasFilterExpression()
                ? FilterTranslator.translate(request.getFilterExpression()) : null;
        int topK = request.getTopK();
        if (topK <= 0) {
            return List.of();
        }
        float[] query = checkedEmbedding(this.embeddingModel.embed(request.getQuery()), "the query");
        SearchOptions options = SearchOptions.topK(topK).efSearch(efSearch);
        if (filter != null) {
            options = options.filter(filter);
        }
        List<SearchResult> hits = index.search(query, options);
        double threshold = request.getSimilarityThreshold();
        boolean thresholded = threshold > SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL;
        List<Document> documents = new ArrayList<>(hits.size());
        for (SearchResult hit : hits) {
            double score = similarity(hit.score());
            // hits come nearest first, so the first one below the threshold ends the page
            if (thresholded && score < threshold) {
                break;
            }
            documents.add(DocumentCodec.toDocument(hit, score));
        }
        return documents;
    }

    /** The similarity reported for a ZeusDB distance in this store's space (higher is closer). */
    private double similarity(double distance) {
        return switch (index.config().space()) {
            case COSINE, DOT -> 1.0 - distance;
            case L2, L1 -> 1.0 / (1.0 + distance);
        };
    }

    private float[] checkedEmbedding(float[] embedding, String what) {
        if (embedding == null) {
            throw new IllegalStateException("The embedding model returned no embedding for " + what + ".");
        }
        if (embedding.length != index.dim()) {
            throw new IllegalStateException("The embedding model returned " + embedding.length
                    + " dimensions for " + what + ", but the index has " + index.dim()
                    + "; use a model of the index's width (or a new index); nothing was changed.");
        }
        for (float v : embedding) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException("The embedding model returned a non-finite value (" + v + ") for "
                        + what + "; nothing was changed.");
            }
        }
        return embedding;
    }

    // ---------------------------------------------------------------------------------- persistence

    /**
     * Saves the index to the builder's {@link Builder#path(Path) path}, atomically (a reader finds
     * the old or the new index, never a mix).
     *
     * @throws IllegalStateException when the builder was given no path
     * @throws IOException when writing fails
     */
    public void save() throws IOException {
        if (path == null) {
            throw new IllegalStateException("This store was built without a path; call save(Path) or set "
                    + "builder.path(...).");
        }
        index.save(path);
    }

    /**
     * Saves the index to {@code directory} as a {@code .zdb} directory that
     * {@link Builder#path(Path)} (or {@code VectorDatabase.load}) reads back.
     *
     * @throws IOException when writing fails
     */
    public void save(Path directory) throws IOException {
        if (directory == null) {
            throw new IllegalArgumentException("The save path cannot be null.");
        }
        index.save(directory);
    }

    /** The underlying index, for what the VectorStore interface does not cover (counts, stats). */
    public HnswIndex getIndex() {
        return index;
    }

    /** The underlying {@link HnswIndex}. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getNativeClient() {
        return Optional.of((T) index);
    }

    @Override
    public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
        return VectorStoreObservationContext.builder("zeusdb", operationName)
                .dimensions(index.dim())
                .collectionName(path == null ? "in-memory" : path.toString())
                .similarityMetric(metric(index.config().space()).value());
    }

    private static VectorStoreSimilarityMetric metric(Space space) {
        return switch (space) {
            case COSINE -> VectorStoreSimilarityMetric.COSINE;
            case DOT -> VectorStoreSimilarityMetric.DOT;
            case L2 -> VectorStoreSimilarityMetric.EUCLIDEAN;
            case L1 -> VectorStoreSimilarityMetric.MANHATTAN;
        };
    }

    /**
     * Builds a {@link ZeusDbVectorStore}. Every setting is optional; without a {@link #path(Path)}
     * the store lives in memory until {@link ZeusDbVectorStore#save(Path)}.
     *
     * <pre>{@code
     * ZeusDbVectorStore store = ZeusDbVectorStore.builder(embeddingModel)
     *         .dimension(384).space(Space.COSINE).m(16).efConstruction(200).efSearch(100)
     *         .build();
     * }</pre>
     *
     * <p>When {@link #path(Path)} names an existing directory the saved index is loaded and its
     * configuration wins; a setting given here that contradicts it (another dimension, space,
     * {@code m}, {@code ef_construction} or indexed fields) is refused rather than ignored.
     */
    public static final class Builder extends AbstractVectorStoreBuilder<Builder> {

        private Integer dimension;
        private Space space;
        private Integer m;
        private Integer efConstruction;
        private Integer expectedSize;
        private Integer efSearch;
        private List<String> indexedFields;
        private Path path;

        private Builder(EmbeddingModel embeddingModel) {
            super(embeddingModel);
        }

        /** The vector width; by default the embedding model's {@code dimensions()}. */
        public Builder dimension(int dimension) {
            if (dimension <= 0) {
                throw new IllegalArgumentException("dimension must be positive, got " + dimension);
            }
            this.dimension = dimension;
            return this;
        }

        /** The distance space; {@link Space#COSINE} by default. */
        public Builder space(Space space) {
            if (space == null) {
                throw new IllegalArgumentException("space cannot be null");
            }
            this.space = space;
            return this;
        }

        /** HNSW links per node ({@code m}); ZeusDB's default (16) otherwise. */
        public Builder m(int m) {
            this.m = m;
            return this;
        }

        /** HNSW build width ({@code ef_construction}); ZeusDB's default (200) otherwise. */
        public Builder efConstruction(int efConstruction) {
            this.efConstruction = efConstruction;
            return this;
        }

        /** The number of documents expected, which sizes the index up front. */
        public Builder expectedSize(int expectedSize) {
            this.expectedSize = expectedSize;
            return this;
        }

        /** The search width ({@code ef_search}) of every query; ZeusDB's default otherwise. */
        public Builder efSearch(int efSearch) {
            if (efSearch < 0) {
                throw new IllegalArgumentException("efSearch must be non-negative, got " + efSearch);
            }
            this.efSearch = efSearch;
            return this;
        }

        /**
         * Metadata keys to keep in columns, which makes filters on them faster; results are the
         * same with or without.
         */
        public Builder indexedFields(String... fields) {
            if (fields == null) {
                throw new IllegalArgumentException("indexedFields cannot be null");
            }
            this.indexedFields = List.of(fields);
            return this;
        }

        /** A {@code .zdb} directory: loaded by {@link #build()} when it exists, written by {@code save()}. */
        public Builder path(Path path) {
            this.path = path;
            return this;
        }

        /**
         * Creates (or loads) the index and the store.
         *
         * @throws IllegalArgumentException for invalid or contradicting settings
         * @throws UncheckedIOException when the directory at {@link #path(Path)} cannot be loaded
         */
        @Override
        public ZeusDbVectorStore build() {
            if (embeddingModel == null) {
                throw new IllegalArgumentException("The embedding model cannot be null.");
            }
            HnswIndex index = path != null && Files.exists(path) ? load() : create();
            return new ZeusDbVectorStore(this, index);
        }

        private HnswIndex create() {
            int dim = dimension != null ? dimension : embeddingModel.dimensions();
            IndexConfig.Builder config = IndexConfig.hnsw(dim).space(space != null ? space : Space.COSINE);
            if (m != null) {
                config.m(m);
            }
            if (efConstruction != null) {
                config.efConstruction(efConstruction);
            }
            if (expectedSize != null) {
                config.expectedSize(expectedSize);
            }
            if (indexedFields != null) {
                config.indexedFields(indexedFields.toArray(String[]::new));
            }
            return new VectorDatabase().create(config.build());
        }

        private HnswIndex load() {
            HnswIndex loaded;
            try {
                loaded = new VectorDatabase().load(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the ZeusDB index at " + path + ": " + e.getMessage(), e);
            }
            IndexConfig saved = loaded.config();
            agree("dimension", dimension, saved.dim());
            agree("space", space, saved.space());
            agree("m", m, saved.m());
            agree("efConstruction", efConstruction, saved.efConstruction());
            agree("indexedFields", indexedFields == null ? null : new TreeSet<>(indexedFields),
                    new TreeSet<>(saved.indexedFields()));
            return loaded;
        }

        private void agree(String setting, Object given, Object saved) {
            if (given != null && !given.equals(saved)) {
                throw new IllegalArgumentException("The index saved at " + path + " has " + setting + " " + saved
                        + ", but the builder was given " + given + "; drop the setting or use another path.");
            }
        }
    }
}
