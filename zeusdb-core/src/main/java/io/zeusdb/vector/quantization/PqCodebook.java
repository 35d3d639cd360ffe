package io.zeusdb.vector.quantization;

import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.distance.VectorKernels;

/**
 * A trained product-quantization codebook: {@code subvectors} sub-spaces of {@code subDim}
 * floats each, {@code 2^bits} centroids per sub-space. Encodes a vector as one byte per
 * sub-space (the nearest centroid by squared L2), reconstructs a code, and builds the per-query
 * lookup tables of asymmetric distance computation (ADC).
 *
 * <p>ADC computes the index space's own distance from a query to the reconstruction {@code r}
 * of a code: squared L2 sums for {@code l2} (the graph's internal l2 quantity), L1 sums for
 * {@code l1}, and {@code 1 - dot(q, r)} for {@code cosine}. Scores on the ADC path therefore
 * equal the space's distance to the reconstruction, whichever path (scan or traversal) a search
 * takes.
 *
 * <p>Immutable once built; safe to share between threads. Internal: not part of the public API.
 */
public final class PqCodebook {

    private static final VectorKernels KERNELS = Kernels.best();

    private final int dim;
    private final int subvectors;
    private final int subDim;
    private final int bits;
    private final int centroids;
    private final Metric metric;
    /** {@code [subvector][centroid][subDim]}, flat. */
    private final float[] table;
    /**
     * Distances between centroids of one sub-space (squared L2, or L1 on l1 indexes), strict
     * upper triangle per sub-space: what a distance between two stored codes sums (SDC). Built on
     * first use: only linking new nodes of a {@code quantized_only} index needs it, and building
     * it (12.5 M float operations at 48 x 8 bits) was a fifth of loading such an index.
     */
    private volatile float[] sdc;
    /** Squared norm of every centroid, {@code [subvector][centroid]}: a code's reconstruction norm sums them. */
    private final float[] centroidNormSq;
    /**
     * The centroids again, {@code [subvector][component][centroid]}: encoding and table building
     * loop over centroids innermost, which the JIT turns into SIMD.
     */
    private final float[] transposed;

    /**
     * @param dim        vector width
     * @param subvectors sub-spaces (divides {@code dim})
     * @param bits       bits per code (1..8)
     * @param metric     the index's space
     * @param table      {@code subvectors * 2^bits * (dim/subvectors)} centroid floats; kept, not copied
     */
    public PqCodebook(int dim, int subvectors, int bits, Metric metric, float[] table) {
        if (subvectors <= 0 || dim % subvectors != 0 || bits < 1 || bits > 8) {
            throw new IllegalArgumentException("invalid codebook shape: dim " + dim + ", subvectors " + subvectors
                    + ", bits " + bits);
        }
        this.dim = dim;
        this.subvectors = subvectors;
        this.subDim = dim / subvectors;
        this.bits = bits;
        this.centroids = 1 << bits;
        this.metric = metric;
        if (table.length != subvectors * centroids * subDim) {
            throw new IllegalArgumentException("codebook holds " + table.length + " floats; expected "
                    + subvectors * centroids * subDim);
        }
        this.table = table;
        this.transposed = new float[table.length];
        for (int sv = 0; sv < subvectors; sv++) {
            for (int c = 0; c < centroids; c++) {
                for (int j = 0; j < subDim; j++) {
                    transposed[(sv * subDim + j) * centroids + c] = table[(sv * centroids + c) * subDim + j];
                }
            }
        }
        this.centroidNormSq = new float[subvectors * centroids];
        for (int c = 0; c < centroidNormSq.length; c++) {
            float sum = 0;
            for (int j = 0; j < subDim; j++) {
                float x = table[c * subDim + j];
                sum += x * x;
            }
            centroidNormSq[c] = sum;
        }
    }

    /** The code-to-code table, built by the first caller that needs it. */
    private float[] sdc() {
        float[] t = sdc;
        if (t == null) {
            synchronized (this) {
                t = sdc;
                if (t == null) {
                    t = buildSdc();
                    sdc = t;
                }
            }
        }
        return t;
    }

    public int dim() {
        return dim;
    }

    public int subvectors() {
        return subvectors;
    }

    public int subDim() {
        return subDim;
    }

    public int bits() {
        return bits;
    }

    /** Centroids per sub-space ({@code 2^bits}). */
    public int centroids() {
        return centroids;
    }

    public Metric metric() {
        return metric;
    }

    /** The centroid floats, {@code [subvector][centroid][subDim]}; read-only by contract. */
    public float[] centroidTable() {
        return table;
    }

