package io.zeusdb.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's removal suite, unmodified, with every search answered by a store saved to disk
 * and loaded back just before it (so each removal is checked after a save/load round trip).
 */
class ZeusDbEmbeddingStoreReloadedWithRemovalIT extends EmbeddingStoreWithRemovalIT {

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
}
