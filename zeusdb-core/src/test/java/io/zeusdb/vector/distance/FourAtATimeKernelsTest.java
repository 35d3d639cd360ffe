package io.zeusdb.vector.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The four-at-a-time kernels must give exactly the bits of the single kernels: a search scores a
 * node either way, and a record's score must not depend on which path found it.
 */
class FourAtATimeKernelsTest {

    private static List<VectorKernels> kernels() {
        List<VectorKernels> all = new ArrayList<>();
        all.add(Kernels.scalar());
        VectorKernels panama = Kernels.panamaOrNull();
        assertNotNull(panama, "tests run with --add-modules jdk.incubator.vector");
        all.add(panama);
        return all;
    }

    @Test
    void batchedDistancesEqualSingleDistancesBitForBit() {
        Random random = new Random(7);
        for (VectorKernels k : kernels()) {
            for (int len : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 128, 384, 385, 768, 1536}) {
                float[] q = new float[len + 5];
                float[][] v = new float[4][len + 9];
                for (int i = 0; i < q.length; i++) {
                    q[i] = (float) random.nextGaussian();
                }
                for (float[] row : v) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = (float) random.nextGaussian();
                    }
                }
                int qOff = random.nextInt(5);
                int[] off = {random.nextInt(9), random.nextInt(9), random.nextInt(9), random.nextInt(9)};
                float[] dot = new float[6];
                float[] l2 = new float[6];
                float[] l1 = new float[6];
                k.dot4(q, qOff, v[0], off[0], v[1], off[1], v[2], off[2], v[3], off[3], len, dot, 2);
                k.squaredL2x4(q, qOff, v[0], off[0], v[1], off[1], v[2], off[2], v[3], off[3], len, l2, 2);
                k.l1x4(q, qOff, v[0], off[0], v[1], off[1], v[2], off[2], v[3], off[3], len, l1, 2);
                for (int j = 0; j < 4; j++) {
                    String where = k.name() + " len=" + len + " vector " + j;
                    assertEquals(Float.floatToIntBits(k.dot(q, qOff, v[j], off[j], len)), Float.floatToIntBits(dot[2 + j]), where);
                    assertEquals(Float.floatToIntBits(k.squaredL2(q, qOff, v[j], off[j], len)), Float.floatToIntBits(l2[2 + j]), where);
                    assertEquals(Float.floatToIntBits(k.l1(q, qOff, v[j], off[j], len)), Float.floatToIntBits(l1[2 + j]), where);
                }
            }
        }
    }

    @Test
    void resultsDoNotChangeOnceTheJitCompilesTheKernels() {
        Random random = new Random(3);
        VectorKernels k = Kernels.best();
        int len = 387;
        float[] q = new float[len];
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            q[i] = (float) random.nextGaussian();
            v[i] = (float) random.nextGaussian();
        }
        // the first calls run interpreted; after many calls the JIT has compiled the kernels
        int dot = Float.floatToIntBits(k.dot(q, 0, v, 0, len));
        int l2 = Float.floatToIntBits(k.squaredL2(q, 0, v, 0, len));
        int l1 = Float.floatToIntBits(k.l1(q, 0, v, 0, len));
        float[] out = new float[4];
        for (int i = 0; i < 200_000; i++) {
            assertEquals(dot, Float.floatToIntBits(k.dot(q, 0, v, 0, len)), "dot at call " + i);
            assertEquals(l2, Float.floatToIntBits(k.squaredL2(q, 0, v, 0, len)), "l2 at call " + i);
            assertEquals(l1, Float.floatToIntBits(k.l1(q, 0, v, 0, len)), "l1 at call " + i);
            if (i % 64 == 0) {
                k.dot4(q, 0, v, 0, v, 0, v, 0, v, 0, len, out, 0);
                assertEquals(dot, Float.floatToIntBits(out[3]), "dot4 at call " + i);
            }
        }
    }

    @Test
    void metricBatchEqualsMetricSingle() {
        Random random = new Random(11);
        VectorKernels k = Kernels.best();
        int len = 50;
        float[] q = new float[len];
        float[] data = new float[4 * len];
        for (int i = 0; i < len; i++) {
            q[i] = random.nextFloat();
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        for (Metric m : Metric.values()) {
            float[] out = new float[4];
            m.distance4(k, q, 0, data, 0, data, len, data, 2 * len, data, 3 * len, len, out, 0);
            for (int j = 0; j < 4; j++) {
                assertEquals(Float.floatToIntBits(m.distance(k, q, 0, data, j * len, len)), Float.floatToIntBits(out[j]), m + " " + j);
            }
        }
    }
}
