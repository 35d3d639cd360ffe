package io.zeusdb.vector.filter;

import java.util.List;
import java.util.Map;

/**
 * Deep JSON equality against one operand fixed at compile time: the {@code eq} operator, and the
 * element test inside {@code contains}, {@code in}, {@code any} and {@code all}.
 *
 * <p>Internal, not API. The operand is taken apart once into a tree of matchers shaped like it,
 * so judging a stored value walks both trees together without allocating: a map operand is
 * checked by looking its keys up in the stored map rather than by iterating the stored map.
 * Numbers compare by exact magnitude (integer 10 equals float 10.0; 2^53 + 1 does not equal the
 * float 2^53); every other pairing of kinds is unequal (a boolean is not a number, "10" is not 10).
 *
 * <p>Stored values are canonical ({@link io.zeusdb.vector.metadata.MetadataValues}); lists are
 * random access, so they are read by index.
 */
abstract class EqualityMatcher extends ValueTest {

    /** Builds the matcher for a canonical operand. */
    static EqualityMatcher of(Object canonicalOperand) {
        if (canonicalOperand == null) {
            return NullMatcher.INSTANCE;
        }
        if (canonicalOperand instanceof Boolean b) {
            return b ? BooleanMatcher.TRUE : BooleanMatcher.FALSE;
        }
        if (canonicalOperand instanceof Long l) {
            return new LongMatcher(l);
        }
        if (canonicalOperand instanceof Double d) {
            return new DoubleMatcher(d);
        }
        if (canonicalOperand instanceof String s) {
            return new StringMatcher(s);
        }
        if (canonicalOperand instanceof List<?> list) {
            EqualityMatcher[] elements = new EqualityMatcher[list.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = of(list.get(i));
            }
            return new ListMatcher(elements);
        }
        if (canonicalOperand instanceof Map<?, ?> map) {
            String[] keys = new String[map.size()];
            EqualityMatcher[] values = new EqualityMatcher[keys.length];
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                keys[i] = (String) e.getKey();
                values[i] = of(e.getValue());
                i++;
            }
            return new MapMatcher(keys, values);
        }
        throw new IllegalStateException("not a canonical value: " + canonicalOperand.getClass().getName());
    }

    /** Builds one matcher per element of a canonical list operand. */
    static EqualityMatcher[] ofEach(List<?> canonicalOperands) {
        EqualityMatcher[] matchers = new EqualityMatcher[canonicalOperands.size()];
        for (int i = 0; i < matchers.length; i++) {
            matchers[i] = of(canonicalOperands.get(i));
        }
        return matchers;
    }

    /** True when some element of the stored list equals this operand. */
    final boolean matchesSomeElementOf(List<?> stored) {
        for (int i = 0, n = stored.size(); i < n; i++) {
            if (test(stored.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Equal to a stored null. */
    static final class NullMatcher extends EqualityMatcher {
        static final NullMatcher INSTANCE = new NullMatcher();

        @Override
        boolean test(Object value) {
            return value == null;
        }
    }

    /** Equal to a stored boolean of the same truth value. */
    static final class BooleanMatcher extends EqualityMatcher {
        static final BooleanMatcher TRUE = new BooleanMatcher(true);
        static final BooleanMatcher FALSE = new BooleanMatcher(false);

        private final boolean operand;

        private BooleanMatcher(boolean operand) {
            this.operand = operand;
        }

        @Override
        boolean test(Object value) {
            return value instanceof Boolean b && b.booleanValue() == operand;
        }
    }

    /** Equal to a stored number of the same magnitude as an integer operand. */
    static final class LongMatcher extends EqualityMatcher {
        private final long operand;

        LongMatcher(long operand) {
            this.operand = operand;
        }

        @Override
        boolean test(Object value) {
            if (value instanceof Long l) {
                return l.longValue() == operand;
            }
            return value instanceof Double d && NumberOrder.compare(operand, d.doubleValue()) == 0;
        }
    }

    /** Equal to a stored number of the same magnitude as a float operand. */
    static final class DoubleMatcher extends EqualityMatcher {
        private final double operand;

        DoubleMatcher(double operand) {
            this.operand = operand;
        }

        @Override
        boolean test(Object value) {
            if (value instanceof Double d) {
                return d.doubleValue() == operand; // primitive ==: 0.0 equals -0.0, NaN equals nothing
            }
            return value instanceof Long l && NumberOrder.compare(l.longValue(), operand) == 0;
        }
    }

    /** Equal to the same stored string. */
    static final class StringMatcher extends EqualityMatcher {
        private final String operand;

        StringMatcher(String operand) {
            this.operand = operand;
        }

        @Override
        boolean test(Object value) {
            return operand.equals(value);
        }
    }

    /** Equal to a stored list of the same length whose elements are equal in order. */
    static final class ListMatcher extends EqualityMatcher {
        private final EqualityMatcher[] elements;

        ListMatcher(EqualityMatcher[] elements) {
            this.elements = elements;
        }

        @Override
        boolean test(Object value) {
            if (!(value instanceof List<?> list) || list.size() != elements.length) {
                return false;
            }
            for (int i = 0; i < elements.length; i++) {
                if (!elements[i].test(list.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Equal to a stored map with exactly the same keys and equal values under each. */
    static final class MapMatcher extends EqualityMatcher {
        private final String[] keys;
        private final EqualityMatcher[] values;

        MapMatcher(String[] keys, EqualityMatcher[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        boolean test(Object value) {
            // Same size and every operand key present makes the key sets equal.
            if (!(value instanceof Map<?, ?> map) || map.size() != keys.length) {
                return false;
            }
            for (int i = 0; i < keys.length; i++) {
                Object stored = map.get(keys[i]);
                if (stored == null && !map.containsKey(keys[i])) {
                    return false;
                }
                if (!values[i].test(stored)) {
                    return false;
                }
            }
            return true;
        }
    }
}
