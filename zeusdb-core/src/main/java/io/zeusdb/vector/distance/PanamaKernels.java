package io.zeusdb.vector.distance;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels.
 *
 * <p>Every kernel sums in one fixed order, so a single distance and the same distance computed
 * inside a four-at-a-time call are bit-identical (a search may score a node either way, and
 * scores must not depend on the path): lane-wise partial sums in two accumulators (even and odd
 * vector-width groups), an odd last group into the first, the two added and reduced across lanes
 * in a fixed butterfly order ({@link #sum}), then the scalar tail. The order is the same in the
 * interpreter, C1 and C2, so a distance does not change in its last bit when its caller gets
 * compiled (which a saved and reloaded index relies on to answer bit for bit as before). Two accumulators per distance keep a single call from waiting on one
 * long chain of dependent fused multiply-adds; the four-at-a-time forms run eight chains and load
 * the query once for four vectors, which is what makes them faster on vectors that miss the cache.
 *
 * <p>Loaded only through {@link Kernels}, which falls back to {@link ScalarKernels} when the
 * {@code jdk.incubator.vector} module is missing or the hardware has no useful SIMD.
 */
final class PanamaKernels implements VectorKernels {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    static final PanamaKernels INSTANCE = new PanamaKernels();

    private PanamaKernels() {}

    /** The SIMD width in bits that this JVM uses. */
    static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    /**
     * Shuffles pairing lane {@code i} with lane {@code i ^ w} (w = 8, 4, 2, 1), in constants so the
     * compiler sees each one; those at or beyond the species' width are never used.
     */
    private static final VectorShuffle<Float> PAIR8 = pair(8);
    private static final VectorShuffle<Float> PAIR4 = pair(4);
    private static final VectorShuffle<Float> PAIR2 = pair(2);
    private static final VectorShuffle<Float> PAIR1 = pair(1);

    private static VectorShuffle<Float> pair(int w) {
        return VectorShuffle.fromOp(SPECIES, i -> (i ^ w) & (L - 1));
    }

    /**
     * The sum of the lanes in one fixed order: lanes {@code i} and {@code i ^ w} added for
     * {@code w = L/2} down to 1, then lane 0. {@code reduceLanes(ADD)} leaves the order to the
     * implementation, and the interpreted and compiled forms differ in it, so a distance could
     * change in its last bit depending on whether its caller had been compiled yet.
     */
    private static float sum(FloatVector v) {
        if (L > 16) {
            throw new AssertionError("species wider than 16 floats: extend sum()");
        }
        if (L == 16) {
            v = v.add(v.rearrange(PAIR8));
        }
        if (L >= 8) {
            v = v.add(v.rearrange(PAIR4));
        }
        if (L >= 4) {
            v = v.add(v.rearrange(PAIR2));
        }
        if (L >= 2) {
            v = v.add(v.rearrange(PAIR1));
        }
        return v.lane(0);
    }

    private static FloatVector load(float[] a, int off) {
        return FloatVector.fromArray(SPECIES, a, off);
    }

    // ------------------------------------------------------------------ dot

    @Override
    public float dot(float[] q, int qOff, float[] a, int aOff, int len) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            s0 = load(q, qOff + i).fma(load(a, aOff + i), s0);
            s1 = load(q, qOff + i + L).fma(load(a, aOff + i + L), s1);
        }
        if (i <= len - L) {
            s0 = load(q, qOff + i).fma(load(a, aOff + i), s0);
            i += L;
        }
        float sum = sum(s0.add(s1));
        for (; i < len; i++) {
            sum = Math.fma(q[qOff + i], a[aOff + i], sum);
        }
        return sum;
    }

    @Override
    public void dot4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                     float[] d, int dOff, int len, float[] out, int outOff) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector c0 = a0;
        FloatVector c1 = a0;
        FloatVector d0 = a0;
        FloatVector d1 = a0;
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            FloatVector q0 = load(q, qOff + i);
            FloatVector q1 = load(q, qOff + i + L);
            a0 = q0.fma(load(a, aOff + i), a0);
            b0 = q0.fma(load(b, bOff + i), b0);
            c0 = q0.fma(load(c, cOff + i), c0);
            d0 = q0.fma(load(d, dOff + i), d0);
            a1 = q1.fma(load(a, aOff + i + L), a1);
            b1 = q1.fma(load(b, bOff + i + L), b1);
            c1 = q1.fma(load(c, cOff + i + L), c1);
            d1 = q1.fma(load(d, dOff + i + L), d1);
        }
        if (i <= len - L) {
            FloatVector q0 = load(q, qOff + i);
            a0 = q0.fma(load(a, aOff + i), a0);
            b0 = q0.fma(load(b, bOff + i), b0);
            c0 = q0.fma(load(c, cOff + i), c0);
            d0 = q0.fma(load(d, dOff + i), d0);
            i += L;
        }
        float sa = sum(a0.add(a1));
        float sb = sum(b0.add(b1));
        float sc = sum(c0.add(c1));
        float sd = sum(d0.add(d1));
        for (; i < len; i++) {
            float x = q[qOff + i];
            sa = Math.fma(x, a[aOff + i], sa);
            sb = Math.fma(x, b[bOff + i], sb);
            sc = Math.fma(x, c[cOff + i], sc);
            sd = Math.fma(x, d[dOff + i], sd);
        }
        out[outOff] = sa;
        out[outOff + 1] = sb;
        out[outOff + 2] = sc;
        out[outOff + 3] = sd;
    }

    // ------------------------------------------------------------------ squared L2

    @Override
    public float squaredL2(float[] q, int qOff, float[] a, int aOff, int len) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            FloatVector e0 = load(q, qOff + i).sub(load(a, aOff + i));
            FloatVector e1 = load(q, qOff + i + L).sub(load(a, aOff + i + L));
            s0 = e0.fma(e0, s0);
            s1 = e1.fma(e1, s1);
        }
        if (i <= len - L) {
            FloatVector e0 = load(q, qOff + i).sub(load(a, aOff + i));
            s0 = e0.fma(e0, s0);
            i += L;
        }
        float sum = sum(s0.add(s1));
        for (; i < len; i++) {
            float e = q[qOff + i] - a[aOff + i];
            sum = Math.fma(e, e, sum);
        }
        return sum;
    }

    @Override
    public void squaredL2x4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                            float[] d, int dOff, int len, float[] out, int outOff) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector c0 = a0;
        FloatVector c1 = a0;
        FloatVector d0 = a0;
        FloatVector d1 = a0;
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            FloatVector q0 = load(q, qOff + i);
            FloatVector q1 = load(q, qOff + i + L);
            FloatVector e;
            e = q0.sub(load(a, aOff + i));
            a0 = e.fma(e, a0);
            e = q0.sub(load(b, bOff + i));
            b0 = e.fma(e, b0);
            e = q0.sub(load(c, cOff + i));
            c0 = e.fma(e, c0);
            e = q0.sub(load(d, dOff + i));
            d0 = e.fma(e, d0);
            e = q1.sub(load(a, aOff + i + L));
            a1 = e.fma(e, a1);
            e = q1.sub(load(b, bOff + i + L));
            b1 = e.fma(e, b1);
            e = q1.sub(load(c, cOff + i + L));
            c1 = e.fma(e, c1);
            e = q1.sub(load(d, dOff + i + L));
            d1 = e.fma(e, d1);
        }
        if (i <= len - L) {
            FloatVector q0 = load(q, qOff + i);
            FloatVector e;
            e = q0.sub(load(a, aOff + i));
            a0 = e.fma(e, a0);
            e = q0.sub(load(b, bOff + i));
            b0 = e.fma(e, b0);
            e = q0.sub(load(c, cOff + i));
            c0 = e.fma(e, c0);
            e = q0.sub(load(d, dOff + i));
            d0 = e.fma(e, d0);
            i += L;
        }
        float sa = sum(a0.add(a1));
        float sb = sum(b0.add(b1));
        float sc = sum(c0.add(c1));
        float sd = sum(d0.add(d1));
        for (; i < len; i++) {
            float x = q[qOff + i];
            float e;
            e = x - a[aOff + i];
            sa = Math.fma(e, e, sa);
            e = x - b[bOff + i];
            sb = Math.fma(e, e, sb);
            e = x - c[cOff + i];
            sc = Math.fma(e, e, sc);
            e = x - d[dOff + i];
            sd = Math.fma(e, e, sd);
        }
        out[outOff] = sa;
        out[outOff + 1] = sb;
        out[outOff + 2] = sc;
        out[outOff + 3] = sd;
    }

    // ------------------------------------------------------------------ L1

    @Override
    public float l1(float[] q, int qOff, float[] a, int aOff, int len) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            s0 = s0.add(load(q, qOff + i).sub(load(a, aOff + i)).abs());
            s1 = s1.add(load(q, qOff + i + L).sub(load(a, aOff + i + L)).abs());
        }
        if (i <= len - L) {
            s0 = s0.add(load(q, qOff + i).sub(load(a, aOff + i)).abs());
            i += L;
        }
        float sum = sum(s0.add(s1));
        for (; i < len; i++) {
            sum += Math.abs(q[qOff + i] - a[aOff + i]);
        }
        return sum;
    }

    @Override
    public void l1x4(float[] q, int qOff, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                     float[] d, int dOff, int len, float[] out, int outOff) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector c0 = a0;
        FloatVector c1 = a0;
        FloatVector d0 = a0;
        FloatVector d1 = a0;
        int i = 0;
        for (; i <= len - 2 * L; i += 2 * L) {
            FloatVector q0 = load(q, qOff + i);
            FloatVector q1 = load(q, qOff + i + L);
            a0 = a0.add(q0.sub(load(a, aOff + i)).abs());
            b0 = b0.add(q0.sub(load(b, bOff + i)).abs());
            c0 = c0.add(q0.sub(load(c, cOff + i)).abs());
            d0 = d0.add(q0.sub(load(d, dOff + i)).abs());
            a1 = a1.add(q1.sub(load(a, aOff + i + L)).abs());
            b1 = b1.add(q1.sub(load(b, bOff + i + L)).abs());
            c1 = c1.add(q1.sub(load(c, cOff + i + L)).abs());
            d1 = d1.add(q1.sub(load(d, dOff + i + L)).abs());
        }
        if (i <= len - L) {
            FloatVector q0 = load(q, qOff + i);
            a0 = a0.add(q0.sub(load(a, aOff + i)).abs());
            b0 = b0.add(q0.sub(load(b, bOff + i)).abs());
            c0 = c0.add(q0.sub(load(c, cOff + i)).abs());
            d0 = d0.add(q0.sub(load(d, dOff + i)).abs());
            i += L;
        }
        float sa = sum(a0.add(a1));
        float sb = sum(b0.add(b1));
        float sc = sum(c0.add(c1));
        float sd = sum(d0.add(d1));
        for (; i < len; i++) {
            float x = q[qOff + i];
            sa += Math.abs(x - a[aOff + i]);
            sb += Math.abs(x - b[bOff + i]);
            sc += Math.abs(x - c[cOff + i]);
            sd += Math.abs(x - d[dOff + i]);
        }
        out[outOff] = sa;
        out[outOff + 1] = sb;
        out[outOff + 2] = sc;
        out[outOff + 3] = sd;
    }

    @Override
    public String name() {
        return "panama-" + SPECIES.vectorBitSize();
    }
}
