package io.zeusdb.vector.distance;

/**
 * The three primitive distance kernels every space is built from, over slices of float arrays.
 *
 * <p>Internal: not part of the public API. Two implementations exist, {@link ScalarKernels} and a
 * Vector API one; {@link Kernels#best()} picks one once at startup. Both must agree to within
 * float rounding (they sum in different orders).
 */
public interface VectorKernels {

    /** Sum of {@code a[aOff+i] * b[bOff+i]} for {@code i < len}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int len);

    /** Sum of squared differences (squared Euclidean distance). */
    float squaredL2(float[] a, int aOff, float[] b, int bOff, int len);

    /** Sum of absolute differences (Manhattan distance). */
    float l1(float[] a, int aOff, float[] b, int bOff, int len);

    /**
     * Four dot products against one query at once: {@code out[outOff + j] = dot(q, v_j)}. Loading
     * the query once for four vectors and keeping four independent sums in flight lets the memory
     * system fetch four vectors at a time; results are bit-identical to {@link #dot}.
     */
    void dot4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
              float[] d, int dOff, int len, float[] out, int outOff);

    /** Four squared L2 distances at once; bit-identical to {@link #squaredL2}. */
    void squaredL2x4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                     float[] d, int dOff, int len, float[] out, int outOff);

    /** Four L1 distances at once; bit-identical to {@link #l1}. */
    void l1x4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
              float[] d, int dOff, int len, float[] out, int outOff);

    // Element-wise kernels of product quantization (k-means, encoding, ADC tables). They round each
    // element with single IEEE operations (no fused multiply-add), so every implementation agrees
    // bit for bit.

    /** {@code y[yOff+i] += a * x[xOff+i]} for {@code i < len} (multiply, then add). */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len);

    /** {@code y[yOff+i] += (a - x[xOff+i])^2} for {@code i < len}. */
    void addSquaredDifferences(float a, float[] x, int xOff, float[] y, int yOff, int len);

    /** {@code y[yOff+i] += |a - x[xOff+i]|} for {@code i < len}. */
    void addAbsoluteDifferences(float a, float[] x, int xOff, float[] y, int yOff, int len);

    /** The offset (from {@code off}) of the first smallest of {@code v[off..off+len)}; {@code len >= 1}, no NaN. */
    int argmin(float[] v, int off, int len);

    /** A short name for logs and benchmarks, e.g. {@code "panama-256"} or {@code "scalar"}. */
    String name();
}
