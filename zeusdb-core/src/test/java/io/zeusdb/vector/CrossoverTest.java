package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scan/traversal crossover of a filtered search: a filter matching exactly scanLimit records
 * (or one fewer) is answered by an exact scan, so its pages equal brute force over the matching
 * set; one matching a few more is answered by a filtered traversal whose recall@10 stays >= 0.95.
 * Declared and undeclared indexes take the same path either side and return identical pages.
 */
class CrossoverTest {

    private static final int N = 8_200;
    private static final int DIM = 16;
    private static final Space SPACE = Space.L2;
    private static HnswIndex declared;
    private static HnswIndex undeclared;
    /** Live records: id to vector, and id to rank r (the filtered field). */
    private static final Map<String, float[]> vectors = new LinkedHashMap<>();
    private static final Map<String, Integer> rank = new HashMap<>();

    @BeforeAll
    static void build() {
        Random random = new Random(21);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String id = "r" + i;
            float[] v = Oracle.randomVector(random, DIM, 1f);
            vectors.put(id, v);
            rank.put(id, i);
            records.add(Map.of("id", id, "vector", v, "metadata", Map.of("r", i, "odd", i % 2 == 1)));
        }
        VectorDatabase vdb = new VectorDatabase();
        // insertThreads(1): reproducible graphs, so declared and undeclared indexes hold the same graph and
        // any page difference comes from filtering (with parallel linking the graphs differ run to run)
        declared = vdb.create(IndexConfig.hnsw(DIM).space(SPACE).m(12).efConstruction(64).insertThreads(1).expectedSize(N)
                .indexedFields("r", "odd").build());
        undeclared = vdb.create(IndexConfig.hnsw(DIM).space(SPACE).m(12).efConstruction(64).insertThreads(1).expectedSize(N).build());
        declared.add(records);
        undeclared.add(records);
        // removed records above every threshold used keep live != node count, and removed records
        // below the thresholds must not count towards the crossover
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < N; i += 41) {
            doomed.add("r" + i);
        }
        assertEquals(List.of(), declared.removePoints(doomed));
        assertEquals(List.of(), undeclared.removePoints(doomed));
        doomed.forEach(id -> {
            vectors.remove(id);
            rank.remove(id);
        });
        assertEquals(vectors.size(), declared.size());
    }

    /** The smallest threshold T such that {r < T} matches exactly {@code matches} live records. */
    private static int thresholdFor(int matches) {
        int[] ranks = rank.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        assertTrue(matches <= ranks.length, "not enough records for " + matches + " matches");
        return matches == ranks.length ? Integer.MAX_VALUE : ranks[matches];
    }

    private static Map<String, float[]> matching(int threshold) {
        Map<String, float[]> m = new LinkedHashMap<>();
        vectors.forEach((id, v) -> {
            if (rank.get(id) < threshold) {
                m.put(id, v);
            }
        });
        return m;
    }

    private static void checkAround(int width) {
        int live = declared.size();
        int limit = HnswIndex.scanLimit(width, live);
        assertTrue(limit + 6 <= live, "the crossover " + limit + " must lie inside the " + live + " live records");
        Random random = new Random(width);
        for (int matches : new int[] {limit - 1, limit, limit + 1, limit + 6}) {
            int t = thresholdFor(matches);
            Map<String, ?> filter = Map.of("r", Map.of("lt", t));
            Map<String, float[]> candidates = matching(t);
            assertEquals(matches, candidates.size());
            assertEquals(matches, declared.count(filter), "declared count r<" + t);
            assertEquals(matches, undeclared.count(filter), "undeclared count r<" + t);
            boolean exactRegime = matches <= limit;
            int found = 0;
            int queries = 20;
            for (int qi = 0; qi < queries; qi++) {
                float[] q = Oracle.randomVector(random, DIM, 1f);
                SearchOptions opts = SearchOptions.topK(10).efSearch(width).filter(filter);
                List<SearchResult> a = declared.search(q, opts);
                List<SearchResult> b = undeclared.search(q, opts);
                String ctx = "width " + width + ", " + matches + " matches (limit " + limit + "), query " + qi;
                assertEquals(a, b, "declared vs undeclared, " + ctx);
                Oracle.assertWellFormed(a, ctx);
                for (SearchResult r : a) {
                    assertTrue(rank.get(r.id()) != null && rank.get(r.id()) < t, ctx + ": '" + r.id() + "' does not match");
                }
                List<Oracle.Hit> expected = Oracle.bruteForce(SPACE, q, candidates);
                if (exactRegime) {
                    Oracle.assertExactPage(expected, a, 10, "exact under the crossover, " + ctx);
                } else {
                    assertEquals(10, a.size(), ctx);
                    List<String> got = Oracle.ids(a);
                    for (Oracle.Hit h : expected.subList(0, 10)) {
                        found += got.contains(h.id()) ? 1 : 0;
                    }
                }
            }
            if (!exactRegime) {
                double recall = found / (10.0 * queries);
                assertTrue(recall >= 0.95, "recall@10 just over the crossover (width " + width + ", " + matches
                        + " matches, limit " + limit + "): " + recall);
            }
        }
    }

    /** At width 40 the limit is the 5,000 floor (the cost model is below it). */
    @Test
    void crossoverAtTheExactFloor() {
        assertEquals(HnswIndex.EXACT_SCAN_LIMIT, HnswIndex.scanLimit(40, declared.size()));
        checkAround(40);
    }

    /**
     * At width 150 (the L2 default) the limit is still the floor here: above it the filter keeps far
     * more than 5 % of the records and is traversed admitted-only. The plain-traversal cost model
     * takes over only where the floor is below 5 % of the records (over 100,000 of them).
     */
    @Test
    void crossoverAboveTheFloor() {
        assertEquals(HnswIndex.EXACT_SCAN_LIMIT, HnswIndex.scanLimit(150, declared.size()));
        checkAround(150);
        int big = 2_000_000;
        assertTrue(HnswIndex.scanLimit(150, big) > HnswIndex.EXACT_SCAN_LIMIT);
        assertTrue(HnswIndex.scanLimit(150, big) <= HnswIndex.admittedOnlyFloor(big));
        assertTrue(HnswIndex.scanLimit(40, big) < HnswIndex.admittedOnlyFloor(big));
        assertEquals(100_000, HnswIndex.admittedOnlyFloor(big));
    }

    /**
     * At the narrowest width (efSearch = topK = 10) a traversal over thousands of matches misses
     * true neighbours, so exact pages at limit - 1 and limit show the scan path was taken.
     */
    @Test
    void narrowestWidthIsStillExactUpToTheLimit() {
        int limit = HnswIndex.scanLimit(10, declared.size());
        assertEquals(HnswIndex.EXACT_SCAN_LIMIT, limit);
        Random random = new Random(10);
        for (int matches : new int[] {limit - 1, limit}) {
            int t = thresholdFor(matches);
            Map<String, ?> filter = Map.of("r", Map.of("lt", t));
            Map<String, float[]> candidates = matching(t);
            for (int qi = 0; qi < 30; qi++) {
                float[] q = Oracle.randomVector(random, DIM, 1f);
                SearchOptions opts = SearchOptions.topK(10).efSearch(10).filter(filter);
                List<SearchResult> page = declared.search(q, opts);
                Oracle.assertExactPage(Oracle.bruteForce(SPACE, q, candidates), page, 10,
                        "width 10, " + matches + " matches, query " + qi);
                assertEquals(page, undeclared.search(q, opts));
            }
        }
    }

    /** The default width (efSearch unset) takes the same crossover as an explicit width of 150. */
    @Test
    void defaultWidthIsExactUpToItsLimit() {
        int limit = HnswIndex.scanLimit(150, declared.size());
        int t = thresholdFor(limit);
        Map<String, ?> filter = Map.of("r", Map.of("lt", t));
        Random random = new Random(3);
        for (int qi = 0; qi < 5; qi++) {
            float[] q = Oracle.randomVector(random, DIM, 1f);
            List<SearchResult> page = declared.search(q, filter, 10);
            Oracle.assertExactPage(Oracle.bruteForce(SPACE, q, matching(t)), page, 10, "default width, query " + qi);
            assertEquals(page, undeclared.search(q, filter, 10));
        }
    }
}
