package io.zeusdb.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;

/** The score is a similarity (higher is closer), the distance rides along, and the threshold cuts. */
class ScoreAndThresholdTest {

    /** Embeds "x,y" literally as the vector (x, y), so every distance is known in advance. */
    private static final class LiteralModel implements EmbeddingModel {
        static float[] parse(String text) {
            String[] parts = text.split(",");
            return new float[] {Float.parseFloat(parts[0]), Float.parseFloat(parts[1])};
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> out = new ArrayList<>();
            for (int i = 0; i < request.getInstructions().size(); i++) {
                out.add(new Embedding(parse(request.getInstructions().get(i)), i));
            }
            return new EmbeddingResponse(out);
        }

        @Override
        public float[] embed(Document document) {
            return parse(document.getText());
        }

        @Override
        public int dimensions() {
            return 2;
        }
    }

    private static final List<Document> DOCS = List.of(
            Document.builder().id("east").text("1,0").build(),
            Document.builder().id("north-east").text("1,1").build(),
            Document.builder().id("north").text("0,1").build(),
            Document.builder().id("west").text("-1,0").build());

    private static ZeusDbVectorStore store(Space space) {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new LiteralModel()).space(space).build();
        store.add(DOCS);
        return store;
    }

    private static List<Document> search(ZeusDbVectorStore store, double threshold) {
        return store.similaritySearch(SearchRequest.builder().query("1,0").topK(10).similarityThreshold(threshold).build());
    }

    private static double distance(Document d) {
        return ((Number) d.getMetadata().get("distance")).doubleValue();
    }

    @Test
    void cosineScoreIsTheCosineSimilarityAsSimpleVectorStoreReportsIt() {
        List<Document> hits = search(store(Space.COSINE), 0.0);
        assertEquals(List.of("east", "north-east", "north", "west"), hits.stream().map(Document::getId).toList());
        double[] cosines = {1.0, Math.sqrt(0.5), 0.0, -1.0};
        for (int i = 0; i < hits.size(); i++) {
            assertEquals(cosines[i], hits.get(i).getScore(), 1e-6, hits.get(i).getId());
            assertEquals(1.0 - hits.get(i).getScore(), distance(hits.get(i)), 1e-12);
        }
        // SimpleVectorStore reports the same scores for the documents it returns
        SimpleVectorStore simple = SimpleVectorStore.builder(new LiteralModel()).build();
        simple.add(DOCS);
        for (Document d : simple.similaritySearch(SearchRequest.builder().query("1,0").topK(10).build())) {
            Document ours = hits.stream().filter(h -> h.getId().equals(d.getId())).findFirst().orElseThrow();
            assertEquals(d.getScore(), ours.getScore(), 1e-6, d.getId());
        }
    }

    @Test
    void theThresholdKeepsHitsAtOrAboveIt() {
        ZeusDbVectorStore store = store(Space.COSINE);
        assertEquals(List.of("east", "north-east"), search(store, 0.5).stream().map(Document::getId).toList());
        assertEquals(List.of("east"), search(store, 0.99).stream().map(Document::getId).toList());
        // a tiny positive threshold drops the orthogonal and the opposite document
        assertEquals(2, search(store, 1e-6).size());
    }

    @Test
    void theAcceptAllThresholdKeepsEvenNegativeSimilarities() {
        List<Document> hits = search(store(Space.COSINE), SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL);
        assertEquals(4, hits.size());
        assertTrue(hits.get(3).getScore() < 0);
    }

    @Test
    void dotScoreIsTheInnerProduct() {
        List<Document> hits = search(store(Space.DOT), 0.0);
        assertEquals("east", hits.get(0).getId());
        for (Document d : hits) {
            float[] v = LiteralModel.parse(d.getText());
            assertEquals(v[0], d.getScore(), 1e-6, d.getId()); // query (1, 0)
            assertEquals(1.0 - d.getScore(), distance(d), 1e-12);
        }
    }

    @Test
    void l2AndL1ScoresAreOneOverOnePlusTheDistance() {
        for (Space space : List.of(Space.L2, Space.L1)) {
            List<Document> hits = search(store(space), 0.0);
            assertEquals("east", hits.get(0).getId());
            assertEquals(1.0, hits.get(0).getScore(), 1e-6);
            double previous = Double.POSITIVE_INFINITY;
            for (Document d : hits) {
                float[] v = LiteralModel.parse(d.getText());
                double expected = space == Space.L2 ? Math.hypot(v[0] - 1, v[1]) : Math.abs(v[0] - 1) + Math.abs(v[1]);
                assertEquals(expected, distance(d), 1e-6, space + " " + d.getId());
                assertEquals(1.0 / (1.0 + distance(d)), d.getScore(), 1e-12);
                assertTrue(d.getScore() <= previous);
                previous = d.getScore();
            }
        }
    }

    @Test
    void resultsCarryTextAndMetadataButNotTheReservedKey() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new LiteralModel()).build();
        store.add(List.of(Document.builder().id("a").text("1,0").metadata(Map.of("country", "BG", "year", 2020,
                "tags", List.of("x", "y"), "when", new java.util.Date(0))).build()));
        Document d = store.similaritySearch(SearchRequest.builder().query("1,0").topK(1).build()).get(0);
        assertEquals("1,0", d.getText());
        assertEquals("BG", d.getMetadata().get("country"));
        assertEquals(Integer.valueOf(2020), d.getMetadata().get("year"), "an Integer reads back as an Integer");
        assertEquals(List.of("x", "y"), d.getMetadata().get("tags"));
        assertEquals("1970-01-01T00:00:00Z", d.getMetadata().get("when"));
        assertTrue(!d.getMetadata().containsKey(ZeusDbVectorStore.TEXT_KEY));
        assertTrue(!d.getMetadata().containsKey(ZeusDbVectorStore.TYPES_KEY));
        assertTrue(d.getMetadata().containsKey("distance"));
    }

    @Test
    void numbersReadBackAsTheTypesTheyWereWrittenWith() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new LiteralModel()).build();
        store.add(List.of(Document.builder().id("a").text("1,0").metadata(Map.of("count", 7, "views", 7L, "f", 1.1f,
                "d", 1.1, "big", Long.MAX_VALUE)).build()));
        Map<String, Object> m = store.similaritySearch(SearchRequest.builder().query("1,0").topK(1).build()).get(0)
                .getMetadata();
        assertEquals(Integer.valueOf(7), m.get("count"));
        assertEquals(Long.valueOf(7), m.get("views"));
        assertEquals(Float.valueOf(1.1f), m.get("f"));
        assertEquals(Double.valueOf(1.1), m.get("d"));
        assertEquals(Long.MAX_VALUE, m.get("big"));
        // filters see the stored numbers as before
        assertEquals(1, store.similaritySearch(SearchRequest.builder().query("1,0").topK(1)
                .filterExpression("count == 7 && views == 7").build()).size());
        // a document may not use the reserved keys
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store.add(List.of(Document.builder().id("b").text("0,1")
                        .metadata(Map.of(ZeusDbVectorStore.TYPES_KEY, "x")).build())));
        assertTrue(e.getMessage().contains("'zeusdb.types'"), e.getMessage());
    }

    /** A record written the way the LangChain4j store writes one reads back with its types. */
    @Test
    void recordsWrittenByTheLangChain4jStoreReadBackWithTheirTypes() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new LiteralModel()).build();
        store.getIndex().add(Map.of("id", "lc", "vector", new float[] {1, 0}, "metadata", Map.of(
                "zeusdb.text", "1,0", "n", 7L, "f", 1.1, "u", "0b0f6e52-5d7e-4b4c-9c1e-7d8a4f1c2b3a",
                "zeusdb.types", Map.of("n", "int", "f", "float", "u", "uuid"))));
        Document d = store.similaritySearch(SearchRequest.builder().query("1,0").topK(1).build()).get(0);
        assertEquals("lc", d.getId());
        assertEquals("1,0", d.getText());
        assertEquals(Integer.valueOf(7), d.getMetadata().get("n"));
        assertEquals(Float.valueOf(1.1f), d.getMetadata().get("f"));
        assertEquals("0b0f6e52-5d7e-4b4c-9c1e-7d8a4f1c2b3a", d.getMetadata().get("u"), "a UUID stays its text");
        assertTrue(!d.getMetadata().containsKey(ZeusDbVectorStore.TYPES_KEY));
    }
}
