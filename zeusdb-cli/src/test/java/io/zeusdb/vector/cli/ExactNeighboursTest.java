package io.zeusdb.vector.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zeusdb.vector.Space;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class ExactNeighboursTest {

    @Test
    void tiesGoToTheLowerRow() {
        float[][] base = {{1, 0}, {0, 1}, {1, 0}, {2, 0}, {-1, 0}};
        int[][] top = ExactNeighbours.topK(base, new float[][] {{1, 0}}, 3, Space.COSINE, 1);
        assertArrayEquals(new int[] {0, 2, 3}, top[0]);
        top = ExactNeighbours.topK(base, new float[][] {{1, 0}}, 3, Space.L2, 1);
        assertArrayEquals(new int[] {0, 2, 3}, top[0]);
    }

    @Test
    void cosineZeroVectorIsAtDistanceOne() {
        float[][] base = {{0, 0}, {-1, 0}, {1, 1}};
        assertArrayEquals(new int[] {2, 0, 1}, ExactNeighbours.topK(base, new float[][] {{1, 0}}, 3, Space.COSINE, 1)[0]);
        assertEquals(1.0, ExactNeighbours.distance(new float[] {0, 0}, new float[] {1, 0}, Space.COSINE));
    }

    @Test
    void kAboveTheBaseSizeReturnsEveryRow() {
        float[][] base = {{3}, {1}, {2}};
        assertArrayEquals(new int[] {1, 2, 0}, ExactNeighbours.topK(base, new float[][] {{0}}, 10, Space.L1, 1)[0]);
    }

    @Test
    void everySpaceAndThreadCountMatchesASortedScan() {
        float[][] base = TestVecs.gaussian(300, 8, 1);
        float[][] queries = TestVecs.gaussian(40, 8, 2);
        for (Space space : Space.values()) {
            int[][] one = ExactNeighbours.topK(base, queries, 7, space, 1);
            int[][] three = ExactNeighbours.topK(base, queries, 7, space, 3);
            for (int q = 0; q < queries.length; q++) {
                float[] query = queries[q];
                int[] expected = java.util.stream.IntStream.range(0, base.length).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(i -> ExactNeighbours.distance(query, base[i], space))
                                .thenComparingInt(i -> i))
                        .limit(7).mapToInt(Integer::intValue).toArray();
                assertArrayEquals(expected, one[q], space + " query " + q + " " + Arrays.toString(one[q]));
                assertArrayEquals(expected, three[q], space + " query " + q);
            }
        }
    }
}
