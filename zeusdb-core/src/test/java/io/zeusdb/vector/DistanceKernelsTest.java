package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reference 3 Decision: the Vector API kernels and the scalar fallback agree to within float
 * rounding, on every length (tails included) and at any offsets, and read nothing outside the
 * slice they are given. Both are also held to a double-precision reference.
 */
class DistanceKernelsTest {

    private static final VectorKernels SCALAR = Kernels.scalar();
    private static final VectorKernels PANAMA = Kernels.panamaOrNull();

    private static List<Integer> lengths() {
        List<Integer> out = new ArrayList<>();
        for (int len = 1; len <= 70; len++) {
            out.add(len);
        }
        out.addAll(List.of(128, 384, 768, 1536));
        return out;
    }

    @Test
    void vectorApiKernelsAreAvailableAndChosen() {
        assertNotNull(PANAMA, "the test JVM runs with --add-modules jdk.incubator.vector, so the Vector API kernels must load");
        assertTrue(PANAMA.name().startsWith("panama-"), PANAMA.name());
        assertEquals("scalar", SCALAR.name());
        if (!"scalar".equalsIgnoreCase(System.getProperty("zeusdb.kernels"))) {
            assertEquals(PANAMA.name(), Kernels.best().name(), "the SIMD kernels are the ones chosen at startup");
        }
    }

    /** A slice of {@code len} values at {@code off}, surrounded by NaN so an out-of-slice read shows. */
    private static float[] slice(Random random, int len, int off, float scale) {
        float[] a = new float[off + len + 1 + random.nextInt(9)];
        Arrays.fill(a, Float.NaN);
        for (int i = 0; i < len; i++) {
            float x = (random.nextFloat() * 2 - 1) * scale;
            if (random.nextInt(10) == 0) {
                x *= 1e-3f; // a few small values among the large
            }
            a[off + i] = x;
        }
        return a;
    }

    @Test
    void simdAndScalarAgreeWithinFloatRoundingOnEveryLengthAndOffset() {
        Random random = new Random(2024);
        int checked = 0;
        for (int len : lengths()) {
            for (int trial = 0; trial < 12; trial++) {
                float scale = new float[] {1f, 1000f, 0.01f}[trial % 3];
                int aOff = random.nextInt(17);
                int bOff = random.nextInt(17);
                float[] a = slice(random, len, aOff, scale);
                float[] b = slice(random, len, bOff, scale);
                double dot = 0;
                double dotMagnitude = 0;
                double l2 = 0;
                double l1 = 0;
                for (int i = 0; i < len; i++) {
                    double x = a[aOff + i];
                    double y = b[bOff + i];
                    dot += x * y;
                    dotMagnitude += Math.abs(x * y);
                    l2 += (x - y) * (x - y);
                    l1 += Math.abs(x - y);
                }
                String ctx = "len=" + len + " aOff=" + aOff + " bOff=" + bOff + " scale=" + scale;
                check("dot " + ctx, dot, dotMagnitude, SCALAR.dot(a, aOff, b, bOff, len), PANAMA.dot(a, aOff, b, bOff, len));
                check("squaredL2 " + ctx, l2, l2, SCALAR.squaredL2(a, aOff, b, bOff, len), PANAMA.squaredL2(a, aOff, b, bOff, len));
                check("l1 " + ctx, l1, l1, SCALAR.l1(a, aOff, b, bOff, len), PANAMA.l1(a, aOff, b, bOff, len));
                checked++;
            }
        }
        assertEquals(lengths().size() * 12, checked);
    }

    /**
     * Both kernels within float rounding of the exact value: relative 1e-5 of the magnitude the
     * sum is made of (for dot, the sum of |a_i b_i|, since cancellation is not the kernel's
     * fault) plus a small absolute allowance; and within twice that of each other.
     */
    private static void check(String what, double exact, double magnitude, float scalar, float simd) {
        double allowed = 1e-5 * magnitude + 1e-30;
        if (!(Math.abs(scalar - exact) <= allowed)) {
            fail(what + ": scalar " + scalar + " vs exact " + exact);
        }
        if (!(Math.abs(simd - exact) <= allowed)) {
            fail(what + ": SIMD " + simd + " vs exact " + exact);
        }
        if (!(Math.abs(simd - scalar) <= 2 * allowed)) {
            fail(what + ": SIMD " + simd + " vs scalar " + scalar);
        }
    }

    @Test
    void identicalAndZeroInputsGiveExactResults() {
        for (VectorKernels k : List.of(SCALAR, PANAMA)) {
            for (int len : List.of(1, 7, 8, 16, 33, 384)) {
                float[] a = new float[len];
                for (int i = 0; i < len; i++) {
                    a[i] = (i % 5) - 2.5f;
                }
                assertEquals(0f, k.squaredL2(a, 0, a.clone(), 0, len), k.name() + " len " + len);
                assertEquals(0f, k.l1(a, 0, a.clone(), 0, len), k.name() + " len " + len);
                assertEquals(0f, k.dot(a, 0, new float[len], 0, len), k.name() + " len " + len);
                float[] ones = new float[len];
                Arrays.fill(ones, 1f);
                assertEquals(len, k.dot(ones, 0, ones, 0, len), k.name() + " len " + len);
                assertEquals(len, k.squaredL2(ones, 0, new float[len], 0, len), k.name() + " len " + len);
                assertEquals(len, k.l1(ones, 0, new float[len], 0, len), k.name() + " len " + len);
            }
        }
    }

    /** The element-wise kernels of product quantization round each element alike: bit-identical results. */
    @Test
    void elementWiseKernelsAreBitIdenticalAcrossImplementations() {
        java.util.Random r = new java.util.Random(17);
        for (int len = 1; len <= 300; len += (len < 40 ? 1 : 37)) {
            for (int off : new int[] {0, 3}) {
                float[] x = new float[len + off];
                float[] y = new float[len + off];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                    y[i] = (float) r.nextGaussian();
                }
                float a = (float) r.nextGaussian();
                for (int op = 0; op < 3; op++) {
                    float[] ys = y.clone();
                    float[] yp = y.clone();
                    switch (op) {
                        case 0 -> {
                            SCALAR.axpy(a, x, off, ys, off, len);
                            PANAMA.axpy(a, x, off, yp, off, len);
                        }
                        case 1 -> {
                            SCALAR.addSquaredDifferences(a, x, off, ys, off, len);
                            PANAMA.addSquaredDifferences(a, x, off, yp, off, len);
                        }
                        default -> {
                            SCALAR.addAbsoluteDifferences(a, x, off, ys, off, len);
                            PANAMA.addAbsoluteDifferences(a, x, off, yp, off, len);
                        }
                    }
                    for (int i = 0; i < ys.length; i++) {
                        assertEquals(Float.floatToRawIntBits(ys[i]), Float.floatToRawIntBits(yp[i]),
                                "op " + op + " len " + len + " at " + i);
                    }
                }
                // argmin: the first smallest, with ties planted at random places
                float[] v = x.clone();
                int tie = off + r.nextInt(len);
                v[tie] = -100f;
                v[off + r.nextInt(len)] = -100f;
                int want = SCALAR.argmin(v, off, len);
                assertEquals(want, PANAMA.argmin(v, off, len), "argmin len " + len);
                for (int i = 0; i < want; i++) {
                    assertTrue(v[off + i] > v[off + want]);
                }
            }
        }
    }
}
