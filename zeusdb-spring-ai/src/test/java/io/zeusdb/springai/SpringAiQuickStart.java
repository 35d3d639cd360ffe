package io.zeusdb.springai;

import io.zeusdb.springai.ZeusDbVectorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;

public class SpringAiQuickStart {

    /** embeddingModel: any Spring AI EmbeddingModel bean (OpenAI, Ollama, ONNX transformers, ...). */
    public static List<Document> run(EmbeddingModel embeddingModel, Path dir) throws IOException {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(embeddingModel)
                .path(dir.resolve("cities.zdb"))   // loaded when it exists; save() writes it
                .indexedFields("country")          // optional: faster filters on this key
                .build();

        store.add(List.of(
                new Document("Sofia is the capital of Bulgaria", Map.of("country", "BG", "year", 2020)),
                new Document("Plovdiv is one of the oldest cities of Europe", Map.of("country", "BG", "year", 2019)),
                new Document("Amsterdam is the capital of the Netherlands", Map.of("country", "NL", "year", 2021))));

        List<Document> hits = store.similaritySearch(SearchRequest.builder()
                .query("capital of Bulgaria")
                .topK(3)
                .similarityThreshold(0.1)
                .filterExpression("country == 'BG' && year >= 2020")
                .build());
        for (Document hit : hits) {
            System.out.printf("%.3f %s (distance %s)%n", hit.getScore(), hit.getText(), hit.getMetadata().get("distance"));
        }

        store.save();                              // an atomic .zdb directory
        return hits;
    }
}
