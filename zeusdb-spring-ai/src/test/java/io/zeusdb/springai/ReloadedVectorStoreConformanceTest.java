package io.zeusdb.springai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Spring AI's conformance suite again, with the store saved to a {@code .zdb} directory and
 * loaded into a new store after every write, so every search and delete of the suite runs on a
 * reloaded index.
 */
class ReloadedVectorStoreConformanceTest extends BaseVectorStoreTests {

    @TempDir
    Path dir;

    @Override
    protected void executeTest(Consumer<VectorStore> testFunction) {
        testFunction.accept(new ReloadingStore(new HashingEmbeddingModel(64), dir.resolve("store.zdb")));
    }

    /** Delegates to a ZeusDbVectorStore that it saves and reloads from disk after each write. */
    private static final class ReloadingStore implements VectorStore {
        private final EmbeddingModel model;
        private final Path path;
        private ZeusDbVectorStore store;

        ReloadingStore(EmbeddingModel model, Path path) {
            this.model = model;
            this.path = path;
            this.store = ZeusDbVectorStore.builder(model).path(path).build();
        }

        private void reload() {
            try {
                store.save();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store = ZeusDbVectorStore.builder(model).path(path).build();
        }

        @Override
        public void add(List<Document> documents) {
            store.add(documents);
            reload();
        }

        @Override
        public void delete(List<String> idList) {
            store.delete(idList);
            reload();
        }

        @Override
        public void delete(Filter.Expression filterExpression) {
            store.delete(filterExpression);
            reload();
        }

        @Override
        public List<Document> similaritySearch(SearchRequest request) {
            return store.similaritySearch(request);
        }
    }
}
