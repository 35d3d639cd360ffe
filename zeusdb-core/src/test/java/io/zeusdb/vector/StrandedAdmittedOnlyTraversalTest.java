package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A filtered search whose admitted-only traversal is stranded still answers exactly. The records
 * lie on a line, so the graph links each node to its nearest neighbour on either side; every
 * fifth record matches the filter (6,000 of 30,000: above the exact-scan limit and the
 * admitted-only share). Matching records are then five hops apart, beyond the two hops an
 * admitted-only expansion looks, so that traversal finds only the matches next to where it
 * starts. It used to fall back to the plain filtered traversal only when it found fewer than k,
 * so k=1 at x=1000.41 answered p845, 155 units away; it now falls back whenever it cannot fill
 * its beam (more records match than the beam holds, so a traversal that is not stranded fills
 * it). Every page must equal brute force over the matching records.
 */
class StrandedAdmittedOnlyTraversalTest {

    private static final int N = 30_000;
    private static final int EVERY = 5;
    private static HnswIndex index;

    @BeforeAll
    static void build() {
        List<Map<String, Object>> records = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            records.add(Map.of("id", "p" + i, "vector", new float[] {i, 0f},
                    "metadata", Map.of("kept", i % EVERY == 0)));
        }
        index = new VectorDatabase().create(IndexConfig.hnsw(2).space(Space.L2).m(2).efConstruction(40)
                .insertThreads(1).expectedSize(N).build());
        assertEquals(N, index.add(records).totalInserted());
    }

    /** The k matching ids nearest to (x, 0.5), by brute force over the line. */
    private static List<String> nearestKept(double x, int k) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < N; i += EVERY) {
            kept.add(i);
        }
        kept.sort((a, b) -> Double.compare(Math.abs(a - x), Math.abs(b - x)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ids.add("p" + kept.get(i));
        }
        return ids;
    }

    @Test
    void aStrandedTraversalFallsBackAndAnswersExactly() {
        double[] positions = {12.37, 1_000.41, 14_999.13, 22_222.77, 29_990.29};
        for (double x : positions) {
            for (int k : new int[] {1, 10, 25}) {
                List<SearchResult> page = index.search(new float[] {(float) x, 0.5f},
                        SearchOptions.topK(k).efSearch(Math.max(k, 40)).filter(Map.of("kept", true)));
                List<String> ids = new ArrayList<>();
                for (SearchResult r : page) {
                    ids.add(r.id());
                }
                assertEquals(nearestKept(x, k), ids, "query at x=" + x + ", k=" + k);
            }
        }
    }
}
