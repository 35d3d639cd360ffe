package io.zeusdb.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's filtering suite (with EmbeddingStoreIT and EmbeddingStoreWithoutMetadataIT),
 * unmodified, with every search answered by a store saved to disk and loaded back just before it.
 */
class ZeusDbEmbeddingStoreReloadedWithFilteringIT extends EmbeddingStoreWithFilteringIT {

    @TempDir
    Path directory;

    private final EmbeddingModel model = new HashingEmbeddingModel();
    private ReloadingEmbeddingStore store;

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        if (store == null) {
            store = new ReloadingEmbeddingStore(directory, HashingEmbeddingModel.DIMENSION);
        }
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return model;
    }

    @Override
    protected boolean supportsContains() {
        return true;
    }

    @AfterEach
    void everySearchWasAnsweredByALoadedStore() {
        assertThat(store.reloads()).isPositive();
    }
}
