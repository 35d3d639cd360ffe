package io.zeusdb.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreAddAllContract;
import dev.langchain4j.store.embedding.EmbeddingStoreRemoveAllContract;

/**
 * LangChain4j's argument contracts for {@code addAll} (sizes must agree, nothing to add is a
 * no-op) and {@code removeAll(ids)} (nothing to remove is a no-op), from its test-jar. The
 * contracts embed 3-wide vectors, so the store is 3-wide; a new store per call, as they ask.
 */
class ZeusDbEmbeddingStoreContractTest implements EmbeddingStoreAddAllContract, EmbeddingStoreRemoveAllContract {

    @Override
    public EmbeddingStore<TextSegment> embeddingStore() {
        return ZeusDbEmbeddingStore.builder().dimension(3).build();
    }
}
