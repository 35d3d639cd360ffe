package io.zeusdb.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Translates a LangChain4j {@link Filter} tree into a ZeusDB {@link io.zeusdb.vector.Filter} that
 * the index evaluates inside its filtered search, with LangChain4j's semantics.
 *
 * <p>Internal, not API; docs/langchain4j.md states the semantics. Where the two languages differ:
 * <ul>
 *   <li>a missing key makes {@code IsNotEqualTo} and {@code IsNotIn} true in LangChain4j, while
 *       ZeusDB's {@code ne}/{@code nin} need the field: they are translated as {@code $not} of the
 *       positive test, which complements among all records;
 *   <li>numbers compare by decimal value across Integer, Long, Float and Double: stored values
 *       and comparison values are normalised alike ({@link MetadataCodec#decimalDouble});
 *       {@code NaN} equals nothing and orders with nothing, infinities order as in Java;
 *   <li>a UUID comparison value matches its canonical text (UUIDs are stored as text);
 *   <li>strings order by UTF-16 code unit ({@link String#compareTo}); see {@link Utf16Range}.
 * </ul>
 *
 * <p>A value of another type than the stored one (a number against a string) matches no positive
 * test and so satisfies the negated ones; LangChain4j's in-memory store throws for such a pair
 * instead, and database-backed stores do not.
 */
final class FilterTranslator {

    /** Matches every record; never passed to the index as such. */
    static final io.zeusdb.vector.Filter ALWAYS = io.zeusdb.vector.Filter.and();
    /** Matches no record ({@code {"$or": []}}). */
    static final io.zeusdb.vector.Filter NEVER = io.zeusdb.vector.Filter.or();

    private FilterTranslator() {}

    /**
     * The ZeusDB filter for {@code filter}; {@link #ALWAYS} or {@link #NEVER} when the answer does
     * not depend on the record (callers test with {@code equals}).
     *
     * @throws IllegalArgumentException      for a reserved key or a comparison ZeusDB cannot order
     *                                       (a range over UUIDs)
     * @throws UnsupportedOperationException for a {@code Filter} implementation that is not one of
     *                                       LangChain4j's own
     */
    static io.zeusdb.vector.Filter translate(Filter filter) {
        return switch (filter) {
            case And and -> and(translate(and.left()), translate(and.right()));
            case Or or -> or(translate(or.left()), translate(or.right()));
            case Not not -> not(translate(not.expression()));
            case IsEqualTo f -> equalTo(key(f.key()), f.comparisonValue());
            case IsNotEqualTo f -> not(equalTo(key(f.key()), f.comparisonValue()));
            case IsIn f -> in(key(f.key()), f.comparisonValues());
            case IsNotIn f -> not(in(key(f.key()), f.comparisonValues()));
            case IsGreaterThan f -> range(key(f.key()), f.comparisonValue(), Bound.GT);
            case IsGreaterThanOrEqualTo f -> range(key(f.key()), f.comparisonValue(), Bound.GTE);
            case IsLessThan f -> range(key(f.key()), f.comparisonValue(), Bound.LT);
            case IsLessThanOrEqualTo f -> range(key(f.key()), f.comparisonValue(), Bound.LTE);
            case ContainsString f -> io.zeusdb.vector.Filter.contains(key(f.key()), f.comparisonValue());
            case null -> throw new IllegalArgumentException("filter cannot be null");
            default -> throw new UnsupportedOperationException("ZeusDbEmbeddingStore cannot translate a "
                    + filter.getClass().getName() + " into a ZeusDB filter; build filters with MetadataFilterBuilder "
                    + "(IsEqualTo, IsIn, IsGreaterThan, ..., And, Or, Not).");
        };
    }

    /** The four range comparisons. */
    enum Bound {
        GT, GTE, LT, LTE;

        boolean upper() {
            return this == LT || this == LTE;
        }

        boolean inclusive() {
            return this == GTE || this == LTE;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Leaves

    private static String key(String key) {
        if (MetadataCodec.isReserved(key)) {
            throw new IllegalArgumentException("Metadata key '" + key + "' is reserved by ZeusDbEmbeddingStore "
                    + "and cannot be filtered on.");
        }
        return key;
    }

    private static io.zeusdb.vector.Filter equalTo(String key, Object value) {
        Object operand = operand(value);
        return operand == null ? NEVER : io.zeusdb.vector.Filter.eq(key, operand);
    }

    private static io.zeusdb.vector.Filter in(String key, Collection<?> values) {
        List<Object> operands = new ArrayList<>(values.size());
        for (Object value : values) {
            Object operand = operand(value);
            if (operand != null) {
                operands.add(operand);
            }
        }
        return operands.isEmpty() ? NEVER : io.zeusdb.vector.Filter.in(key, operands);
    }

    /**
     * A comparison value as the stored values are normalised; {@code null} for a number that
     * equals no stored value (NaN, an infinity: only finite numbers are stored).
     */
    private static Object operand(Object value) {
        if (value instanceof UUID u) {
            return u.toString();
        }
        if (value instanceof Number n) {
            return finiteNumber(n);
        }
        return value;
    }

    /** A number normalised like a stored one, or {@code null} when it is not finite. */
    private static Number finiteNumber(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof Float f) {
            return Float.isFinite(f) ? MetadataCodec.decimalDouble(f) : null;
        }
        if (n instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (n instanceof BigInteger || n instanceof BigDecimal) {
            return n; // ZeusDB's value model reads these itself
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? d : null;
    }

    private static io.zeusdb.vector.Filter range(String key, Comparable<?> value, Bound bound) {
        if (value instanceof Number n) {
            return numberRange(key, n, bound);
        }
        if (value instanceof String s) {
            return Utf16Range.of(key, s, bound);
        }
        throw new IllegalArgumentException("ZeusDbEmbeddingStore orders numbers and strings; metadata key '" + key
                + "' is compared with a " + value.getClass().getName() + ".");
    }

    private static io.zeusdb.vector.Filter numberRange(String key, Number n, Bound bound) {
        if (n instanceof Double d && !Double.isFinite(d) || n instanceof Float f && !Float.isFinite(f)) {
            double v = n.doubleValue();
            if (Double.isNaN(v)) {
                return NEVER; // NaN orders with nothing
            }
            // Every stored number is finite: below +inf, above -inf.
            boolean holdsForEveryNumber = (v > 0) == bound.upper();
            return holdsForEveryNumber ? anyNumber(key) : NEVER;
        }
        Number operand = finiteNumber(n);
        return switch (bound) {
            case GT -> io.zeusdb.vector.Filter.gt(key, operand);
            case GTE -> io.zeusdb.vector.Filter.gte(key, operand);
            case LT -> io.zeusdb.vector.Filter.lt(key, operand);
            case LTE -> io.zeusdb.vector.Filter.lte(key, operand);
        };
    }

    /** The key holds a number (any finite value is at least {@code -Double.MAX_VALUE}). */
    private static io.zeusdb.vector.Filter anyNumber(String key) {
        return io.zeusdb.vector.Filter.gte(key, -Double.MAX_VALUE);
    }

    // ---------------------------------------------------------------------------------------------
    // Combinators, folding the constants so that ALWAYS and NEVER never reach the index

    static io.zeusdb.vector.Filter and(io.zeusdb.vector.Filter a, io.zeusdb.vector.Filter b) {
        if (NEVER.equals(a) || NEVER.equals(b)) {
            return NEVER;
        }
        if (ALWAYS.equals(a)) {
            return b;
        }
        if (ALWAYS.equals(b)) {
            return a;
        }
        return a.and(b);
    }

    static io.zeusdb.vector.Filter or(io.zeusdb.vector.Filter a, io.zeusdb.vector.Filter b) {
        if (ALWAYS.equals(a) || ALWAYS.equals(b)) {
            return ALWAYS;
        }
        if (NEVER.equals(a)) {
            return b;
        }
        if (NEVER.equals(b)) {
            return a;
        }
        return a.or(b);
    }

    static io.zeusdb.vector.Filter not(io.zeusdb.vector.Filter a) {
        if (ALWAYS.equals(a)) {
            return NEVER;
        }
        if (NEVER.equals(a)) {
            return ALWAYS;
        }
        return a.not();
    }
}
