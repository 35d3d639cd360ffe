package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.Oracle.Hit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many records holding the same vector (identical embeddings of identical texts are common): a
 * page is never short while the index holds enough records, and the duplicates tie by id.
 */
class DuplicateVectorsTest {

    /** {@code copies} records with one vector, then {@code others} random ones, one add per record. */
    private static Map<String, float[]> corpus(int dim, int copies, int others, float[] dup, Random random) {
        Map<String, float[]> records = new LinkedHashMap<>();
        for (int i = 0; i < others + copies; i++) {
            if (i % 3 == 0 && records.keySet().stream().filter(k -> k.startsWith("d")).count() < copies) {
                records.put(String.format("d%03d", i), dup.clone());
            } else {
                records.put(String.format("o%03d", i), Oracle.randomVector(random, dim, 1f));
            }
        }
        return records;
    }

    private static HnswIndex build(Space space, int m, Map<String, float[]> records) {
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(8).space(space).m(m).efConstruction(100).build());
        for (Map.Entry<String, float[]> e : records.entrySet()) {
            index.add(Map.of("id", e.getKey(), "vector", e.getValue()));
        }
        return index;
    }

    /** Fewer copies than a layer-0 list holds (2m): the page is full and exact. */
    @ParameterizedTest
    @EnumSource(value = Space.class, names = {"COSINE", "L2", "L1"})
    void aFewCopiesLeaveFullExactPages(Space space) {
        Random random = new Random(space.ordinal());
        float[] dup = Oracle.randomVector(random, 8, 1f);
        Map<String, float[]> records = corpus(8, 6, 150, dup, random);
        HnswIndex index = build(space, 8, records);
        List<SearchResult> page = index.search(dup, SearchOptions.topK(20).efSearch(60));
        assertEquals(20, page.size());
        List<Hit> expected = Oracle.bruteForce(space, dup, records);
        assertEquals(expected.subList(0, 6).stream().map(Hit::id).toList(), Oracle.ids(page.subList(0, 6)),
                "the copies come first, by id");
        int found = 0;
        for (Hit h : expected.subList(0, 20)) {
            found += Oracle.ids(page).contains(h.id()) ? 1 : 0;
        }
        assertTrue(found >= 18, "recall " + found + "/20");
    }

    // More records holding one identical vector than a layer-0 list has slots (2m). Copies
    // dominate nothing in the selection heuristic, so without a cap every copy's list filled with
    // the other copies and they formed a closed component: pages came back short (found by
    // RandomOperationSequenceTest). Lists now hold at most a quarter of their slots in exact
    // copies, and ties rotate per node so copies link to different copies.
    // Known limit: at m=4 under cosine one copy of 20 can still be missed at ef = top_k + 20.
    @ParameterizedTest(name = "{0} m={1} copies={2}")
    @CsvSource({"COSINE, 6, 20, 30", "L2, 4, 20, 30", "L2, 16, 40, 60", "DOT, 16, 40, 60"})
    void manyCopiesOfOneVectorDoNotShortenPages(Space space, int m, int copies, int topK) {
        Random random = new Random(m * 31L + copies);
        float[] dup = Oracle.randomVector(random, 8, space == Space.DOT ? 3f : 1f);
        Map<String, float[]> records = corpus(8, copies, 200, dup, random);
        HnswIndex index = build(space, m, records);
        List<SearchResult> page = index.search(dup, SearchOptions.topK(topK).efSearch(topK + 20));
        assertEquals(topK, page.size(), "page for the duplicated vector: " + Oracle.ids(page));
        Oracle.assertWellFormed(page, space.toString());
        List<Hit> expected = Oracle.bruteForce(space, dup, records);
        List<String> missing = new ArrayList<>();
        for (Hit h : expected.subList(0, copies)) {
            if (!Oracle.ids(page).contains(h.id())) {
                missing.add(h.id());
            }
        }
        assertEquals(List.of(), missing, "copies missing from the page");
    }
}
