package io.zeusdb.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/** Writes and searches are observed like Spring AI's own stores, naming ZeusDB and the metric. */
class ObservationTest {

    @Test
    void addQueryAndDeleteAreObservedWithTheStoreDescription() {
        List<VectorStoreObservationContext> contexts = new ArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                contexts.add((VectorStoreObservationContext) context);
            }
        });
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new HashingEmbeddingModel(16))
                .observationRegistry(registry).build();
        store.add(List.of(new Document("alpha river", Map.of("country", "BG"))));
        List<Document> hits = store.similaritySearch(SearchRequest.builder().query("river").topK(1).build());
        store.delete("country == 'BG'");

        assertEquals(List.of("add", "query", "delete"),
                contexts.stream().map(VectorStoreObservationContext::getOperationName).toList());
        for (VectorStoreObservationContext c : contexts) {
            assertEquals("zeusdb", c.getDatabaseSystem());
            assertEquals(16, c.getDimensions());
            assertEquals("cosine", c.getSimilarityMetric());
            assertEquals("in-memory", c.getCollectionName());
        }
        assertEquals(hits, contexts.get(1).getQueryResponse());
    }
}
