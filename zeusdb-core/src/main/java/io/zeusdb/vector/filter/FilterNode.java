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
     * The matching nodes below {@code nodeCount} as a bitmap, from declared columns (every field
     * this node names has one; the caller checked).
     */
    abstract long[] bits(ColumnView.Lookup columns, int nodeCount);

    /** Whether every field this node names has a column, so {@link #bits} is exact. */
    abstract boolean declared(ColumnView.Lookup columns);

    /**
     * A superset of the matching nodes from the declared columns alone, or {@code null} when the
     * columns give no bound: exact where the node is fully declared; for a conjunction, the
     * intersection of whatever its children bound (a record must pass every child); for a
     * disjunction, the union only when every child has a bound; a negation only when exact.
     */
    long[] bound(ColumnView.Lookup columns, int nodeCount) {
        return declared(columns) ? bits(columns, nodeCount) : null;
    }

    /** Whether every one of {@code nodes} is fully declared. */
    static boolean allDeclared(FilterNode[] nodes, ColumnView.Lookup columns) {
        for (FilterNode node : nodes) {
            if (!node.declared(columns)) {
                return false;
            }
        }
        return true;
    }

    static long[] newBits(int nodeCount) {
        return new long[(nodeCount + 63) >>> 6];
    }

    /** Sets every bit below {@code nodeCount}. */
    static long[] allBits(int nodeCount) {
        long[] bits = newBits(nodeCount);
        java.util.Arrays.fill(bits, -1L);
        trim(bits, nodeCount);
        return bits;
    }

    /** Clears the bits at and above {@code nodeCount} in the last word. */
    static void trim(long[] bits, int nodeCount) {
        int rest = nodeCount & 63;
        if (rest != 0) {
            bits[bits.length - 1] &= (1L << rest) - 1;
        }
    }

    /**
     * One pass over a column: judges each distinct value once with {@code accepts} (code 0 meaning
     * "field absent"), then sets the bit of every node whose code was accepted.
     */
    static long[] scanColumn(ColumnView column, int nodeCount, CodeJudge accepts) {
        int distinct = column.distinctCount();
        boolean[] ok = new boolean[distinct + 1];
        boolean any = false;
        for (int code = 0; code <= distinct; code++) {
            ok[code] = accepts.accepts(code, code == 0 ? null : column.value(code));
            any |= ok[code];
        }
        long[] bits = newBits(nodeCount);
        if (any) {
            column.markAccepted(ok, nodeCount, bits);
        }
        return bits;
    }

    /** Judges one dictionary entry; {@code code == 0} is the absent field. */
    @FunctionalInterface
    interface CodeJudge {
        boolean accepts(int code, Object value);
    }

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

        @Override
        long[] bits(ColumnView.Lookup columns, int nodeCount) {
            return answer ? allBits(nodeCount) : newBits(nodeCount);
        }

        @Override
        boolean declared(ColumnView.Lookup columns) {
            return true;
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

        @Override
        long[] bits(ColumnView.Lookup columns, int nodeCount) {
            if (children.length == 0) {
                return allBits(nodeCount);
            }
            long[] acc = children[0].bits(columns, nodeCount);
            for (int c = 1; c < children.length; c++) {
                long[] other = children[c].bits(columns, nodeCount);
                for (int i = 0; i < acc.length; i++) {
                    acc[i] &= other[i];
                }
            }
            return acc;
        }

        @Override
        boolean declared(ColumnView.Lookup columns) {
            return allDeclared(children, columns);
        }

        @Override
        long[] bound(ColumnView.Lookup columns, int nodeCount) {
            long[] acc = null;
            for (FilterNode child : children) {
                long[] b = child.bound(columns, nodeCount);
                if (b == null) {
                    continue;
                }
                if (acc == null) {
                    acc = b;
                } else {
                    for (int i = 0; i < acc.length; i++) {
                        acc[i] &= b[i];
                    }
                }
            }
            return children.length == 0 ? allBits(nodeCount) : acc;
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

        @Override
        long[] bits(ColumnView.Lookup columns, int nodeCount) {
            if (children.length == 0) {
                return newBits(nodeCount);
            }
            long[] acc = children[0].bits(columns, nodeCount);
            for (int c = 1; c < children.length; c++) {
                long[] other = children[c].bits(columns, nodeCount);
                for (int i = 0; i < acc.length; i++) {
                    acc[i] |= other[i];
                }
            }
            return acc;
        }

        @Override
        boolean declared(ColumnView.Lookup columns) {
            return allDeclared(children, columns);
        }

        @Override
        long[] bound(ColumnView.Lookup columns, int nodeCount) {
            long[] acc = newBits(nodeCount);
            for (FilterNode child : children) {
                long[] b = child.bound(columns, nodeCount);
                if (b == null) {
                    return null; // one unbounded branch may admit anything
                }
                for (int i = 0; i < acc.length; i++) {
                    acc[i] |= b[i];
                }
            }
            return acc;
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

        @Override
        long[] bits(ColumnView.Lookup columns, int nodeCount) {
            long[] bits = negated.bits(columns, nodeCount);
            for (int i = 0; i < bits.length; i++) {
                bits[i] = ~bits[i];
            }
            trim(bits, nodeCount);
            return bits;
        }

        @Override
        boolean declared(ColumnView.Lookup columns) {
            return negated.declared(columns);
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
            this.field = field.intern(); // stored keys are interned: lookups hit on identity
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

        @Override
        long[] bits(ColumnView.Lookup columns, int nodeCount) {
            return scanColumn(columns.column(field), nodeCount, (code, value) -> {
                if (code == 0) {
                    return false;
                }
                for (ValueTest t : tests) {
                    if (!t.test(value)) {
                        return false;
                    }
                }
                return true;
            });
        }

        @Override
        boolean declared(ColumnView.Lookup columns) {
            return columns.column(field) != null;
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
            this.field = field.intern(); // stored keys are interned: lookups hit on identity
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

        @Override
        long[] bits(ColumnView.Lookup columns, int nodeCount) {
            return scanColumn(columns.column(field), nodeCount, (code, value) -> switch (wanted) {
                case PRESENT -> code != 0;
                case ABSENT -> code == 0;
                case NULL -> code != 0 && value == null;
                case NOT_NULL -> code == 0 || value != null;
            });
        }

        @Override
        boolean declared(ColumnView.Lookup columns) {
            return columns.column(field) != null;
        }
    }
}
