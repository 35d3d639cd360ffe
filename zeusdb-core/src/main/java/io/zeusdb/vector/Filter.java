package io.zeusdb.vector;

import io.zeusdb.vector.filter.FilterCompiler;
import io.zeusdb.vector.filter.FilterJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable metadata filter, built with typed factories and combinators; the typed form of the
 * filter language whose Map form is {@code Map<String, ?>} and whose text form is JSON.
 *
 * <pre>{@code
 * Filter recentByAlice = Filter.eq("author", "Alice").and(Filter.gte("year", 2024));
 * Filter tagged = Filter.any("tags", "ai", "ml");
 * index.search(query, recentByAlice.or(tagged), 5);
 * index.count(Filter.parse("{\"lang\": null, \"year\": {\"gte\": 2024}}"));
 * }</pre>
 *
 * <p>Semantics, in short (the reference's section 10 is the full statement):
 * <ul>
 *   <li>A record without the field never matches a value operator, {@link #ne} and {@link #nin}
 *       included; ask about absence with {@link #exists}, {@link #isMissing} or {@link #not}.
 *   <li>Numbers compare by exact magnitude (integer 10 equals float 10.0; a long beyond 2^53 is
 *       never rounded); strings by Unicode code point; lists element-wise in order; maps key-wise.
 *       A stored value of another kind than the operator applies to simply does not match.
 *   <li>{@link #gt}, {@link #gte}, {@link #lt}, {@link #lte} compare a number with stored numbers,
 *       or a string with stored strings (so ISO-8601 dates filter by range).
 *   <li>{@link #in} matches when the whole stored value equals one of the values; for a stored tag
 *       list use {@link #any} (shares an element) or {@link #all} (holds every element).
 *   <li>{@link #not} complements among live records, so it admits records lacking the field.
 * </ul>
 *
 * <p>Every factory validates what it can: a null or empty field name, a field named
 * {@code $and}, {@code $or} or {@code $not} (reserved group keys), a value that metadata cannot
 * hold, a wrong operand type (from {@link #of} or {@link #parse}) and groups nested past 10
 * levels throw {@link IllegalArgumentException} when the filter is built.
 *
 * <p>{@link #toMap()} gives the equivalent Map form; a filter and its Map form (and its JSON text,
 * {@link #toString()}) compile to the same predicate and agree on every record. Equality is
 * structural: two filters are equal when their Map forms are equal, not whenever they select the
 * same records.
 *
 * <p>Note on {@code and}/{@code or}: the static {@link #and(Filter...)} cannot be called with
 * exactly one argument ({@code Filter.and(a)} resolves to the instance method and does not
 * compile); a single filter needs no combining. For the same reason {@code a.and(null)} is
 * ambiguous to the compiler; a null filter is refused at run time in any case.
 */
public final class Filter {

    private static final String AND = "$and";
    private static final String OR = "$or";
    private static final String NOT = "$not";

    private static final Filter ALL = new Filter(FilterCompiler.canonicalForm(Map.of()));

    /** The canonical Map form: code-point sorted keys, canonical operands, unmodifiable. */
    private final Map<String, Object> form;

    private Filter(Map<String, Object> canonicalForm) {
        this.form = canonicalForm;
    }

    /** Validates {@code spec} completely and keeps its canonical form. */
    private static Filter fromSpec(Object spec) {
        return new Filter(FilterCompiler.canonicalForm(spec));
    }

    // ---------------------------------------------------------------------------------------------
    // Whole filters

    /**
     * The filter that matches every record ({@code {}}). {@code removeWhere} refuses it.
     *
     * @return the empty filter
     */
    public static Filter all() {
        return ALL;
    }

    /**
     * Parses the JSON text form, for example {@code {"lang": null, "year": {"gte": 2024}}}.
     * Integers stay integers, numbers with a fraction or exponent are floats.
     *
     * @param json one JSON object
     * @return the filter
     * @throws IllegalArgumentException if the text is not a JSON object or the filter is malformed
     */
    public static Filter parse(String json) {
        if (json == null) {
            throw new IllegalArgumentException("Filter.parse was given null; write \"{}\" or use Filter.all() "
                    + "to match every record.");
        }
        return fromSpec(json);
    }

    /**
     * Wraps the Map form, for example {@code Map.of("category", "science", "published", true)}.
     * The map is copied; later changes to it do not change the filter.
     *
     * @param filter the Map form; use a {@code HashMap} when a value is null
     * @return the filter
     * @throws IllegalArgumentException if the filter is malformed or null
     */
    public static Filter of(Map<String, ?> filter) {
        if (filter == null) {
            throw new IllegalArgumentException("Filter.of was given null; use Filter.all() to match every record.");
        }
        return fromSpec(filter);
    }

    // ---------------------------------------------------------------------------------------------
    // Value operators

    /**
     * The field deep-equals {@code value} ({@code null} included: a stored null matches, an absent
     * field does not). Numbers by magnitude, lists in order, maps key-wise.
     */
    public static Filter eq(String field, Object value) {
        return operator("eq", field, "eq", value);
    }

    /** The field is present and does not deep-equal {@code value}; an absent field does not match. */
    public static Filter ne(String field, Object value) {
        return operator("ne", field, "ne", value);
    }

    /** The field is a number greater than {@code value}. */
    public static Filter gt(String field, Number value) {
        return operator("gt", field, "gt", value);
    }

    /** The field is a string after {@code value} in code-point order. */
    public static Filter gt(String field, String value) {
        return operator("gt", field, "gt", value);
    }

    /** The field is a number greater than or equal to {@code value}. */
    public static Filter gte(String field, Number value) {
        return operator("gte", field, "gte", value);
    }

    /** The field is a string equal to or after {@code value} in code-point order. */
    public static Filter gte(String field, String value) {
        return operator("gte", field, "gte", value);
    }

    /** The field is a number less than {@code value}. */
    public static Filter lt(String field, Number value) {
        return operator("lt", field, "lt", value);
    }

    /** The field is a string before {@code value} in code-point order. */
    public static Filter lt(String field, String value) {
        return operator("lt", field, "lt", value);
    }

    /** The field is a number less than or equal to {@code value}. */
    public static Filter lte(String field, Number value) {
        return operator("lte", field, "lte", value);
    }

    /** The field is a string equal to or before {@code value} in code-point order. */
    public static Filter lte(String field, String value) {
        return operator("lte", field, "lte", value);
    }

    /**
     * The whole field value deep-equals one of {@code values}. A stored list matches only an
     * identical list among the values; use {@link #any} for tag lists.
     */
    public static Filter in(String field, Object... values) {
        return operator("in", field, "in", varargs("in", values));
    }

    /** As {@link #in(String, Object...)}, with the values in a collection (iteration order). */
    public static Filter in(String field, Collection<?> values) {
        return operator("in", field, "in", collection("in", values));
    }

    /** The field is present and its whole value deep-equals none of {@code values}. */
    public static Filter nin(String field, Object... values) {
        return operator("nin", field, "nin", varargs("nin", values));
    }

    /** As {@link #nin(String, Object...)}, with the values in a collection (iteration order). */
    public static Filter nin(String field, Collection<?> values) {
        return operator("nin", field, "nin", collection("nin", values));
    }

    /**
     * The field is a string containing {@code value} as a substring, or a list holding an element
     * that deep-equals {@code value}.
     */
    public static Filter contains(String field, Object value) {
        return operator("contains", field, "contains", value);
    }

    /** The field is a string beginning with {@code prefix}. */
    public static Filter startsWith(String field, String prefix) {
        return operator("startsWith", field, "startswith", prefix);
    }

    /** The field is a string ending with {@code suffix}. */
    public static Filter endsWith(String field, String suffix) {
        return operator("endsWith", field, "endswith", suffix);
    }

    /**
     * The field (a list, or a scalar read as a one-element list) shares at least one element with
     * {@code values}; no values match nothing.
     */
    public static Filter any(String field, Object... values) {
        return operator("any", field, "any", varargs("any", values));
    }

    /** As {@link #any(String, Object...)}, with the values in a collection. */
    public static Filter any(String field, Collection<?> values) {
        return operator("any", field, "any", collection("any", values));
    }

    /**
     * The field (a list, or a scalar read as a one-element list) holds every one of
     * {@code values}; no values match every record that has the field.
     */
    public static Filter all(String field, Object... values) {
        return operator("all", field, "all", varargs("all", values));
    }

    /** As {@link #all(String, Object...)}, with the values in a collection. */
    public static Filter all(String field, Collection<?> values) {
        return operator("all", field, "all", collection("all", values));
    }

    // ---------------------------------------------------------------------------------------------
    // Presence operators

    /** The record has the field, whatever it holds (null included). */
    public static Filter exists(String field) {
        return operator("exists", field, "exists", Boolean.TRUE);
    }

    /** The record does not have the field. */
    public static Filter isMissing(String field) {
        return operator("isMissing", field, "is_missing", Boolean.TRUE);
    }

    /** The record has the field and it holds null. */
    public static Filter isNull(String field) {
        return operator("isNull", field, "is_null", Boolean.TRUE);
    }

    // ---------------------------------------------------------------------------------------------
    // Combinators

    /** Both this filter and {@code other} hold. */
    public Filter and(Filter other) {
        return group("and", AND, new Filter[] {this, other});
    }

    /** This filter or {@code other} (or both) holds. */
    public Filter or(Filter other) {
        return group("or", OR, new Filter[] {this, other});
    }

    /** This filter does not hold (among live records, so records lacking a field are included). */
    public Filter not() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(NOT, form);
        return fromSpec(spec);
    }

    /**
     * Every one of {@code filters} holds; with none, matches every record ({@code {"$and": []}}).
     * Call with two or more filters, or none (see the class note).
     */
    public static Filter and(Filter... filters) {
        return group("and", AND, filters);
    }

    /** At least one of {@code filters} holds; with none, matches no record ({@code {"$or": []}}). */
    public static Filter or(Filter... filters) {
        return group("or", OR, filters);
    }

    /** {@code filter} does not hold; the same as {@code filter.not()}. */
    public static Filter not(Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("Filter.not was given null instead of a filter.");
        }
        return filter.not();
    }

    /**
     * {@code {"$and": [...]}} or {@code {"$or": [...]}} over the parts; a part that is itself
     * the same kind of group is spliced in, so chaining {@code a.and(b).and(c)} stays one level.
     */
    private static Filter group(String method, String key, Filter[] parts) {
        if (parts == null) {
            throw new IllegalArgumentException("Filter." + method + " was given null instead of filters.");
        }
        List<Object> branches = new ArrayList<>();
        for (Filter part : parts) {
            if (part == null) {
                throw new IllegalArgumentException("Filter." + method + " was given a null filter.");
            }
            Object sameGroup = part.form.size() == 1 ? part.form.get(key) : null;
            if (sameGroup instanceof List<?> list) {
                branches.addAll(list);
            } else {
                branches.add(part.form);
            }
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(key, branches);
        return fromSpec(spec);
    }

    // ---------------------------------------------------------------------------------------------
    // Forms

    /**
     * The equivalent Map form, for example {@code {"year": {"gte": 2024}}}: keys in code-point
     * order, values canonical metadata values, unmodifiable at every level. The maps are
     * {@link LinkedHashMap}s underneath, so null values (equality with null) are present as such.
     *
     * @return the Map form; compiles to the same predicate as this filter
     */
    public Map<String, Object> toMap() {
        return form;
    }

    /** Structural equality of the Map forms. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Filter f && form.equals(f.form);
    }

    @Override
    public int hashCode() {
        return form.hashCode();
    }

    /**
     * The JSON text form, for example {@code {"year":{"gte":2024}}}; {@link #parse} reads it back
     * to an equal filter.
     */
    @Override
    public String toString() {
        return FilterJson.write(form);
    }

    // ---------------------------------------------------------------------------------------------
    // Factory helpers

    private static Filter operator(String method, String field, String op, Object operand) {
        checkField(method, field);
        Map<String, Object> operators = new LinkedHashMap<>();
        operators.put(op, operand);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(field, operators);
        return fromSpec(spec);
    }

    private static void checkField(String method, String field) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("Filter." + method + " needs a metadata field name, but was given "
                    + (field == null ? "null" : "an empty string") + ".");
        }
        if (AND.equals(field) || OR.equals(field) || NOT.equals(field)) {
            throw new IllegalArgumentException("\"" + field + "\" is a reserved filter key ($and, $or and $not "
                    + "combine filters), so a metadata field named \"" + field + "\" cannot be filtered on; "
                    + "combine filters with Filter.and, Filter.or and Filter.not.");
        }
    }

    private static List<Object> varargs(String method, Object[] values) {
        if (values == null) {
            throw new IllegalArgumentException("Filter." + method + " was given a null array of values; "
                    + "pass the values, or none.");
        }
        return Arrays.asList(values);
    }

    private static Collection<?> collection(String method, Collection<?> values) {
        if (values == null) {
            throw new IllegalArgumentException("Filter." + method + " was given a null collection of values; "
                    + "pass an empty collection for none.");
        }
        return values;
    }
}
