package io.zeusdb.vector.filter;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deliberately naive interpreter of the canonical Map form, written straight from the reference
 * (section 10) and sharing no code with the compiler: numbers through {@link BigDecimal}, strings
 * through code-point arrays, no indexing, no folding. The randomized tests hold the compiled
 * predicates to it.
 */
final class ReferenceEvaluator {

    private ReferenceEvaluator() {}

    static boolean matches(Map<String, Object> filter, Map<String, Object> record) {
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if (!entryMatches(entry.getKey(), entry.getValue(), record)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean entryMatches(String key, Object condition, Map<String, Object> record) {
        switch (key) {
            case "$and":
                return ((List<Object>) condition).stream().allMatch(b -> matches((Map<String, Object>) b, record));
            case "$or":
                return ((List<Object>) condition).stream().anyMatch(b -> matches((Map<String, Object>) b, record));
            case "$not":
                return !matches((Map<String, Object>) condition, record);
            default:
                boolean present = record.containsKey(key);
                Object value = record.get(key);
                if (!(condition instanceof Map<?, ?> operators)) {
                    return present && equal(value, condition);
                }
                for (Map.Entry<?, ?> op : operators.entrySet()) {
                    if (!operatorMatches((String) op.getKey(), op.getValue(), present, value)) {
                        return false;
                    }
                }
                return true;
        }
    }

    private static boolean operatorMatches(String op, Object operand, boolean present, Object value) {
        switch (op) {
            case "exists":
                return present == (Boolean) operand;
            case "is_missing":
                return !present == (Boolean) operand;
            case "is_null":
                return (present && value == null) == (Boolean) operand;
            default:
                break;
        }
        if (!present) {
            return false;
        }
        return switch (op) {
            case "eq" -> equal(value, operand);
            case "ne" -> !equal(value, operand);
            case "gt" -> order(value, operand) == 1;
            case "gte" -> order(value, operand) == 1 || order(value, operand) == 0;
            case "lt" -> order(value, operand) == -1;
            case "lte" -> order(value, operand) == -1 || order(value, operand) == 0;
            case "contains" -> value instanceof String s && operand instanceof String t ? s.contains(t)
                    : value instanceof List<?> l && l.stream().anyMatch(e -> equal(e, operand));
            case "startswith" -> value instanceof String s && s.startsWith((String) operand);
            case "endswith" -> value instanceof String s && s.endsWith((String) operand);
            case "in" -> ((List<?>) operand).stream().anyMatch(t -> equal(value, t));
            case "nin" -> ((List<?>) operand).stream().noneMatch(t -> equal(value, t));
            case "any" -> ((List<?>) operand).stream().anyMatch(t -> holds(value, t));
            case "all" -> ((List<?>) operand).stream().allMatch(t -> holds(value, t));
            default -> throw new AssertionError("operator " + op);
        };
    }

    /** A list holds t when an element equals it; a scalar is a one-element list. */
    private static boolean holds(Object value, Object t) {
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(e -> equal(e, t));
        }
        return equal(value, t);
    }

    /** -1, 0, 1 for two numbers or two strings; 9 for anything else. */
    private static int order(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return Integer.signum(decimal(a).compareTo(decimal(b)));
        }
        if (a instanceof String s && b instanceof String t) {
            return Integer.signum(Arrays.compare(s.codePoints().toArray(), t.codePoints().toArray()));
        }
        return 9;
    }

    static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> equal(x.get(k), y.get(k)));
        }
        if (isNumber(a) || isNumber(b) || a instanceof List || b instanceof List || a instanceof Map
                || b instanceof Map) {
            return false;
        }
        return Objects.equals(a, b);
    }

    private static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double;
    }

    private static BigDecimal decimal(Object number) {
        return number instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal((Double) number);
    }
}
