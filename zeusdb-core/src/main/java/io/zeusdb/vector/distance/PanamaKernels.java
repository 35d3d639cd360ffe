package io.zeusdb.vector.distance;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Four independent vector accumulators hide the latency of the fused
 * multiply-add; a one-vector loop and a scalar tail handle lengths that are not a multiple of
 * four vectors. Loaded only through {@link Kernels}, which falls back to {@link ScalarKernels}
 * when the {@code jdk.incubator.vector} module is missing or the hardware has no useful SIMD.
 */
final class PanamaKernels implements VectorKernels {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    static final PanamaKernels INSTANCE = new PanamaKernels();

    private PanamaKernels() {}

    /** The SIMD width in bits that this JVM uses. */
    static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        int i = 0;
        float sum = 0f;
        if (len >= LANES) {
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            for (int bound = len - 4 * LANES; i <= bound; i += 4 * LANES) {
                acc0 = FloatVector.fromArray(SPECIES, a, aOff + i)
                        .fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
                acc1 = FloatVector.fromArray(SPECIES, a, aOff + i + LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bOff + i + LANES), acc1);
                acc2 = FloatVector.fromArray(SPECIES, a, aOff + i + 2 * LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bOff + i + 2 * LANES), acc2);
                acc3 = FloatVector.fromArray(SPECIES, a, aOff + i + 3 * LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bOff + i + 3 * LANES), acc3);
            }
            for (int bound = len - LANES; i <= bound; i += LANES) {
                acc0 = FloatVector.fromArray(SPECIES, a, aOff + i)
                        .fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
            }
            sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            sum = Math.fma(a[aOff + i], b[bOff + i], sum);
        }
        return sum;
    }

    @Override
    public float squaredL2(float[] a, int aOff, float[] b, int bOff, int len) {
        int i = 0;
        float sum = 0f;
        if (len >= LANES) {
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            for (int bound = len - 4 * LANES; i <= bound; i += 4 * LANES) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, a, aOff + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i));
                FloatVector d1 = FloatVector.fromArray(SPECIES, a, aOff + i + LANES)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i + LANES));
                FloatVector d2 = FloatVector.fromArray(SPECIES, a, aOff + i + 2 * LANES)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i + 2 * LANES));
                FloatVector d3 = FloatVector.fromArray(SPECIES, a, aOff + i + 3 * LANES)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i + 3 * LANES));
                acc0 = d0.fma(d0, acc0);
                acc1 = d1.fma(d1, acc1);
                acc2 = d2.fma(d2, acc2);
                acc3 = d3.fma(d3, acc3);
            }
            for (int bound = len - LANES; i <= bound; i += LANES) {
                FloatVector d = FloatVector.fromArray(SPECIES, a, aOff + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i));
                acc0 = d.fma(d, acc0);
            }
            sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            float d = a[aOff + i] - b[bOff + i];
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    @Override
    public float l1(float[] a, int aOff, float[] b, int bOff, int len) {
        int i = 0;
        float sum = 0f;
        if (len >= LANES) {
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            for (int bound = len - 2 * LANES; i <= bound; i += 2 * LANES) {
                acc0 = acc0.add(FloatVector.fromArray(SPECIES, a, aOff + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i)).abs());
                acc1 = acc1.add(FloatVector.fromArray(SPECIES, a, aOff + i + LANES)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i + LANES)).abs());
            }
            for (int bound = len - LANES; i <= bound; i += LANES) {
                acc0 = acc0.add(FloatVector.fromArray(SPECIES, a, aOff + i)
                        .sub(FloatVector.fromArray(SPECIES, b, bOff + i)).abs());
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            sum += Math.abs(a[aOff + i] - b[bOff + i]);
        }
        return sum;
    }

    @Override
    public String name() {
        return "panama-" + SPECIES.vectorBitSize();
    }
}
