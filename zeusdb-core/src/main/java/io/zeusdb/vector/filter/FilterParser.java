package io.zeusdb.vector.filter;

import io.zeusdb.vector.filter.FilterSyntax.AndGroup;
import io.zeusdb.vector.filter.FilterSyntax.Conjunction;
import io.zeusdb.vector.filter.FilterSyntax.Entry;
import io.zeusdb.vector.filter.FilterSyntax.FieldEquals;
import io.zeusdb.vector.filter.FilterSyntax.FieldOperators;
import io.zeusdb.vector.filter.FilterSyntax.NotGroup;
import io.zeusdb.vector.filter.FilterSyntax.OperatorUse;
import io.zeusdb.vector.filter.FilterSyntax.OrGroup;
import io.zeusdb.vector.metadata.CodePointOrder;
import io.zeusdb.vector.metadata.InvalidMetadataException;
import io.zeusdb.vector.metadata.MetadataValues;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks a filter in the Map form and turns it into {@link FilterSyntax}, rejecting every
 * malformed filter before any record is read.
 *
 * <p>Internal, not API. Messages follow the reference wording where it gives one and otherwise
 * name the field and the operator and say how to fix the filter; a value is only ever described
 * by its kind ({@link #kindOf}), never echoed, because a filter can carry a caller's data.
 */
final class FilterParser {

    /** The reserved group keys, exactly; other {@code $}-prefixed names are ordinary fields. */
    static final String AND = "$and";
    static final String OR = "$or";
    static final String NOT = "$not";

    /** Groups nest to this many levels; the top-level map is level 1 and each group adds one. */
    static final int MAX_GROUP_LEVELS = 10;

    /** Maps and lists nest to this many levels, the filter map being level 1 (as for metadata). */
    static final int MAX_VALUE_LEVELS = MetadataValues.MAX_DEPTH;

    private FilterParser() {}

    /** Parses a filter map; a {@code null} map is the empty filter. */
    static Conjunction parse(Map<?, ?> filter) {
        if (filter == null) {
            return new Conjunction(List.of());
        }
        checkValueNesting(filter, 1);
        return parseMap(filter, 1);
    }

    /** True when {@code key} is one of the three reserved group keys. */
    static boolean isReservedKey(String key) {
        return AND.equals(key) || OR.equals(key) || NOT.equals(key);
    }

    // ---------------------------------------------------------------------------------------------
    // Structure

    private static Conjunction parseMap(Map<?, ?> map, int level) {
        String[] keys = sortedKeys(map);
        List<Entry> entries = new ArrayList<>(keys.length);
        for (String key : keys) {
            Object condition = map.get(key);
            entries.add(switch (key) {
                case AND -> new AndGroup(parseBranches(AND, condition, level));
                case OR -> new OrGroup(parseBranches(OR, condition, level));
                case NOT -> new NotGroup(parseNegated(condition, level));
                default -> parseField(key, condition);
            });
        }
        return new Conjunction(List.copyOf(entries));
    }

    private static String[] sortedKeys(Map<?, ?> map) {
        String[] keys = new String[map.size()];
        int i = 0;
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new IllegalArgumentException("Filter keys must be strings (a field name, or \"$and\", "
                        + "\"$or\", \"$not\"), but one key is " + kindOf(key) + ".");
            }
            keys[i++] = s;
        }
        // Sorted so evaluation order and the first error reported do not depend on the map's order.
        Arrays.sort(keys, CodePointOrder.INSTANCE);
        return keys;
    }

    private static List<Conjunction> parseBranches(String key, Object condition, int level) {
        if (!isListLike(condition)) {
            throw reservedKeyError(key, condition);
        }
        checkGroupLevel(key, level);
        List<Object> branches = listElements(condition);
        List<Conjunction> parsed = new ArrayList<>(branches.size());
        for (Object branch : branches) {
            if (!(branch instanceof Map<?, ?> branchMap)) {
                throw new IllegalArgumentException("Every entry of \"" + key + "\" must be a filter map, "
                        + "for example {\"lang\": \"en\"}, but one of them is " + kindOf(branch) + ".");
            }
            parsed.add(parseMap(branchMap, level + 1));
        }
        return List.copyOf(parsed);
    }

    private static Conjunction parseNegated(Object condition, int level) {
        if (!(condition instanceof Map<?, ?> negated)) {
            throw reservedKeyError(NOT, condition);
        }
        checkGroupLevel(NOT, level);
        return parseMap(negated, level + 1);
    }

    private static void checkGroupLevel(String key, int level) {
        if (level >= MAX_GROUP_LEVELS) {
            throw new IllegalArgumentException("Filter groups nest to " + MAX_GROUP_LEVELS + " levels and \""
                    + key + "\" would open level " + (level + 1) + ".");
        }
    }

    private static IllegalArgumentException reservedKeyError(String key, Object condition) {
        String shape = NOT.equals(key)
                ? "one filter map, for example {\"$not\": {\"lang\": \"en\"}}"
                : "a list of filter maps, for example {\"$or\": [{\"lang\": \"en\"}, {\"lang\": \"es\"}]}";
        return new IllegalArgumentException("\"" + key + "\" is a reserved filter key and takes " + shape
                + ", but it was given " + kindOf(condition) + ". A metadata field named \"" + key
                + "\" cannot be filtered on.");
    }

    // ---------------------------------------------------------------------------------------------
    // Field conditions

    private static Entry parseField(String field, Object condition) {
        if (!(condition instanceof Map<?, ?> operators)) {
            // A plain value is equality; a map value is always the operator form.
            return new FieldEquals(field, canonicalOperand(field, null, condition));
        }
        if (operators.isEmpty()) {
            throw new IllegalArgumentException("{\"" + field + "\": {}} names no operator. A map value is "
                    + "always the operator form: write {\"" + field + "\": {\"eq\": {}}} to match an empty "
                    + "map, or {\"" + field + "\": {\"exists\": true}} to require the field.");
        }
        List<OperatorUse> uses = new ArrayList<>(operators.size());
        for (Object name : operators.keySet()) {
            if (!(name instanceof String)) {
                throw new IllegalArgumentException("Filter operators are named by strings, but the operator "
                        + "map of \"" + field + "\" has a key that is " + kindOf(name) + ".");
            }
        }
        for (String name : sortedKeys(operators)) {
            Operator operator = Operator.byWireName(name);
            if (operator == null) {
                throw new IllegalArgumentException("Unknown filter operation: " + name);
            }
            uses.add(new OperatorUse(operator, parseOperand(field, operator, operators.get(name))));
        }
        return new FieldOperators(field, List.copyOf(uses));
    }

    private static Object parseOperand(String field, Operator operator, Object operand) {
        String op = operator.wireName;
        String written = "{\"" + field + "\": {\"" + op + "\": ...}}";
        switch (operator.operandShape) {
            case BOOLEAN -> {
                if (!(operand instanceof Boolean)) {
                    throw new IllegalArgumentException("\"" + op + "\" takes true or false, and " + written
                            + " was given " + kindOf(operand) + ".");
                }
            }
            case LIST -> {
                if (!isListLike(operand)) {
                    throw new IllegalArgumentException("\"" + op + "\" takes a list of values, and " + written
                            + " was given " + kindOf(operand) + ". Put the values in a list, for example {\""
                            + field + "\": {\"" + op + "\": [\"a\", \"b\"]}}" + listHint(operator) + ".");
                }
            }
            case NUMBER_OR_STRING -> {
                if (!(operand instanceof Number || isStringLike(operand))) {
                    throw new IllegalArgumentException("\"" + op + "\" takes a number or a string, and " + written
                            + " was given " + kindOf(operand) + ". Ranges compare numbers with numbers and "
                            + "strings with strings (by code point).");
                }
            }
            case STRING -> {
                if (!isStringLike(operand)) {
                    throw new IllegalArgumentException("\"" + op + "\" takes a string, and " + written
                            + " was given " + kindOf(operand) + ".");
                }
            }
            case ANY -> {
                // every storable value is a valid operand
            }
        }
        return canonicalOperand(field, op, operand);
    }

    private static String listHint(Operator operator) {
        return switch (operator) {
            case IN -> ", or use \"eq\" for a single value";
            case NIN -> ", or use \"ne\" for a single value";
            case ANY, ALL -> ", or use \"contains\" for a single value";
            default -> "";
        };
    }

    /** The operand as a canonical value; {@code op} is null for a plain value. */
    private static Object canonicalOperand(String field, String op, Object operand) {
        try {
            return MetadataValues.canonical(operand);
        } catch (InvalidMetadataException e) {
            String written = op == null ? "{\"" + field + "\": ...}" : "{\"" + field + "\": {\"" + op + "\": ...}}";
            throw new IllegalArgumentException("The value in " + written + " cannot be used in a filter: "
                    + e.getMessage() + ".", e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Values

    /**
     * Refuses maps and lists nested deeper than {@link #MAX_VALUE_LEVELS}, the same stack guard
     * metadata has. Runs before anything else, and stops at the limit, so a cyclic or absurdly deep
     * structure fails cleanly rather than overflowing the stack.
     */
    private static void checkValueNesting(Object value, int level) {
        boolean container = value instanceof Map<?, ?> || value instanceof Collection<?>
                || (value != null && value.getClass().isArray());
        if (!container) {
            return;
        }
        if (level > MAX_VALUE_LEVELS) {
            throw new IllegalArgumentException("The filter nests maps and lists deeper than " + MAX_VALUE_LEVELS
                    + " levels; filters, like metadata, nest at most " + MAX_VALUE_LEVELS + " levels.");
        }
        if (value instanceof Map<?, ?> map) {
            for (Object child : map.values()) {
                checkValueNesting(child, level + 1);
            }
        } else if (value instanceof Collection<?> collection) {
            for (Object child : collection) {
                checkValueNesting(child, level + 1);
            }
        } else if (value instanceof Object[] array) {
            for (Object child : array) {
                checkValueNesting(child, level + 1);
            }
        }
    }

    private static boolean isListLike(Object value) {
        return value instanceof Collection<?> || (value != null && value.getClass().isArray());
    }

    private static boolean isStringLike(Object value) {
        return value instanceof CharSequence || value instanceof Character;
    }

    private static List<Object> listElements(Object listLike) {
        if (listLike instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        int n = Array.getLength(listLike);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Array.get(listLike, i));
        }
        return out;
    }

    /**
     * Describes a value by its kind for an error message: {@code null}, {@code a boolean},
     * {@code a number}, {@code a string}, {@code a list}, {@code a map}, or the Java type for
     * anything a filter cannot hold.
     */
    static String kindOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (isStringLike(value)) {
            return "a string";
        }
        if (isListLike(value)) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return "a value of type " + value.getClass().getName();
    }
}
