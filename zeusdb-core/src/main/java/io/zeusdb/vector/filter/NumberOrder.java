package io.zeusdb.vector.filter;

/**
 * Exact ordering of the two canonical number kinds, {@code long} and {@code double}, by magnitude.
 *
 * <p>Internal, not API. Casting a {@code long} to {@code double} rounds above 2^53, so
 * {@code 2^53 + 1} would compare equal to the double {@code 2^53}; these methods never round: the
 * double is split into an integer part (exact in a {@code long} whenever it is in range) and a
 * fraction that only breaks ties.
 */
final class NumberOrder {

    /** Returned when the pair has no order (a NaN is involved); never -1, 0 or 1. */
    static final int UNORDERED = 2;

    private static final double TWO_POW_63 = 0x1p63;

    private NumberOrder() {}

    /** Orders two longs: -1, 0 or 1. */
    static int compare(long a, long b) {
        return a < b ? -1 : (a == b ? 0 : 1);
    }

    /**
     * Orders two doubles by value: -1, 0, 1, or {@link #UNORDERED} when either is NaN. Unlike
     * {@link Double#compare}, {@code -0.0} equals {@code 0.0}, as JSON numbers do.
     */
    static int compare(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        return a == b ? 0 : UNORDERED;
    }

    /** Orders a long against a double exactly: -1, 0, 1, or {@link #UNORDERED} for NaN. */
    static int compare(long a, double b) {
        if (Double.isNaN(b)) {
            return UNORDERED;
        }
        // Every long lies in [-2^63, 2^63), so a double outside that range decides by itself.
        if (b >= TWO_POW_63) {
            return -1;
        }
        if (b < -TWO_POW_63) {
            return 1;
        }
        long integerPart = (long) b; // truncation toward zero, exact because b is in range
        if (a != integerPart) {
            return a < integerPart ? -1 : 1;
        }
        // Same integer part: the sign of the fraction decides. When |b| >= 2^52 the fraction is 0
        // and (double) integerPart == b exactly; below that the cast is exact anyway.
        double fraction = b - (double) integerPart;
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0);
    }

    /** Orders a double against a long exactly: -1, 0, 1, or {@link #UNORDERED} for NaN. */
    static int compare(double a, long b) {
        int reversed = compare(b, a);
        return reversed == UNORDERED ? UNORDERED : -reversed;
    }

    /** True when {@code d} is a whole number that a {@code long} holds exactly. */
    static boolean isExactLong(double d) {
        return d >= -TWO_POW_63 && d < TWO_POW_63 && d == Math.rint(d);
    }
}
