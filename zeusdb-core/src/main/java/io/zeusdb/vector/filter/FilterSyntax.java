package io.zeusdb.vector.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated filter, as written: what {@link FilterParser} produces and what both the predicate
 * tree and the canonical Map form are built from.
 *
 * <p>Internal, not API. Everything in it is already checked (keys sorted by code point, operator
 * names resolved, operand shapes verified, operands canonical), so the code that consumes it has
 * no error paths.
 */
sealed interface FilterSyntax {

    /** One filter map: its entries, in code-point order of their keys, all of which must hold. */
    record Conjunction(List<Entry> entries) implements FilterSyntax {}

    /** One entry of a filter map: a group or a field condition. */
    sealed interface Entry extends FilterSyntax
            permits AndGroup, OrGroup, NotGroup, FieldEquals, FieldOperators {}

    /** {@code "$and": [...]}: every branch holds; no branch at all holds for every record. */
    record AndGroup(List<Conjunction> branches) implements Entry {}

    /** {@code "$or": [...]}: some branch holds; no branch at all holds for no record. */
    record OrGroup(List<Conjunction> branches) implements Entry {}

    /** {@code "$not": {...}}: the branch does not hold. */
    record NotGroup(Conjunction negated) implements Entry {}

    /** {@code "field": value} with a plain (non-map) value: deep equality. Operand may be null. */
    record FieldEquals(String field, Object operand) implements Entry {}

    /** {@code "field": {"op": operand, ...}}: every operator holds. Uses are in operator-name order. */
    record FieldOperators(String field, List<OperatorUse> uses) implements Entry {}

    /** One operator with its canonical operand (null allowed where the operator takes any value). */
    record OperatorUse(Operator operator, Object operand) {}

    /**
     * The canonical Map form: keys in code-point order, operands canonical, every level
     * unmodifiable; {@link LinkedHashMap} underneath so null operands are allowed.
     */
    static Map<String, Object> toMap(Conjunction conjunction) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry entry : conjunction.entries()) {
            switch (entry) {
                case AndGroup g -> out.put(FilterParser.AND, toMaps(g.branches()));
                case OrGroup g -> out.put(FilterParser.OR, toMaps(g.branches()));
                case NotGroup g -> out.put(FilterParser.NOT, toMap(g.negated()));
                case FieldEquals f -> out.put(f.field(), f.operand());
                case FieldOperators f -> {
                    Map<String, Object> operators = new LinkedHashMap<>();
                    for (OperatorUse use : f.uses()) {
                        operators.put(use.operator().wireName, use.operand());
                    }
                    out.put(f.field(), Collections.unmodifiableMap(operators));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<Object> toMaps(List<Conjunction> branches) {
        List<Object> out = new ArrayList<>(branches.size());
        for (Conjunction branch : branches) {
            out.add(toMap(branch));
        }
        return Collections.unmodifiableList(out);
    }

    /** Adds every field a conjunction names, at any depth, to {@code into}. */
    static void collectFieldNames(Conjunction conjunction, Set<String> into) {
        for (Entry entry : conjunction.entries()) {
            switch (entry) {
                case AndGroup g -> g.branches().forEach(b -> collectFieldNames(b, into));
                case OrGroup g -> g.branches().forEach(b -> collectFieldNames(b, into));
                case NotGroup g -> collectFieldNames(g.negated(), into);
                case FieldEquals f -> into.add(f.field());
                case FieldOperators f -> into.add(f.field());
            }
        }
    }
}
