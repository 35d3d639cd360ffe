package io.zeusdb.vector.distance;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels.
 *
 * <p>Every kernel sums in one fixed order, so a single distance and the same distance computed
 * inside a four-at-a-time call are bit-identical (a search may score a node either way, and
 * scores must not depend on the path): lane-wise partial sums in two accumulators (even and odd
 * vector-width groups), an odd last group into the first, the two added and summed across lanes
 * in a fixed butterfly order, then the scalar tail. Two accumulators per distance keep a single call from waiting on one
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

    /**
     * Lane permutations {@code i -> i ^ s} for {@code s = L/2, L/4, ..., 1}. Summing a vector with
     * its permutations in this butterfly gives every lane the same total, built from single IEEE
     * additions in a fixed order. {@code reduceLanes(ADD)} does not promise an order, and the JIT's
     * intrinsic and the interpreter's fallback indeed sum differently, which would let a score
     * change in its last bit depending on whether a method had been compiled yet.
     */
    private static final VectorShuffle<Float>[] BUTTERFLY = butterfly();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] butterfly() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] shuffles = new VectorShuffle[steps];
        for (int k = 0; k < steps; k++) {
            int stride = L >> (k + 1);
            shuffles[k] = VectorShuffle.fromOp(SPECIES, i -> i ^ stride);
        }
        return shuffles;
    }

    /** The sum of the lanes of {@code v}, in a fixed order (see {@link #BUTTERFLY}). */
    private static float sum(FloatVector v) {
        for (VectorShuffle<Float> shuffle : BUTTERFLY) {
            v = v.add(v.rearrange(shuffle));
        }
        return v.lane(0);
    }

    private PanamaKernels() {}

    /** The SIMD width in bits that this JVM uses. */
    static int vectorBits() {
        return SPECIES.vectorBitSize();
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

    /**
     * Int lanes of the same shape as {@link #SPECIES}, one index per float lane, for argmin only:
     * in a holder because initialising the IntVector classes costs a fresh JVM ~35 ms, which
     * creating or loading an index without product quantization never needs to pay.
     */
    private static final class Lanes {
        static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
        static final IntVector LANE_INDEX = IntVector.zero(INT_SPECIES).addIndex(1);
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += L) {
            FloatVector yv = FloatVector.fromArray(SPECIES, y, yOff + i);
            yv.add(FloatVector.fromArray(SPECIES, x, xOff + i).mul(a)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = y[yOff + i] + a * x[xOff + i];
        }
    }

    @Override
    public void addSquaredDifferences(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += L) {
            FloatVector d = FloatVector.broadcast(SPECIES, a).sub(FloatVector.fromArray(SPECIES, x, xOff + i));
            FloatVector.fromArray(SPECIES, y, yOff + i).add(d.mul(d)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            float d = a - x[xOff + i];
            y[yOff + i] = y[yOff + i] + d * d;
        }
    }

    @Override
    public void addAbsoluteDifferences(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += L) {
            FloatVector d = FloatVector.broadcast(SPECIES, a).sub(FloatVector.fromArray(SPECIES, x, xOff + i)).abs();
            FloatVector.fromArray(SPECIES, y, yOff + i).add(d).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = y[yOff + i] + Math.abs(a - x[xOff + i]);
        }
    }

    @Override
    public int argmin(float[] v, int off, int len) {
        int bound = SPECIES.loopBound(len);
        int best;
        float bestValue;
        int i;
        if (bound == 0) {
            best = 0;
            bestValue = v[off];
            i = 1;
        } else {
            // per lane: the smallest value seen and the first index holding it
            FloatVector minV = FloatVector.fromArray(SPECIES, v, off);
            IntVector minI = Lanes.LANE_INDEX;
            for (i = L; i < bound; i += L) {
                FloatVector x = FloatVector.fromArray(SPECIES, v, off + i);
                VectorMask<Float> smaller = x.compare(VectorOperators.LT, minV);
                minV = minV.blend(x, smaller);
                minI = minI.blend(Lanes.LANE_INDEX.add(i), smaller.cast(Lanes.INT_SPECIES));
            }
            bestValue = minV.reduceLanes(VectorOperators.MIN);
            // among lanes holding the minimum, the smallest index is the first occurrence
            best = minI.blend(Integer.MAX_VALUE, minV.compare(VectorOperators.NE, bestValue).cast(Lanes.INT_SPECIES))
                    .reduceLanes(VectorOperators.MIN);
        }
        for (; i < len; i++) {
            if (v[off + i] < bestValue) {
                bestValue = v[off + i];
                best = i;
            }
        }
        return best;
    }
}
