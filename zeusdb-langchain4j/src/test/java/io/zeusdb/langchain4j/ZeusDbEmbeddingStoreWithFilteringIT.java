package io.zeusdb.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;

/**
 * LangChain4j's conformance suite for filtering stores (which includes EmbeddingStoreIT and
 * EmbeddingStoreWithoutMetadataIT), run unmodified against a fresh in-memory store per test.
 */
class ZeusDbEmbeddingStoreWithFilteringIT extends EmbeddingStoreWithFilteringIT {

    private final EmbeddingModel model = new HashingEmbeddingModel();
    private final ZeusDbEmbeddingStore store =
            ZeusDbEmbeddingStore.builder().dimension(HashingEmbeddingModel.DIMENSION).build();

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return model;
    }

    /** The store translates ContainsString, so the suite's contains tests run (and the "unsupported" one does not apply). */
    @Override
    protected boolean supportsContains() {
        return true;
    }
}
