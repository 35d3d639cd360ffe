package io.zeusdb.vector.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operand list of {@code in}, {@code nin} and {@code any}, indexed for membership tests with
 * the same meaning as {@link EqualityMatcher} ("some element equals the value").
 *
 * <p>Internal, not API. A filter such as {@code {"id": {"in": [ ...thousands... ]}}} is common, so
 * scalars are not compared one by one: strings go to a hash set, numbers that are whole and fit a
 * {@code long} to a sorted {@code long[]} (so integer 10 and float 10.0 land on the same entry and
 * magnitudes stay exact), other floats to a sorted {@code double[]}. Lists and maps, which are
 * rare as operands, are compared one by one. A lookup neither allocates nor boxes.
 */
final class ValueSet {

    private static final long[] NO_LONGS = {};
    private static final double[] NO_DOUBLES = {};

    private final boolean hasNull;
    private final boolean hasTrue;
    private final boolean hasFalse;
    private final Set<String> strings;
    private final long[] wholeNumbers;
    private final double[] otherNumbers;
    private final EqualityMatcher[] containers;
    private final boolean empty;

    /** Indexes a canonical operand list. */
    ValueSet(List<?> canonicalOperands) {
        boolean sawNull = false;
        boolean sawTrue = false;
        boolean sawFalse = false;
        Set<String> stringSet = new HashSet<>();
        long[] longs = new long[canonicalOperands.size()];
        int longCount = 0;
        double[] doubles = new double[canonicalOperands.size()];
        int doubleCount = 0;
        List<EqualityMatcher> containerList = new ArrayList<>();
        for (Object operand : canonicalOperands) {
            if (operand == null) {
                sawNull = true;
            } else if (operand instanceof Boolean b) {
                if (b) {
                    sawTrue = true;
                } else {
                    sawFalse = true;
                }
            } else if (operand instanceof String s) {
                stringSet.add(s);
            } else if (operand instanceof Long l) {
                longs[longCount++] = l;
            } else if (operand instanceof Double d) {
                if (NumberOrder.isExactLong(d)) {
                    longs[longCount++] = (long) d.doubleValue();
                } else {
                    doubles[doubleCount++] = d;
                }
            } else if (operand instanceof List<?> || operand instanceof Map<?, ?>) {
                containerList.add(EqualityMatcher.of(operand));
            } else {
                throw new IllegalStateException("not a canonical value: " + operand.getClass().getName());
            }
        }
        this.hasNull = sawNull;
        this.hasTrue = sawTrue;
        this.hasFalse = sawFalse;
        this.strings = stringSet.isEmpty() ? Set.of() : stringSet;
        this.wholeNumbers = sorted(longs, longCount);
        this.otherNumbers = sorted(doubles, doubleCount);
        this.containers = containerList.toArray(new EqualityMatcher[0]);
        this.empty = canonicalOperands.isEmpty();
    }

    private static long[] sorted(long[] values, int count) {
        if (count == 0) {
            return NO_LONGS;
        }
        long[] out = Arrays.copyOf(values, count);
        Arrays.sort(out);
        return out;
    }

    private static double[] sorted(double[] values, int count) {
        if (count == 0) {
            return NO_DOUBLES;
        }
        double[] out = Arrays.copyOf(values, count);
        Arrays.sort(out); // holds no NaN and no -0.0 (a zero is whole), so sort order is value order
        return out;
    }

    /** True when the operand list was empty. */
    boolean isEmpty() {
        return empty;
    }

    /** True when some operand equals the stored value (deep equality, numbers by magnitude). */
    boolean contains(Object value) {
        if (value == null) {
            return hasNull;
        }
        if (value instanceof String s) {
            return strings.contains(s);
        }
        if (value instanceof Long l) {
            return Arrays.binarySearch(wholeNumbers, l.longValue()) >= 0;
        }
        if (value instanceof Double d) {
            double x = d.doubleValue();
            if (NumberOrder.isExactLong(x)) {
                return Arrays.binarySearch(wholeNumbers, (long) x) >= 0;
            }
            return !Double.isNaN(x) && Arrays.binarySearch(otherNumbers, x) >= 0;
        }
        if (value instanceof Boolean b) {
            return b ? hasTrue : hasFalse;
        }
        for (EqualityMatcher container : containers) {
            if (container.test(value)) {
                return true;
            }
        }
        return false;
    }

    /** True when some element of the stored list is in this set. */
    boolean containsSomeElementOf(List<?> stored) {
        for (int i = 0, n = stored.size(); i < n; i++) {
            if (contains(stored.get(i))) {
                return true;
            }
        }
        return false;
    }
}
