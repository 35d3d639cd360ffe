package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Appendix A.1 of the reference: the 8-d quick-start corpus and its pinned outputs. */
class QuickStartExampleTest {

    private static HnswIndex quickStart() {
        HnswIndex index = new VectorDatabase().create("hnsw", Map.of("dim", 8));
        AddResult r = index.add(List.of(
                Map.of("id", "doc_001", "values", List.of(0.1, 0.2, 0.3, 0.1, 0.4, 0.2, 0.6, 0.7), "metadata", Map.of("author", "Alice")),
                Map.of("id", "doc_002", "values", List.of(0.9, 0.1, 0.4, 0.2, 0.8, 0.5, 0.3, 0.9), "metadata", Map.of("author", "Bob")),
                Map.of("id", "doc_003", "values", List.of(0.11, 0.21, 0.31, 0.15, 0.41, 0.22, 0.61, 0.72), "metadata", Map.of("author", "Alice")),
                Map.of("id", "doc_004", "values", List.of(0.85, 0.15, 0.42, 0.27, 0.83, 0.52, 0.33, 0.95), "metadata", Map.of("author", "Bob")),
                Map.of("id", "doc_005", "values", List.of(0.12, 0.22, 0.33, 0.13, 0.45, 0.23, 0.65, 0.71), "metadata", Map.of("author", "Alice"))));
        assertEquals("5 inserted, 0 errors", r.summary());
        return index;
    }

    private static final float[] Q = {0.1f, 0.2f, 0.3f, 0.1f, 0.4f, 0.2f, 0.6f, 0.7f};

    private static String line(SearchResult r) {
        return r.id() + " " + String.format(Locale.ROOT, "%.6f", r.score());
    }

    @Test
    void topTwoMatchesThePinnedScores() {
        List<SearchResult> hits = quickStart().search(Q, 2);
        assertEquals(List.of("doc_001 0.000000", "doc_003 0.000988"), hits.stream().map(QuickStartExampleTest::line).toList());
        assertEquals(Map.of("author", "Alice"), hits.get(0).metadata());
    }

    @Test
    void filterByAuthorReturnsOnlyAlice() {
        List<SearchResult> hits = quickStart().search(Q, Map.of("author", "Alice"), 5);
        assertEquals(List.of("doc_001 0.000000", "doc_003 0.000988", "doc_005 0.001143"),
                hits.stream().map(QuickStartExampleTest::line).toList());
    }

    @Test
    void batchMatchesPinnedPages() {
        float[][] batch = {Q, {0.9f, 0.1f, 0.4f, 0.2f, 0.8f, 0.5f, 0.3f, 0.9f}};
        List<List<SearchResult>> pages = quickStart().searchBatch(batch, 2);
        assertEquals(List.of("doc_001 0.000000", "doc_003 0.000988"), pages.get(0).stream().map(QuickStartExampleTest::line).toList());
        assertEquals(List.of("doc_002 0.000000", "doc_004 0.002238"), pages.get(1).stream().map(QuickStartExampleTest::line).toList());
        List<List<SearchResult>> filtered = quickStart().searchBatch(batch, SearchOptions.topK(2).filter(Map.of("author", "Alice")));
        assertEquals(List.of("doc_001", "doc_003"), filtered.get(0).stream().map(SearchResult::id).toList());
        assertEquals(List.of("doc_005", "doc_003"), filtered.get(1).stream().map(SearchResult::id).toList());
    }

    @Test
    void returnedVectorIsNormalised() {
        SearchResult hit = quickStart().search(Q, SearchOptions.topK(1).returnVector(true)).get(0);
        float[] v = hit.vector();
        String[] shown = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            shown[i] = String.format(Locale.ROOT, "%.4f", v[i]);
        }
        assertEquals("0.0913 0.1826 0.2739 0.0913 0.3651 0.1826 0.5477 0.6390", String.join(" ", shown));
    }

    @Test
    void infoAndAccessors() {
        HnswIndex index = quickStart();
        assertEquals("HNSWIndex(dim=8, space=cosine, m=16, ef_construction=200, expected_size=10000, vectors=5, quantization=none)",
                index.info());
        assertEquals("16 200 10000", index.m() + " " + index.efConstruction() + " " + index.expectedSize());
    }

    @Test
    void listPagesInArrivalOrder() {
        HnswIndex index = quickStart();
        assertEquals(List.of("doc_001", "doc_002", "doc_003", "doc_004", "doc_005"), index.list(5).stream().map(Record::id).toList());
        assertEquals(List.of("doc_001", "doc_002"), index.list(2, 0).stream().map(Record::id).toList());
        assertEquals(List.of("doc_003", "doc_004"), index.list(2, 2).stream().map(Record::id).toList());
        assertEquals(List.of("doc_005"), index.list(2, 4).stream().map(Record::id).toList());
        assertEquals(List.of(), index.list(2, 99));
    }
}
