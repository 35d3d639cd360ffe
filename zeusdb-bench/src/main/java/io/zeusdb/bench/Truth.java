package io.zeusdb.bench;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Exact nearest neighbours by inner product, for the ground truth of a limited base or of a
 * filter. Sums in double and breaks ties toward the lower row, as the shipped
 * {@code groundtruth.ivecs} does, so a limited run and the full file agree on what "exact" means.
 */
public final class Truth {

    private Truth() {}

    /** For each query, the {@code k} base rows with the largest inner product, best first. */
    public static int[][] topK(float[][] base, float[][] queries, int k) {
        return topK(base, queries, k, null);
    }

    /** As {@link #topK(float[][], float[][], int)}, over the rows set in {@code allowed} only. */
    public static int[][] topK(float[][] base, float[][] queries, int k, BitSet allowed) {
        int[][] out = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            out[q] = topKOne(base, queries[q], k, allowed);
        }
        return out;
    }

    private static int[] topKOne(float[][] base, float[] query, int k, BitSet allowed) {
        // a bounded min-heap on (score, -row): the root is the worst kept candidate
        int cap = Math.min(k, base.length);
        double[] hs = new double[cap];
        int[] hr = new int[cap];
        int size = 0;
        for (int row = 0; row < base.length; row++) {
            if (allowed != null && !allowed.get(row)) {
                continue;
            }
            double s = dot(base[row], query);
            if (size < cap) {
                hs[size] = s;
                hr[size] = row;
                siftUp(hs, hr, size++);
            } else if (better(s, row, hs[0], hr[0])) {
                hs[0] = s;
                hr[0] = row;
                siftDown(hs, hr, size);
            }
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> better(hs[a], hr[a], hs[b], hr[b]) ? -1 : 1);
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = hr[order[i]];
        }
        return rows;
    }

    /** Larger score first; on a tie the lower row. */
    private static boolean better(double s1, int r1, double s2, int r2) {
        return s1 > s2 || (s1 == s2 && r1 < r2);
    }

    private static void siftUp(double[] s, int[] r, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(s[parent], r[parent], s[i], r[i])) {
                break;
            }
            swap(s, r, i, parent);
            i = parent;
        }
    }

    private static void siftDown(double[] s, int[] r, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int worst = i;
            if (l < size && better(s[worst], r[worst], s[l], r[l])) {
                worst = l;
            }
            if (l + 1 < size && better(s[worst], r[worst], s[l + 1], r[l + 1])) {
                worst = l + 1;
            }
            if (worst == i) {
                return;
            }
            swap(s, r, i, worst);
            i = worst;
        }
    }

    private static void swap(double[] s, int[] r, int a, int b) {
        double ts = s[a];
        s[a] = s[b];
        s[b] = ts;
        int tr = r[a];
        r[a] = r[b];
        r[b] = tr;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Mean over queries of |found[:k] ∩ truth[:k]| / k. */
    public static double recall(int[][] found, int[][] truth, int k) {
        double sum = 0;
        for (int q = 0; q < found.length; q++) {
            int[] t = truth[q];
            int kk = Math.min(k, t.length);
            if (kk == 0) {
                sum += 1;
                continue;
            }
            int hits = 0;
            int[] f = found[q];
            for (int i = 0; i < Math.min(k, f.length); i++) {
                for (int j = 0; j < kk; j++) {
                    if (f[i] == t[j]) {
                        hits++;
                        break;
                    }
                }
            }
            sum += (double) hits / kk;
        }
        return sum / found.length;
    }
}
