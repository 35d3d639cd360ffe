package io.zeusdb.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TruthTest {

    private static final float[][] BASE = {
        {1, 0}, {0, 1}, {0.6f, 0.8f}, {0.8f, 0.6f}, {-1, 0}, {0.8f, 0.6f}};

    @Test
    void largestInnerProductFirstAndTiesGoToTheLowerRow() {
        int[][] top = Truth.topK(BASE, new float[][] {{1, 0}}, 4);
        // rows 3 and 5 are equal vectors: the lower row wins the tie
        assertArrayEquals(new int[] {0, 3, 5, 2}, top[0]);
    }

    @Test
    void kLargerThanTheBaseReturnsEverythingSorted() {
        int[][] top = Truth.topK(BASE, new float[][] {{0, 1}}, 10);
        assertArrayEquals(new int[] {1, 2, 3, 5, 0, 4}, top[0]);
    }

    @Test
    void aFilterRestrictsTheCandidates() {
        BitSet allowed = new BitSet();
        allowed.set(1);
        allowed.set(4);
        allowed.set(5);
        assertArrayEquals(new int[] {5, 1}, Truth.topK(BASE, new float[][] {{1, 0}}, 2, allowed)[0]);
    }

    @Test
    void recallCountsOverlapOfTheFirstK() {
        int[][] truth = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        int[][] found = {{4, 3, 9, 9}, {5, 6, 7, 8}};
        assertEquals((0.5 + 1.0) / 2, Truth.recall(found, truth, 4), 1e-12);
        // only the first k of each side count: {3, 9} shares nothing with {1, 2}
        assertEquals((0.0 + 1.0) / 2, Truth.recall(new int[][] {{3, 9}, {6, 5}}, truth, 2), 1e-12);
    }

    @Test
    void agreesWithTheShippedGroundTruth() throws Exception {
        Path shared = Dataset.findSharedData(Path.of(""));
        Assumptions.assumeTrue(shared != null && Files.isRegularFile(shared.resolve("minilm-50k/base.fvecs")),
                "shared/data/minilm-50k not found above the working folder");
        Dataset ds = new Dataset(shared.resolve("minilm-50k"));
        float[][] queries = ds.queries(3);
        int[][] mine = Truth.topK(ds.base(0), queries, 10);
        int[][] shipped = ds.groundTruth(3);
        for (int q = 0; q < queries.length; q++) {
            assertArrayEquals(Arrays.copyOf(shipped[q], 10), mine[q], "query " + q);
        }
    }

    @Test
    void filtersAreChosenNearTheirTargetSelectivity() {
        // 100 rows: a x50, b x30, c x10, d x6, e x4
        List<String> values = new java.util.ArrayList<>();
        for (String[] vc : new String[][] {{"a", "50"}, {"b", "30"}, {"c", "10"}, {"d", "6"}, {"e", "4"}}) {
            for (int i = 0; i < Integer.parseInt(vc[1]); i++) {
                values.add(vc[0]);
            }
        }
        List<FilterSpec> specs = FilterSpec.choose(values, 0.04, 0.10, 0.40);
        assertEquals(List.of("e"), specs.get(0).values());
        assertEquals(List.of("c"), specs.get(1).values());
        assertEquals(List.of("b", "c"), specs.get(2).values());
        assertEquals(0.40, specs.get(2).selectivity(), 1e-12);
        assertEquals(40, specs.get(2).rows(values).cardinality());
    }
}