    /** Bytes held by the centroids. */
    public long centroidBytes() {
        return (long) table.length * Float.BYTES;
    }

    /** Bytes the code-to-code distance table takes (counted whether or not it has been built yet). */
    public long sdcBytes() {
        return (long) subvectors * (centroids * (centroids - 1) / 2) * Float.BYTES;
    }

    /** Writes the code of {@code v[vOff..vOff+dim)} into {@code out[outOff..outOff+subvectors)}. */
    public void encode(float[] v, int vOff, byte[] out, int outOff) {
        float[] acc = new float[centroids];
        for (int s = 0; s < subvectors; s++) {
            java.util.Arrays.fill(acc, 0f);
            int x = vOff + s * subDim;
            for (int j = 0; j < subDim; j++) {
                KERNELS.addSquaredDifferences(v[x + j], transposed, (s * subDim + j) * centroids, acc, 0, centroids);
            }
            out[outOff + s] = (byte) KERNELS.argmin(acc, 0, centroids);
        }
    }

    /** Writes the reconstruction of the code at {@code code[off..)} into {@code out[0..dim)}. */
    public void decode(byte[] code, int off, float[] out) {
        for (int s = 0; s < subvectors; s++) {
            int c = code[off + s] & 0xff;
            System.arraycopy(table, (s * centroids + c) * subDim, out, s * subDim, subDim);
        }
    }

    /**
     * The ADC lookup table of one query: entry {@code [s * 2^bits + c]} is the query's sub-space
     * {@code s} term against centroid {@code c} (squared difference sum, absolute difference sum,
     * or dot product, by space). One per query; never shared between concurrent queries.
     */
    public float[] adcTable(float[] q) {
        float[] out = new float[subvectors * centroids];
        for (int s = 0; s < subvectors; s++) {
            int base = s * centroids;
            for (int j = 0; j < subDim; j++) {
                float qj = q[s * subDim + j];
                int row = (s * subDim + j) * centroids;
                switch (metric) {
                    case L2 -> KERNELS.addSquaredDifferences(qj, transposed, row, out, base, centroids);
                    case L1 -> KERNELS.addAbsoluteDifferences(qj, transposed, row, out, base, centroids);
                    default -> KERNELS.axpy(qj, transposed, row, out, base, centroids);
                }
            }
        }
        return out;
    }

    /** The internal distance an ADC table sum stands for ({@code 1 - sum} for dot-product spaces). */
    float adcDistance(float sum) {
        return metric == Metric.COSINE || metric == Metric.DOT ? 1f - sum : sum;
    }

    /**
     * Sum over sub-spaces of the code-to-code table (squared L2, or L1 on l1 indexes) between the
     * codes at {@code a[aOff..)} and {@code b[bOff..)}; equal centroids contribute 0.
     */
    float sdcSum(byte[] a, int aOff, byte[] b, int bOff) {
        float[] sdc = sdc();
        float sum = 0;
        int tri = centroids * (centroids - 1) / 2;
        for (int s = 0; s < subvectors; s++) {
            int i = a[aOff + s] & 0xff;
            int j = b[bOff + s] & 0xff;
            if (i == j) {
                continue;
            }
            if (i > j) {
                int t = i;
                i = j;
                j = t;
            }
            // row i of the strict upper triangle starts after rows 0..i-1
            sum += sdc[s * tri + i * (2 * centroids - i - 1) / 2 + (j - i - 1)];
        }
        return sum;
    }

    /** Squared norm of a code's reconstruction. */
    float reconstructedNormSquared(byte[] code, int off) {
        float sum = 0;
        for (int s = 0; s < subvectors; s++) {
            sum += centroidNormSq[s * centroids + (code[off + s] & 0xff)];
        }
        return sum;
    }

    private float[] buildSdc() {
        int tri = centroids * (centroids - 1) / 2;
        float[] out = new float[subvectors * tri];
        boolean l1 = metric == Metric.L1;
        for (int s = 0; s < subvectors; s++) {
            int p = s * tri;
            for (int i = 0; i < centroids; i++) {
                int oi = (s * centroids + i) * subDim;
                for (int j = i + 1; j < centroids; j++) {
                    int oj = (s * centroids + j) * subDim;
                    float acc = 0;
                    for (int d = 0; d < subDim; d++) {
                        float diff = table[oi + d] - table[oj + d];
                        acc += l1 ? Math.abs(diff) : diff * diff;
                    }
                    out[p++] = acc;
                }
            }
        }
        return out;
    }
}
