package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A filter whose records lie away from the queries: 40,000 Gaussian points, every sixth (6,667,
 * above the exact-scan limit) shifted by 20 along one axis and matched by the filter, queries from
 * the unshifted points. Both graph traversals find too few matching nodes near their path here
 * (recall@10 was 0.58 at ef 40); a page that a sample of the matching records shows to be missing
 * nearer ones is answered by an exact scan instead, which lifts recall to about 0.83. The test
 * asks for 0.75 against brute force over the matching records.
 */
class UncorrelatedFilterRecallTest {

    @Test
    void matchesShiftedAwayFromTheQueriesAreStillFound() {
        int n = 40_000;
        int dim = 16;
        Random random = new Random(7);
        float[][] v = new float[n][dim];
        List<Integer> matching = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean shifted = i % 6 == 0;
            for (int d = 0; d < dim; d++) {
                v[i][d] = (float) random.nextGaussian() + (shifted && d == 0 ? 20f : 0f);
            }
            if (shifted) {
                matching.add(i);
            }
            records.add(Map.of("id", "n" + i, "vector", v[i], "metadata", Map.of("shifted", shifted)));
        }
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(dim).space(Space.L2).m(8).efConstruction(64)
                .insertThreads(1).expectedSize(n).build());
        index.add(records);
        int queries = 100;
        int k = 10;
        int hits = 0;
        for (int q = 0; q < queries; q++) {
            float[] x = new float[dim];
            for (int d = 0; d < dim; d++) {
                x[d] = (float) random.nextGaussian();
            }
            double[] dist = new double[n];
            for (int i : matching) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double t = v[i][d] - x[d];
                    s += t * t;
                }
                dist[i] = s;
            }
            List<Integer> sorted = new ArrayList<>(matching);
            sorted.sort(Comparator.comparingDouble(i -> dist[i]));
            Set<String> truth = new HashSet<>();
            for (int i = 0; i < k; i++) {
                truth.add("n" + sorted.get(i));
            }
            for (SearchResult r : index.search(x, SearchOptions.topK(k).efSearch(40).filter(Map.of("shifted", true)))) {
                if (truth.contains(r.id())) {
                    hits++;
                }
            }
        }
        double recall = hits / (double) (queries * k);
        assertTrue(recall >= 0.75, "recall@10 " + recall + " for matches shifted away from the queries");
    }
}
