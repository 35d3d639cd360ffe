package io.zeusdb.vector.quantization;

import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.distance.VectorKernels;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Trains a {@link PqCodebook}: per sub-space, k-means++ seeding then Lloyd iterations (at most
 * 100, or 50 above 50,000 training vectors) until no assignment changes or an iteration improves
 * the inertia by less than 0.1 % (upstream stops at an absolute change below 1e-6, which on real
 * data means running to full convergence: three times the iterations for an inertia 0.6 % lower
 * on minilm-50k, 48 x 8 bits); an emptied cluster is re-seeded with a random training point. Sub-spaces train
 * in parallel, each from its own seeded stream, so a training is reproducible: the same sample
 * gives the same codebook, bit for bit, whatever the thread count.
 *
 * <p>Internal: not part of the public API.
 */
public final class PqTrainer {

    /** Seed of the training-sample shuffle (upstream's constant). */
    public static final long SHUFFLE_SEED = 0x5AEE5DB05EED5701L;
    /** An iteration improving the inertia by less than this fraction ends the training of a sub-space. */
    static final double RELATIVE_TOLERANCE = 1e-3;
    private static final VectorKernels KERNELS = Kernels.best();

    /** Base seed of the per-sub-space k-means streams; sub-space {@code s} uses {@code base ^ (s + 1)}. */
    public static final long KMEANS_SEED = 0x5AEE5DB05EED5702L;

    /** Runs {@code body} for every index of {@code [0, n)}, possibly in parallel. */
    @FunctionalInterface
    public interface Parallel {
        void forEach(int n, IntConsumer body);
    }

    private PqTrainer() {}

    /**
     * Trains on {@code sample} (each row {@code dim} floats, already processed for the space).
     *
     * @param parallel how sub-spaces are spread over threads
     */
    public static PqCodebook train(float[][] sample, int dim, int subvectors, int bits, Metric metric,
                                   Parallel parallel) {
        int n = sample.length;
        int k = 1 << bits;
        int subDim = dim / subvectors;
        if (n < k) {
            throw new IllegalArgumentException("training needs at least " + k + " vectors for " + k
                    + " centroids, got " + n);
        }
        float[] table = new float[subvectors * k * subDim];
        int maxIterations = n > 50_000 ? 50 : 100;
        parallel.forEach(subvectors, s -> {
            float[] points = new float[n * subDim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(sample[i], s * subDim, points, i * subDim, subDim);
            }
            float[] centres = kMeans(points, n, subDim, k, maxIterations, new SplittableRandom(KMEANS_SEED ^ (s + 1)));
            System.arraycopy(centres, 0, table, s * k * subDim, k * subDim);
        });
        return new PqCodebook(dim, subvectors, bits, metric, table);
    }

    /** Lloyd's k-means over {@code n} points of width {@code d}; returns {@code k * d} centre floats. */
    static float[] kMeans(float[] points, int n, int d, int k, int maxIterations, SplittableRandom random) {
        float[] centres = seedPlusPlus(points, n, d, k, random);
        int[] assign = new int[n];
        java.util.Arrays.fill(assign, -1);
        float[] transposed = new float[d * k];
        float[] norms = new float[k];
        float[] acc = new float[k];
        float[] pointNorms = new float[n];
        for (int i = 0; i < n; i++) {
            float norm = 0;
            for (int j = 0; j < d; j++) {
                float x = points[i * d + j];
                norm += x * x;
            }
            pointNorms[i] = norm;
        }
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        double previous = Double.POSITIVE_INFINITY;
        for (int iter = 0; iter < maxIterations; iter++) {
            transpose(centres, k, d, transposed, norms);
            double inertia = 0;
            int changed = 0;
            for (int i = 0; i < n; i++) {
                int best = nearest(points, i * d, d, k, transposed, norms, acc);
                inertia += Math.max(0f, acc[best] + pointNorms[i]);
                if (assign[i] != best) {
                    assign[i] = best;
                    changed++;
                }
            }
            if (changed == 0 || previous - inertia < RELATIVE_TOLERANCE * inertia) {
                break;
            }
            previous = inertia;
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int c = assign[i];
                counts[c]++;
                int o = c * d;
                for (int j = 0; j < d; j++) {
                    sums[o + j] += points[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    // an emptied cluster restarts at a random training point
                    System.arraycopy(points, random.nextInt(n) * d, centres, c * d, d);
                } else {
                    for (int j = 0; j < d; j++) {
                        centres[c * d + j] = (float) (sums[c * d + j] / counts[c]);
                    }
                }
            }
        }
        return centres;
    }

    /**
     * The centre nearest the point at {@code points[off..off+d)}; leaves in {@code acc[c]} the
     * squared distance minus the point's squared norm ({@code |c|^2 - 2 x.c}).
     */
    private static int nearest(float[] points, int off, int d, int k, float[] transposed, float[] norms, float[] acc) {
        System.arraycopy(norms, 0, acc, 0, k);
        for (int j = 0; j < d; j++) {
            // SIMD across centres: one component of the point against that component of every centre
            KERNELS.axpy(-2f * points[off + j], transposed, j * k, acc, 0, k);
        }
        return KERNELS.argmin(acc, 0, k);
    }

    private static void transpose(float[] centres, int k, int d, float[] transposed, float[] norms) {
        for (int c = 0; c < k; c++) {
            float norm = 0;
            for (int j = 0; j < d; j++) {
                float v = centres[c * d + j];
                transposed[j * k + c] = v;
                norm += v * v;
            }
            norms[c] = norm;
        }
    }

    /** k-means++: each next centre drawn with probability proportional to its squared distance. */
    private static float[] seedPlusPlus(float[] points, int n, int d, int k, SplittableRandom random) {
        float[] centres = new float[k * d];
        double[] nearest = new double[n];
        int first = random.nextInt(n);
        System.arraycopy(points, first * d, centres, 0, d);
        double total = 0;
        for (int i = 0; i < n; i++) {
            nearest[i] = squared(points, i * d, centres, 0, d);
            total += nearest[i];
        }
        for (int c = 1; c < k; c++) {
            int pick;
            if (total <= 0) {
                pick = random.nextInt(n); // every point sits on a centre already
            } else {
                double target = random.nextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    target -= nearest[i];
                    if (target < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(points, pick * d, centres, c * d, d);
            total = 0;
            for (int i = 0; i < n; i++) {
                double dist = squared(points, i * d, centres, c * d, d);
                if (dist < nearest[i]) {
                    nearest[i] = dist;
                }
                total += nearest[i];
            }
        }
        return centres;
    }

    private static double squared(float[] a, int aOff, float[] b, int bOff, int d) {
        float sum = 0;
        for (int j = 0; j < d; j++) {
            float diff = a[aOff + j] - b[bOff + j];
            sum += diff * diff;
        }
        return sum;
    }
}
