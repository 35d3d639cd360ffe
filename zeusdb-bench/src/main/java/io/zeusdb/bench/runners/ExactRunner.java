package io.zeusdb.bench.runners;

import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The floor: an exact scan of every row with a Vector API inner product over one flat array,
 * keeping the best k in a small heap. Recall 1 by construction; its QPS is what a graph index
 * must beat to be worth building at this size.
 */
public final class ExactRunner implements AnnRunner {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private float[] flat;
    private int dim;
    private int n;

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public String describe() {
        return "exact scan, Vector API " + SPECIES.vectorBitSize() + "-bit inner product over a flat float[], top-k heap";
    }

    @Override
    public void build(float[][] vectors, List<String> fieldValues, int m, int efConstruction, int threads) {
        n = vectors.length;
        dim = vectors[0].length;
        flat = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(vectors[i], 0, flat, i * dim, dim);
        }
    }

    @Override
    public boolean usesEf() {
        return false;
    }

    @Override
    public int[] search(float[] query, int k, int ef) {
        int cap = Math.min(k, n);
        float[] hs = new float[cap]; // min-heap of kept scores: the root is the weakest
        int[] hr = new int[cap];
        int size = 0;
        for (int row = 0; row < n; row++) {
            float s = dot(query, flat, row * dim, dim);
            if (size < cap) {
                int i = size++;
                hs[i] = s;
                hr[i] = row;
                while (i > 0 && hs[(i - 1) >>> 1] > hs[i]) {
                    swap(hs, hr, i, (i - 1) >>> 1);
                    i = (i - 1) >>> 1;
                }
            } else if (s > hs[0]) {
                hs[0] = s;
                hr[0] = row;
                siftDown(hs, hr, size);
            }
        }
        // pop the heap from the weakest: filling from the back gives best first
        int[] out = new int[size];
        for (int end = size - 1; end >= 0; end--) {
            out[end] = hr[0];
            hs[0] = hs[end];
            hr[0] = hr[end];
            siftDown(hs, hr, end);
        }
        return out;
    }

    /** Restores the min-heap of the first {@code size} entries after the root changed. */
    private static void siftDown(float[] hs, int[] hr, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int min = i;
            if (l < size && hs[l] < hs[min]) {
                min = l;
            }
            if (l + 1 < size && hs[l + 1] < hs[min]) {
                min = l + 1;
            }
            if (min == i) {
                return;
            }
            swap(hs, hr, i, min);
            i = min;
        }
    }

    private static void swap(float[] s, int[] r, int a, int b) {
        float ts = s[a];
        s[a] = s[b];
        s[b] = ts;
        int tr = r[a];
        r[a] = r[b];
        r[b] = tr;
    }

    /** Two accumulators hide the FMA latency; the tail is scalar. */
    static float dot(float[] q, float[] data, int off, int len) {
        int step = SPECIES.length();
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = len - 2 * step; i <= bound; i += 2 * step) {
            acc0 = FloatVector.fromArray(SPECIES, q, i).fma(FloatVector.fromArray(SPECIES, data, off + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, q, i + step)
                    .fma(FloatVector.fromArray(SPECIES, data, off + i + step), acc1);
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += q[i] * data[off + i];
        }
        return s;
    }

    @Override
    public void close() {
        flat = null;
    }
}
