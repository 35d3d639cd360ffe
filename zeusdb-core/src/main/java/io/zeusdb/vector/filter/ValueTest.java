package io.zeusdb.vector.filter;

import io.zeusdb.vector.metadata.CodePointOrder;
import java.util.List;

/**
 * One value operator with its operand fixed at compile time, judging the value a record holds for
 * a field.
 *
 * <p>Internal, not API. {@link #test} is only called for a field the record carries (possibly
 * holding null): absence is decided once, by {@link FilterNode.FieldNode}, for every value
 * operator alike. A stored value of a kind the operator does not apply to is simply not a match;
 * nothing here throws.
 */
abstract class ValueTest {

    /** Judges a stored canonical value of a field the record carries. */
    abstract boolean test(Object value);

    /** {@code ne}: not deep-equal. */
    static final class NotEqual extends ValueTest {
        private final EqualityMatcher equal;

        NotEqual(EqualityMatcher equal) {
            this.equal = equal;
        }

        @Override
        boolean test(Object value) {
            return !equal.test(value);
        }
    }

    /**
     * Which comparison outcomes a range operator accepts: {@code gt} accepts "greater", {@code gte}
     * "greater" and "equal", and so on.
     */
    record Accepted(boolean less, boolean equal, boolean greater) {}

    /**
     * The range operators {@code gt}, {@code gte}, {@code lt}, {@code lte}: a subclass orders the
     * stored value against the operand, and this decides whether that outcome is accepted.
     */
    abstract static class Range extends ValueTest {
        private final boolean less;
        private final boolean equal;
        private final boolean greater;

        Range(Accepted accepted) {
            this.less = accepted.less();
            this.equal = accepted.equal();
            this.greater = accepted.greater();
        }

        /**
         * Accepts the sign of a comparison; {@link NumberOrder#UNORDERED} (a NaN, or kinds that do
         * not compare) is never accepted.
         */
        final boolean accepts(int comparison) {
            return comparison < 0 ? less : (comparison == 0 ? equal : (comparison == 1 && greater));
        }
    }

    /**
     * A range with a number operand: stored numbers only, by exact magnitude. The operand keeps its
     * kind, integer or float, because converting either way could round it.
     */
    static final class NumberRange extends Range {
        private final boolean integerOperand;
        private final long longOperand;
        private final double doubleOperand;

        NumberRange(Object canonicalNumber, Accepted accepted) {
            super(accepted);
            this.integerOperand = canonicalNumber instanceof Long;
            this.longOperand = integerOperand ? (Long) canonicalNumber : 0L;
            this.doubleOperand = integerOperand ? 0.0 : (Double) canonicalNumber;
        }

        @Override
        boolean test(Object value) {
            if (value instanceof Long l) {
                long v = l.longValue();
                return accepts(integerOperand ? NumberOrder.compare(v, longOperand)
                        : NumberOrder.compare(v, doubleOperand));
            }
            if (value instanceof Double d) {
                double v = d.doubleValue();
                return accepts(integerOperand ? NumberOrder.compare(v, longOperand)
                        : NumberOrder.compare(v, doubleOperand));
            }
            return false;
        }
    }

    /**
     * A range with a string operand: stored strings only, by code point (a project decision, so
     * ISO-8601 dates and other sortable strings filter by range).
     */
    static final class StringRange extends Range {
        private final String operand;

        StringRange(String operand, Accepted accepted) {
            super(accepted);
            this.operand = operand;
        }

        @Override
        boolean test(Object value) {
            return value instanceof String s
                    && accepts(Integer.signum(CodePointOrder.compareStrings(s, operand)));
        }
    }

    /**
     * {@code contains}: a stored string containing a string operand as a substring, or a stored
     * list holding an element equal to the operand (of any kind).
     */
    static final class Contains extends ValueTest {
        private final EqualityMatcher element;
        private final String substring; // null when the operand is not a string

        Contains(Object canonicalOperand) {
            this.element = EqualityMatcher.of(canonicalOperand);
            this.substring = canonicalOperand instanceof String s ? s : null;
        }

        @Override
        boolean test(Object value) {
            if (value instanceof String s) {
                return substring != null && s.contains(substring);
            }
            return value instanceof List<?> list && element.matchesSomeElementOf(list);
        }
    }

    /** {@code startswith}: a stored string beginning with the operand. */
    static final class StartsWith extends ValueTest {
        private final String prefix;

        StartsWith(String prefix) {
            this.prefix = prefix;
        }

        @Override
        boolean test(Object value) {
            return value instanceof String s && s.startsWith(prefix);
        }
    }

    /** {@code endswith}: a stored string ending with the operand. */
    static final class EndsWith extends ValueTest {
        private final String suffix;

        EndsWith(String suffix) {
            this.suffix = suffix;
        }

        @Override
        boolean test(Object value) {
            return value instanceof String s && s.endsWith(suffix);
        }
    }

    /**
     * {@code in}: some operand element equals the whole stored value, so a stored list matches only
     * an identical list element ({@code any} is the operator for tag lists).
     */
    static final class In extends ValueTest {
        private final ValueSet operands;

        In(ValueSet operands) {
            this.operands = operands;
        }

        @Override
        boolean test(Object value) {
            return operands.contains(value);
        }
    }

    /** {@code nin}: no operand element equals the whole stored value. */
    static final class NotIn extends ValueTest {
        private final ValueSet operands;

        NotIn(ValueSet operands) {
            this.operands = operands;
        }

        @Override
        boolean test(Object value) {
            return !operands.contains(value);
        }
    }

    /**
     * {@code any}: the stored list shares at least one element with the operand list; a stored
     * scalar counts as a one-element list. An empty operand list matches nothing.
     */
    static final class AnyOf extends ValueTest {
        private final ValueSet operands;

        AnyOf(ValueSet operands) {
            this.operands = operands;
        }

        @Override
        boolean test(Object value) {
            if (value instanceof List<?> list) {
                return operands.containsSomeElementOf(list);
            }
            return operands.contains(value);
        }
    }

    /**
     * {@code all}: the stored list holds every operand element; a stored scalar counts as a
     * one-element list. An empty operand list matches every record carrying the field.
     */
    static final class AllOf extends ValueTest {
        private final EqualityMatcher[] required;

        AllOf(EqualityMatcher[] required) {
            this.required = required;
        }

        @Override
        boolean test(Object value) {
            if (value instanceof List<?> list) {
                for (EqualityMatcher element : required) {
                    if (!element.matchesSomeElementOf(list)) {
                        return false;
                    }
                }
                return true;
            }
            for (EqualityMatcher element : required) {
                if (!element.test(value)) {
                    return false;
                }
            }
            return true;
        }
    }
}
