package io.zeusdb.vector.distance;

/**
 * Plain-Java kernels: the fallback when the Vector API is unavailable, and the reference the SIMD
 * kernels are tested against. Four independent accumulators let the JIT overlap the additions.
 */
public final class ScalarKernels implements VectorKernels {

    /** The single instance. */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = len - 3; i < bound; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < len; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float squaredL2(float[] a, int aOff, float[] b, int bOff, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = len - 3; i < bound; i += 4) {
            float d0 = a[aOff + i] - b[bOff + i];
            float d1 = a[aOff + i + 1] - b[bOff + i + 1];
            float d2 = a[aOff + i + 2] - b[bOff + i + 2];
            float d3 = a[aOff + i + 3] - b[bOff + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < len; i++) {
            float d = a[aOff + i] - b[bOff + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = y[yOff + i] + a * x[xOff + i];
        }
    }

    @Override
    public void addSquaredDifferences(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            float d = a - x[xOff + i];
            y[yOff + i] = y[yOff + i] + d * d;
        }
    }

    @Override
    public void addAbsoluteDifferences(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = y[yOff + i] + Math.abs(a - x[xOff + i]);
        }
    }

    @Override
    public int argmin(float[] v, int off, int len) {
        int best = 0;
        float bestValue = v[off];
        for (int i = 1; i < len; i++) {
            if (v[off + i] < bestValue) {
                bestValue = v[off + i];
                best = i;
            }
        }
        return best;
    }

    @Override
    public float l1(float[] a, int aOff, float[] b, int bOff, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = len - 3; i < bound; i += 4) {
            s0 += Math.abs(a[aOff + i] - b[bOff + i]);
            s1 += Math.abs(a[aOff + i + 1] - b[bOff + i + 1]);
            s2 += Math.abs(a[aOff + i + 2] - b[bOff + i + 2]);
            s3 += Math.abs(a[aOff + i + 3] - b[bOff + i + 3]);
        }
        for (; i < len; i++) {
            s0 += Math.abs(a[aOff + i] - b[bOff + i]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void dot4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                     float[] d, int dOff, int len, float[] out, int outOff) {
        out[outOff] = dot(q, qOff, a, aOff, len);
        out[outOff + 1] = dot(q, qOff, b, bOff, len);
        out[outOff + 2] = dot(q, qOff, c, cOff, len);
        out[outOff + 3] = dot(q, qOff, d, dOff, len);
    }

    @Override
    public void squaredL2x4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                            float[] d, int dOff, int len, float[] out, int outOff) {
        out[outOff] = squaredL2(q, qOff, a, aOff, len);
        out[outOff + 1] = squaredL2(q, qOff, b, bOff, len);
        out[outOff + 2] = squaredL2(q, qOff, c, cOff, len);
        out[outOff + 3] = squaredL2(q, qOff, d, dOff, len);
    }

    @Override
    public void l1x4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                     float[] d, int dOff, int len, float[] out, int outOff) {
        out[outOff] = l1(q, qOff, a, aOff, len);
        out[outOff + 1] = l1(q, qOff, b, bOff, len);
        out[outOff + 2] = l1(q, qOff, c, cOff, len);
        out[outOff + 3] = l1(q, qOff, d, dOff, len);
    }

    @Override
    public String name() {
        return "scalar";
    }
}
