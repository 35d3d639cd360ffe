package io.zeusdb.vector.cli;

import io.zeusdb.vector.Space;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Exact k-nearest neighbours by brute force, the ground truth for recall: every query against
 * every base row, distances accumulated in double precision in the index's space, ties broken by
 * the lower row number. Queries are spread over several threads.
 *
 * <p>Distances follow the index's definitions: cosine is {@code 1 - cos} (a zero vector is at
 * distance 1 from everything), l2 the Euclidean distance (ranked by its square), l1 the sum of
 * absolute differences, dot {@code 1 - dot}.
 *
 * <pre>{@code
 * int[][] truth = ExactNeighbours.topK(base, queries, 10, Space.COSINE, 2);
 * int nearestRowOfQuery0 = truth[0][0];
 * }</pre>
 */
public final class ExactNeighbours {

    private ExactNeighbours() {}

    /**
     * The {@code k} nearest base rows of each query, nearest first.
     *
     * @param base    the base vectors, all of one width
     * @param queries the query vectors, of the same width
     * @param k       neighbours per query (capped at the base size)
     * @param space   the distance space
     * @param threads worker threads (at least 1)
     * @return one row of base row numbers per query
     */
    public static int[][] topK(float[][] base, float[][] queries, int k, Space space, int threads) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        int kk = Math.min(k, base.length);
        double[] baseNorms = null;
        if (space == Space.COSINE) {
            baseNorms = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                baseNorms[i] = Math.sqrt(dot(base[i], base[i]));
            }
        }
        int[][] out = new int[queries.length][];
        double[] norms = baseNorms;
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            try {
                int q;
                while (failure.get() == null && (q = next.getAndIncrement()) < queries.length) {
                    out[q] = one(base, norms, queries[q], kk, space);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        int n = Math.max(1, Math.min(threads, queries.length));
        Thread[] pool = new Thread[n - 1];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Thread(worker, "zdb-truth-" + (i + 1));
            pool[i].setDaemon(true);
            pool[i].start();
        }
        worker.run();
        for (Thread t : pool) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing the exact neighbours", e);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return out;
    }

    /** The distance between two vectors in {@code space}, in double precision. */
    public static double distance(float[] a, float[] b, Space space) {
        return switch (space) {
            case COSINE -> {
                double na = Math.sqrt(dot(a, a));
                double nb = Math.sqrt(dot(b, b));
                yield na == 0 || nb == 0 ? 1.0 : 1.0 - dot(a, b) / (na * nb);
            }
            case DOT -> 1.0 - dot(a, b);
            case L2 -> Math.sqrt(squaredL2(a, b));
            case L1 -> l1(a, b);
        };
    }

    private static int[] one(float[][] base, double[] baseNorms, float[] query, int k, Space space) {
        double queryNorm = space == Space.COSINE ? Math.sqrt(dot(query, query)) : 0;
        // a max-heap of the k best so far, ordered by (distance, row)
        double[] heapD = new double[k];
        int[] heapI = new int[k];
        int size = 0;
        for (int i = 0; i < base.length; i++) {
            double d = switch (space) {
                case COSINE -> queryNorm == 0 || baseNorms[i] == 0 ? 1.0
                        : 1.0 - dot(query, base[i]) / (queryNorm * baseNorms[i]);
                case DOT -> 1.0 - dot(query, base[i]);
                case L2 -> squaredL2(query, base[i]);
                case L1 -> l1(query, base[i]);
            };
            if (size < k) {
                heapD[size] = d;
                heapI[size] = i;
                siftUp(heapD, heapI, size++);
            } else if (d < heapD[0]) {
                // rows arrive in ascending order, so an equal distance never displaces an earlier row
                heapD[0] = d;
                heapI[0] = i;
                siftDown(heapD, heapI, size);
            }
        }
        int[] rows = new int[size];
        for (int n = size; n > 0; n--) {
            rows[n - 1] = heapI[0];
            heapD[0] = heapD[n - 1];
            heapI[0] = heapI[n - 1];
            siftDown(heapD, heapI, n - 1);
        }
        return rows;
    }

    private static boolean above(double[] d, int[] r, int a, int b) {
        return d[a] > d[b] || (d[a] == d[b] && r[a] > r[b]);
    }

    private static void siftUp(double[] d, int[] r, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!above(d, r, i, parent)) {
                return;
            }
            swap(d, r, i, parent);
            i = parent;
        }
    }

    private static void siftDown(double[] d, int[] r, int size) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int top = left + 1 < size && above(d, r, left + 1, left) ? left + 1 : left;
            if (!above(d, r, top, i)) {
                return;
            }
            swap(d, r, i, top);
            i = top;
        }
    }

    private static void swap(double[] d, int[] r, int a, int b) {
        double td = d[a];
        d[a] = d[b];
        d[b] = td;
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

    private static double squaredL2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    private static double l1(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((double) a[i] - b[i]);
        }
        return s;
    }
}
