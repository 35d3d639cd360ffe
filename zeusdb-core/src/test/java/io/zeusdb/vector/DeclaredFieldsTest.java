package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Declaring fields only changes speed: a declared and an undeclared index holding the same
 * records answer every filter with the same ids and score bits, on the exact-scan path and on the
 * filtered traversal, and small match sets equal brute force.
 */
class DeclaredFieldsTest {

    private static final int N = 12_000;
    private static final int DIM = 16;
    private static final String[] CATEGORIES = {"science", "tech", "health", "finance"};
    private static HnswIndex declared;
    private static HnswIndex undeclared;
    /** Declares two of the fields: mixed filters read metadata only where the declared ones allow. */
    private static HnswIndex partial;
    private static final Map<String, float[]> vectors = new HashMap<>();
    private static final Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();

    @BeforeAll
    static void build() {
        Random random = new Random(5);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) random.nextGaussian();
            }
            Map<String, Object> meta = new HashMap<>();
            meta.put("category", CATEGORIES[i % 4]);
            meta.put("priority", i % 10);
            if (i % 7 != 0) {
                meta.put("score", (i % 13) * 0.5);
            }
            if (i % 11 == 0) {
                meta.put("lang", null);
            }
            meta.put("tags", i % 5 == 0 ? List.of("important", "featured") : List.of("standard"));
            String id = "doc_" + i;
            vectors.put(id, v);
            metadata.put(id, meta);
            records.add(Map.of("id", id, "vector", v, "metadata", meta));
        }
        VectorDatabase vdb = new VectorDatabase();
        // one insert thread: a parallel build's edges depend on timing, and the two indexes must
        // share one graph for their traversal pages to be comparable bit for bit
        declared = vdb.create(IndexConfig.hnsw(DIM).space(Space.L2).efConstruction(64).expectedSize(N).insertThreads(1)
                .indexedFields("category", "priority", "score", "lang", "tags").build());
        undeclared = vdb.create(IndexConfig.hnsw(DIM).space(Space.L2).efConstruction(64).expectedSize(N).insertThreads(1).build());
        partial = vdb.create(IndexConfig.hnsw(DIM).space(Space.L2).efConstruction(64).expectedSize(N).insertThreads(1)
                .indexedFields("category", "priority").build());
        declared.add(records);
        undeclared.add(records);
        partial.add(records);
        // removals and an update keep the columns honest
        for (int i = 0; i < N; i += 97) {
            declared.removePoint("doc_" + i);
            undeclared.removePoint("doc_" + i);
            partial.removePoint("doc_" + i);
            metadata.remove("doc_" + i);
        }
        Map<String, Object> changed = Map.of("category", "science", "priority", 42);
        declared.updateMetadata("doc_5", changed);
        undeclared.updateMetadata("doc_5", changed);
        partial.updateMetadata("doc_5", changed);
        metadata.put("doc_5", changed);
    }

    private static List<Map<String, Object>> filters() {
        List<Map<String, Object>> f = new ArrayList<>();
        f.add(Map.of("category", "science"));                                          // ~25 %: traversal
        f.add(Map.of("category", "science", "priority", 3));                           // ~2.5 %: scan
        f.add(Map.of("priority", Map.of("gte", 2, "lt", 9)));                           // ~70 %
        f.add(Map.of("priority", 42));                                                  // one record
        f.add(Map.of("score", Map.of("gt", 5.5)));
        f.add(Map.of("$or", List.of(Map.of("priority", 1), Map.of("tags", Map.of("any", List.of("featured"))))));
        f.add(Map.of("$not", Map.of("category", Map.of("in", List.of("science", "tech", "health")))));
        f.add(Map.of("score", Map.of("exists", false)));
        Map<String, Object> isNull = new HashMap<>();
        isNull.put("lang", null);
        f.add(isNull);
        f.add(Map.of("lang", Map.of("is_null", false), "category", "tech", "priority", Map.of("ne", 3)));
        f.add(Map.of("tags", List.of("important", "featured")));
        f.add(Map.of("category", Map.of("ne", "finance")));                           // ~75 %: traversal
        f.add(Map.of("tags", Map.of("any", List.of("standard")), "priority", Map.of("lt", 8)));
        // mixed: a declared conjunct bounds the candidates, or (under $or / $not) cannot
        f.add(Map.of("category", "science", "score", Map.of("gt", 5.5)));
        f.add(Map.of("$or", List.of(Map.of("priority", 1), Map.of("score", Map.of("exists", false)))));
        f.add(Map.of("$not", Map.of("category", "tech", "score", Map.of("gt", 2))));
        f.add(Map.of("$and", List.of(Map.of("priority", Map.of("lt", 3)),
                Map.of("$or", List.of(Map.of("tags", Map.of("any", List.of("featured"))), Map.of("category", "finance"))))));
        f.add(Map.of("$or", List.of(Map.of("category", "health", "lang", Map.of("is_null", true)),
                Map.of("priority", 7, "tags", List.of("standard")))));
        return f;
    }

    @Test
    void declaredAndUndeclaredReturnIdenticalPagesAndCounts() {
        Random random = new Random(9);
        for (Map<String, Object> filter : filters()) {
            assertEquals(undeclared.count(filter), declared.count(filter), "count " + filter);
            assertEquals(undeclared.count(filter), partial.count(filter), "partly declared count " + filter);
            for (int t = 0; t < 5; t++) {
                float[] q = new float[DIM];
                for (int d = 0; d < DIM; d++) {
                    q[d] = (float) random.nextGaussian();
                }
                SearchOptions opts = SearchOptions.topK(10).filter(filter);
                List<SearchResult> a = declared.search(q, opts);
                List<SearchResult> b = undeclared.search(q, opts);
                assertEquals(b, a, "page for " + filter);
                assertEquals(b, partial.search(q, opts), "page of the partly declared index for " + filter);
            }
        }
    }

    @Test
    void selectiveFiltersEqualBruteForce() {
        Random random = new Random(13);
        for (Map<String, Object> filter : filters()) {
            io.zeusdb.vector.filter.MetadataPredicate p = io.zeusdb.vector.filter.FilterCompiler.compile(filter);
            List<String> matching = new ArrayList<>();
            for (Map.Entry<String, Map<String, Object>> e : metadata.entrySet()) {
                if (p.test(io.zeusdb.vector.metadata.MetadataValues.canonicalMap(e.getValue()))) {
                    matching.add(e.getKey());
                }
            }
            assertEquals(matching.size(), declared.count(filter), "count " + filter);
            if (matching.size() > HnswIndex.EXACT_SCAN_LIMIT) {
                continue;
            }
            float[] q = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                q[d] = (float) random.nextGaussian();
            }
            matching.sort(Comparator.comparingDouble((String id) -> l2(q, vectors.get(id))).thenComparing(id -> id));
            List<String> expected = matching.subList(0, Math.min(10, matching.size()));
            assertEquals(expected, ids(declared.search(q, filter, 10)), "brute force for " + filter);
            assertTrue(expected.size() == Math.min(10, matching.size()));
        }
    }

    private static double l2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static List<String> ids(List<SearchResult> results) {
        List<String> out = new ArrayList<>();
        for (SearchResult r : results) {
            out.add(r.id());
        }
        return out;
    }
}
