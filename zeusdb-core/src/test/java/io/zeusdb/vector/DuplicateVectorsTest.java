package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.Oracle.Hit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Disabled;
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

    // BUG: when more records hold one identical vector than a layer-0 list has slots (2m), every
    // copy fills its whole list with the other copies (distance 0 ranks first and the heuristic
    // keeps them all), so the copies form a closed component with no edge out. A search whose
    // descent lands among them (any query equal or close to that vector) explores only the copies.
    // Expected (reference 5.2: a page holds top_k results unless the index or filter holds fewer):
    // a full page, every copy in it. Actual: short pages at any ef below the live count: 10 of 30
    // results (not even all 20 copies) with m=4; 33 of 60 with the default m=16 and 40 copies.
    // Found by RandomOperationSequenceTest (9 copies after a rebuild to m=4: an 8-result page for
    // top_k 10 over 96 live records).
    @Disabled("BUG: more than 2m identical vectors form a closed graph component; pages come back short")
    @ParameterizedTest(name = "{0} m={1} copies={2}")
    @CsvSource({"COSINE, 4, 20, 30", "L2, 4, 20, 30", "L2, 16, 40, 60", "DOT, 16, 40, 60"})
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
