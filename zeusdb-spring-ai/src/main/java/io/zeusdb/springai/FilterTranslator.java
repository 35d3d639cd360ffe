package io.zeusdb.springai;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Translates Spring AI's portable filter tree ({@link Filter.Expression}, which the text form
 * {@code country == 'BG' && year >= 2020} parses into) into ZeusDB's own filter, so the index
 * evaluates it inside the filtered search instead of trimming a page afterwards.
 *
 * <p>The target semantics are those of Spring AI's reference in-memory store
 * ({@code SimpleVectorStore}), so a program moving from it gets the same documents back:
 * a missing (or null) key reads as null and null sorts before every value. That makes three
 * translations more than one ZeusDB operator, because ZeusDB's value operators never match a
 * missing field:
 * <ul>
 *   <li>{@code NE} and {@code NIN} are the complement of {@code EQ} / {@code IN}, so a document
 *       without the key matches them;
 *   <li>{@code LT} and {@code LTE} also match a document without the key (null is smallest);
 *       {@code GT} and {@code GTE} never do;
 *   <li>{@code ISNULL} is "missing or null", {@code ISNOTNULL} "present and not null".
 * </ul>
 * Where SimpleVectorStore throws at evaluation time (comparing a stored string with a number, a
 * stored list with a scalar) ZeusDB simply does not match: the two values are not equal and not
 * ordered. Booleans order false before true, as {@link Boolean#compareTo} does.
 */
final class FilterTranslator {

    /**
     * The form SimpleVectorStore turns a {@link Date} operand into, so that dates stored as
     * ISO-8601 UTC strings compare with it; the adapter stores {@link Date} metadata the same way.
     */
    static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private FilterTranslator() {}

    /**
     * Translates a whole expression.
     *
     * @throws IllegalArgumentException naming the offending part when the expression is malformed
     *     (a missing operand, a key where a value belongs, a non-list operand of IN/NIN, a value
     *     metadata cannot hold)
     */
    static io.zeusdb.vector.Filter translate(Filter.Expression expression) {
        if (expression == null) {
            throw new IllegalArgumentException("The filter expression cannot be null.");
        }
        try {
            return operand(expression, expression);
        } catch (UnsupportedFilterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // ZeusDB's own check (a value metadata cannot hold, a reserved key such as "$or"):
            // keep its message and say which expression it came from
            throw new UnsupportedFilterException(e.getMessage() + " (in " + expression + ")", e);
        }
    }

    /** A malformed or untranslatable expression; an {@link IllegalArgumentException}. */
    static final class UnsupportedFilterException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedFilterException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static io.zeusdb.vector.Filter operand(Filter.Operand operand, Filter.Expression whole) {
        if (operand instanceof Filter.Group group) {
            if (group.content() == null) {
                throw malformed("an empty group", whole);
            }
            return operand(group.content(), whole);
        }
        if (operand instanceof Filter.Expression e) {
            return expression(e, whole);
        }
        throw malformed("a " + kind(operand) + " where a boolean expression belongs", whole);
    }

    private static io.zeusdb.vector.Filter expression(Filter.Expression e, Filter.Expression whole) {
        if (e.type() == null) {
            throw malformed("an expression without a type", whole);
        }
        switch (e.type()) {
            case AND:
                return operand(required(e.left(), e, whole), whole).and(operand(required(e.right(), e, whole), whole));
            case OR:
                return operand(required(e.left(), e, whole), whole).or(operand(required(e.right(), e, whole), whole));
            case NOT:
                return operand(required(e.left(), e, whole), whole).not();
            case ISNULL:
                return absent(key(e, whole));
            case ISNOTNULL:
                return present(key(e, whole));
            case IN:
                return in(key(e, whole), list(e, whole));
            case NIN:
                return in(key(e, whole), list(e, whole)).not();
            default:
                return comparison(e.type(), key(e, whole), value(e, whole), whole);
        }
    }

    /** EQ, NE, GT, GTE, LT, LTE against one value. */
    private static io.zeusdb.vector.Filter comparison(Filter.ExpressionType type, String field, Object value,
            Filter.Expression whole) {
        if (value == null) {
            // null is equal to a missing key and smaller than every value
            switch (type) {
                case EQ: case LTE: return absent(field);
                case NE: case GT: return present(field);
                case GTE: return io.zeusdb.vector.Filter.all();
                default: return nothing(); // LT null
            }
        }
        switch (type) {
            case EQ:
                return eq(field, value);
            case NE:
                return eq(field, value).not();
            default:
                break;
        }
        io.zeusdb.vector.Filter ordered;
        if (value instanceof Number n) {
            ordered = switch (type) {
                case GT -> io.zeusdb.vector.Filter.gt(field, n);
                case GTE -> io.zeusdb.vector.Filter.gte(field, n);
                case LT -> io.zeusdb.vector.Filter.lt(field, n);
                default -> io.zeusdb.vector.Filter.lte(field, n);
            };
        } else if (value instanceof String s) {
            ordered = switch (type) {
                case GT -> io.zeusdb.vector.Filter.gt(field, s);
                case GTE -> io.zeusdb.vector.Filter.gte(field, s);
                case LT -> io.zeusdb.vector.Filter.lt(field, s);
                default -> io.zeusdb.vector.Filter.lte(field, s);
            };
        } else if (value instanceof Boolean b) {
            ordered = booleanOrder(type, field, b);
        } else {
            throw malformed(type + " on '" + field + "' with a " + kind(value)
                    + " value (ordering takes a number, a string, a boolean or a date)", whole);
        }
        // null sorts first: a document without the key is below every value
        return type == Filter.ExpressionType.LT || type == Filter.ExpressionType.LTE
                ? ordered.or(absent(field)) : ordered;
    }

    /** Orders booleans false < true, which ZeusDB's range operators do not do by themselves. */
    private static io.zeusdb.vector.Filter booleanOrder(Filter.ExpressionType type, String field, boolean value) {
        io.zeusdb.vector.Filter isTrue = io.zeusdb.vector.Filter.eq(field, Boolean.TRUE);
        io.zeusdb.vector.Filter isFalse = io.zeusdb.vector.Filter.eq(field, Boolean.FALSE);
        io.zeusdb.vector.Filter anyBoolean = io.zeusdb.vector.Filter.in(field, Boolean.TRUE, Boolean.FALSE);
        return switch (type) {
            case GT -> value ? nothing() : isTrue;
            case GTE -> value ? isTrue : anyBoolean;
            case LT -> value ? isFalse : nothing();
            default -> value ? anyBoolean : isFalse; // LTE
        };
    }

    private static io.zeusdb.vector.Filter eq(String field, Object value) {
        return io.zeusdb.vector.Filter.eq(field, value);
    }

    /** IN: the stored value equals one of the values; a null among them admits missing keys. */
    private static io.zeusdb.vector.Filter in(String field, List<Object> values) {
        List<Object> nonNull = new ArrayList<>(values.size());
        boolean hasNull = false;
        for (Object v : values) {
            if (v == null) {
                hasNull = true;
            } else {
                nonNull.add(v);
            }
        }
        io.zeusdb.vector.Filter in = io.zeusdb.vector.Filter.in(field, nonNull);
        return hasNull ? in.or(absent(field)) : in;
    }

    /** The key is missing or holds null. */
    private static io.zeusdb.vector.Filter absent(String field) {
        return io.zeusdb.vector.Filter.isMissing(field).or(io.zeusdb.vector.Filter.isNull(field));
    }

    /** The key is present and not null: one leaf, so a declared field answers it from its column. */
    private static io.zeusdb.vector.Filter present(String field) {
        Map<String, Object> ops = new LinkedHashMap<>();
        ops.put("exists", Boolean.TRUE);
        ops.put("is_null", Boolean.FALSE);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(field, ops);
        return io.zeusdb.vector.Filter.of(spec);
    }

    /** Matches no document ({@code {"$or": []}}). */
    private static io.zeusdb.vector.Filter nothing() {
        return io.zeusdb.vector.Filter.or();
    }

    private static String key(Filter.Expression e, Filter.Expression whole) {
        Filter.Operand left = required(e.left(), e, whole);
        if (!(left instanceof Filter.Key key)) {
            throw malformed(e.type() + " with a " + kind(left) + " on its left where a key belongs", whole);
        }
        String k = key.key();
        if (k == null || k.isEmpty()) {
            throw malformed(e.type() + " with an empty key", whole);
        }
        // the builder and the text parser may keep the quotes of a quoted identifier
        if (k.length() >= 2 && ((k.startsWith("\"") && k.endsWith("\"")) || (k.startsWith("'") && k.endsWith("'")))) {
            k = k.substring(1, k.length() - 1);
        }
        return k;
    }

    private static Object value(Filter.Expression e, Filter.Expression whole) {
        Filter.Operand right = required(e.right(), e, whole);
        if (!(right instanceof Filter.Value v)) {
            throw malformed(e.type() + " with a " + kind(right) + " on its right where a value belongs", whole);
        }
        return normalise(v.value());
    }

    private static List<Object> list(Filter.Expression e, Filter.Expression whole) {
        Object value = value(e, whole);
        if (!(value instanceof List<?> list)) {
            throw malformed(e.type() + " needs a list of values, but was given a " + kind(value), whole);
        }
        List<Object> values = new ArrayList<>(list.size());
        for (Object item : list) {
            values.add(normalise(item instanceof Filter.Value v ? v.value() : item));
        }
        return values;
    }

    /** Dates become the ISO-8601 UTC text they are stored as; everything else is kept. */
    private static Object normalise(Object value) {
        return value instanceof Date date ? DATE_FORMAT.format(date.toInstant()) : value;
    }

    private static Filter.Operand required(Filter.Operand operand, Filter.Expression e, Filter.Expression whole) {
        if (operand == null) {
            throw malformed(e.type() + " with a missing operand", whole);
        }
        return operand;
    }

    private static String kind(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Filter.Key) {
            return "key";
        }
        if (o instanceof Filter.Value) {
            return "value";
        }
        return o.getClass().getSimpleName();
    }

    private static IllegalArgumentException malformed(String what, Filter.Expression whole) {
        return new UnsupportedFilterException("Unsupported filter expression: " + what + ", in " + whole, null);
    }
}
