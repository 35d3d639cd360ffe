package io.zeusdb.vector.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact long/double order that every numeric filter comparison rests on. */
class NumberOrderTest {

    private static final long TWO_POW_53 = 1L << 53;

    @Test
    void aLongBeyondTwoPow53IsNotRoundedToTheNearestDouble() {
        // (double) (2^53 + 1) == 2^53, which a lossy comparison would call equal.
        assertEquals(1, NumberOrder.compare(TWO_POW_53 + 1, (double) TWO_POW_53));
        assertEquals(-1, NumberOrder.compare((double) TWO_POW_53, TWO_POW_53 + 1));
        assertEquals(0, NumberOrder.compare(TWO_POW_53, (double) TWO_POW_53));
        assertEquals(-1, NumberOrder.compare(Long.MAX_VALUE, 0x1p63));
        assertEquals(1, NumberOrder.compare(Long.MAX_VALUE - 1, (double) (Long.MAX_VALUE - 1024)));
    }

    @Test
    void theEndsOfTheLongRangeCompareExactly() {
        assertEquals(0, NumberOrder.compare(Long.MIN_VALUE, -0x1p63));
        assertEquals(1, NumberOrder.compare(Long.MIN_VALUE, Math.nextDown(-0x1p63)));
        assertEquals(1, NumberOrder.compare(Long.MIN_VALUE + 1, -0x1p63));
        assertEquals(-1, NumberOrder.compare(Long.MAX_VALUE, Double.MAX_VALUE));
        assertEquals(1, NumberOrder.compare(Long.MIN_VALUE, -Double.MAX_VALUE));
        assertEquals(-1, NumberOrder.compare(0L, Double.POSITIVE_INFINITY));
        assertEquals(1, NumberOrder.compare(0L, Double.NEGATIVE_INFINITY));
    }

    @Test
    void fractionsBreakTiesOnBothSidesOfZero() {
        assertEquals(-1, NumberOrder.compare(2L, 2.5));
        assertEquals(1, NumberOrder.compare(3L, 2.5));
        assertEquals(1, NumberOrder.compare(0L, -0.5));
        assertEquals(-1, NumberOrder.compare(-1L, -0.5));
        assertEquals(1, NumberOrder.compare(-2L, -2.5));
        assertEquals(0, NumberOrder.compare(0L, -0.0));
        assertEquals(0, NumberOrder.compare(-0.0, 0.0));
        assertEquals(0, NumberOrder.compare(10L, 10.0));
    }

    @Test
    void nanIsUnorderedAgainstEverything() {
        assertEquals(NumberOrder.UNORDERED, NumberOrder.compare(1L, Double.NaN));
        assertEquals(NumberOrder.UNORDERED, NumberOrder.compare(Double.NaN, 1L));
        assertEquals(NumberOrder.UNORDERED, NumberOrder.compare(Double.NaN, Double.NaN));
        assertEquals(NumberOrder.UNORDERED, NumberOrder.compare(1.0, Double.NaN));
    }

    @Test
    void wholeNumbersAreRecognisedOnlyWithinTheLongRange() {
        assertTrue(NumberOrder.isExactLong(-0x1p63));
        assertTrue(NumberOrder.isExactLong(-0.0));
        assertTrue(NumberOrder.isExactLong(1e18));
        assertEquals(false, NumberOrder.isExactLong(0x1p63));
        assertEquals(false, NumberOrder.isExactLong(0.5));
        assertEquals(false, NumberOrder.isExactLong(Double.NaN));
        assertEquals(false, NumberOrder.isExactLong(Double.POSITIVE_INFINITY));
    }

    @Test
    void randomPairsAgreeWithBigDecimalArithmetic() {
        SplittableRandom random = new SplittableRandom(53);
        for (int i = 0; i < 200_000; i++) {
            long a = randomLong(random);
            double b = randomDouble(random, a);
            int expected = new BigDecimal(a).compareTo(new BigDecimal(b));
            assertEquals(expected, NumberOrder.compare(a, b), () -> a + " vs " + b);
            assertEquals(-expected, NumberOrder.compare(b, a), () -> b + " vs " + a);
        }
    }

    private static long randomLong(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextLong(-1000, 1000);
            case 2 -> TWO_POW_53 + random.nextLong(-4, 5);
            default -> random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3000) : Long.MIN_VALUE + random.nextInt(3000);
        };
    }

    /** Doubles near {@code a}, so ties and near-ties are common. */
    private static double randomDouble(SplittableRandom random, long a) {
        return switch (random.nextInt(4)) {
            case 0 -> (double) a;
            case 1 -> Math.nextUp((double) a) * (random.nextBoolean() ? 1 : -1);
            case 2 -> a + random.nextDouble(-2, 2);
            default -> {
                double d = Double.longBitsToDouble(random.nextLong()) % 1e20;
                yield Double.isFinite(d) ? d : 0.5; // BigDecimal has no NaN; NaN is tested above
            }
        };
    }
}
