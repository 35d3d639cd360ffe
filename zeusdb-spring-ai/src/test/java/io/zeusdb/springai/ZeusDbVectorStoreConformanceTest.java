package io.zeusdb.springai;

import java.util.function.Consumer;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/** Spring AI's own conformance suite, run unmodified against a fresh in-memory store per test. */
class ZeusDbVectorStoreConformanceTest extends BaseVectorStoreTests {

    @Override
    protected void executeTest(Consumer<VectorStore> testFunction) {
        testFunction.accept(ZeusDbVectorStore.builder(new HashingEmbeddingModel(64)).build());
    }
}
