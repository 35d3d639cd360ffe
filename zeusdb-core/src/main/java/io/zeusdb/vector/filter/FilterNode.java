package io.zeusdb.vector.filter;

import java.util.Map;

/**
 * A node of a compiled filter: a group ({@code $and}, {@code $or}, {@code $not}), a constant, a
 * field's value operators or a field's presence test.
 *
 * <p>Internal, not API. The tree is built once per filter and judged once per record; every node
 * is immutable, so one compiled filter is shared freely between threads. {@link #test} neither
 * allocates nor boxes.
 */
abstract sealed class FilterNode
        permits FilterNode.Constant, FilterNode.AllOf, FilterNode.AnyOf, FilterNode.Not,
                FilterNode.FieldNode, FilterNode.PresenceNode {

    /** Judges one record's canonical metadata. */
    abstract boolean test(Map<String, Object> metadata);

    /**
     * A filter whose answer its shape decides ({@code {}}, {@code {"$and": []}},
     * {@code {"$or": []}} and groups of those), folded so evaluation is one return.
     */
    static final class Constant extends FilterNode {
        static final Constant TRUE = new Constant(true);
        static final Constant FALSE = new Constant(false);

        private final boolean answer;

        private Constant(boolean answer) {
            this.answer = answer;
        }

        @Override
        boolean test(Map<String, Object> metadata) {
            return answer;
        }
    }

    /** A conjunction: a filter map's entries, or {@code $and}. Stops at the first failure. */
    static final class AllOf extends FilterNode {
        private final FilterNode[] children;

        AllOf(FilterNode[] children) {
            this.children = children;
        }

        @Override
        boolean test(Map<String, Object> metadata) {
            for (FilterNode child : children) {
                if (!child.test(metadata)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A disjunction: {@code $or}. Stops at the first success. */
    static final class AnyOf extends FilterNode {
        private final FilterNode[] children;

        AnyOf(FilterNode[] children) {
            this.children = children;
        }

        @Override
        boolean test(Map<String, Object> metadata) {
            for (FilterNode child : children) {
                if (child.test(metadata)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code $not}: the complement among live records, so it admits records lacking a field. */
    static final class Not extends FilterNode {
        private final FilterNode negated;

        Not(FilterNode negated) {
            this.negated = negated;
        }

        @Override
        boolean test(Map<String, Object> metadata) {
            return !negated.test(metadata);
        }
    }

    /**
     * A field's value operators (plain equality is one {@code eq}), all of which must hold. A record
     * without the field matches none of them, {@code ne} and {@code nin} included; this is decided
     * here, once, so no operator can disagree about it.
     */
    static final class FieldNode extends FilterNode {
        private final String field;
        private final ValueTest[] tests;

        FieldNode(String field, ValueTest[] tests) {
            this.field = field;
            this.tests = tests;
        }

        @Override
        boolean test(Map<String, Object> metadata) {
            Object value = metadata.get(field);
            if (value == null && !metadata.containsKey(field)) {
                return false;
            }
            for (ValueTest t : tests) {
                if (!t.test(value)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What a presence operator asks of a field, decided before any value is looked at. */
    enum Presence {
        /** {@code exists: true}, {@code is_missing: false}: the key is there, even holding null. */
        PRESENT,
        /** {@code exists: false}, {@code is_missing: true}: the key is not there. */
        ABSENT,
        /** {@code is_null: true}: the key is there and holds null. */
        NULL,
        /** {@code is_null: false}: anything but a stored null, including an absent key. */
        NOT_NULL
    }

    /** {@code exists}, {@code is_missing} or {@code is_null} on one field. */
    static final class PresenceNode extends FilterNode {
        private final String field;
        private final Presence wanted;

        PresenceNode(String field, Presence wanted) {
            this.field = field;
            this.wanted = wanted;
        }

        @Override
        boolean test(Map<String, Object> metadata) {
            return switch (wanted) {
                case PRESENT -> metadata.containsKey(field);
                case ABSENT -> !metadata.containsKey(field);
                case NULL -> metadata.get(field) == null && metadata.containsKey(field);
                case NOT_NULL -> metadata.get(field) != null || !metadata.containsKey(field);
            };
        }
    }
}
