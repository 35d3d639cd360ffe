package io.zeusdb.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;

/** LangChain4j's conformance suite for removal, run unmodified against a fresh in-memory store per test. */
class ZeusDbEmbeddingStoreWithRemovalIT extends EmbeddingStoreWithRemovalIT {

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
}
