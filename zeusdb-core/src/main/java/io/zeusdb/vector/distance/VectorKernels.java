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

    /** A short name for logs and benchmarks, e.g. {@code "panama-256"} or {@code "scalar"}. */
    String name();
}
