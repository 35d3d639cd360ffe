package io.zeusdb.vector.distance;

/**
 * The four distance spaces, as the quantity the graph ranks by ("internal distance") and the
 * score a caller sees. Lower is closer in both.
 *
 * <p>Internal distances are chosen to be cheap and monotonic in the score: cosine and dot rank by
 * {@code 1 - dot} (vectors of a cosine index are stored normalised), l2 ranks by the squared
 * distance and takes the square root only for the score, l1 ranks by the sum of absolute
 * differences.
 */
public enum Metric {
    COSINE, L2, L1, DOT;

    /** Internal distance between two slices. */
    public float distance(VectorKernels k, float[] a, int aOff, float[] b, int bOff, int len) {
        return switch (this) {
            case COSINE, DOT -> 1f - k.dot(a, aOff, b, bOff, len);
            case L2 -> k.squaredL2(a, aOff, b, bOff, len);
            case L1 -> k.l1(a, aOff, b, bOff, len);
        };
    }

    /**
     * Four internal distances from one query slice at once, bit-identical to four calls of
     * {@link #distance}.
     */
    public void distance4(VectorKernels k, float[] q, int qOff, float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, float[] d, int dOff, int len, float[] out, int outOff) {
        switch (this) {
            case COSINE, DOT -> {
                k.dot4(q, qOff, a, aOff, b, bOff, c, cOff, d, dOff, len, out, outOff);
                out[outOff] = 1f - out[outOff];
                out[outOff + 1] = 1f - out[outOff + 1];
                out[outOff + 2] = 1f - out[outOff + 2];
                out[outOff + 3] = 1f - out[outOff + 3];
            }
            case L2 -> k.squaredL2x4(q, qOff, a, aOff, b, bOff, c, cOff, d, dOff, len, out, outOff);
            case L1 -> k.l1x4(q, qOff, a, aOff, b, bOff, c, cOff, d, dOff, len, out, outOff);
        }
    }

    /** The caller-visible score for an internal distance. */
    public float score(float internal) {
        return switch (this) {
            // clamp at 0 from below, but let NaN through (Math.max propagates NaN)
            case COSINE -> Math.max(0f, internal);
            case L2 -> (float) Math.sqrt(internal);
            case L1, DOT -> internal;
        };
    }

    /** Whether stored vectors and queries are normalised to unit length before use. */
    public boolean normalises() {
        return this == COSINE;
    }

    /**
     * Normalises {@code v} in place to unit length (cosine); a zero vector stays zero. The norm
     * is accumulated in double so that re-normalising a unit vector changes no bit.
     */
    public static void normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum == 0) {
            return;
        }
        double inv = 1.0 / Math.sqrt(sum);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * inv);
        }
    }
}
