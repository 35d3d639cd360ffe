package io.zeusdb.vector.filter;

import java.util.Map;
import java.util.Set;

/**
 * A compiled metadata filter: judges one record's metadata, and says what its shape alone decides.
 *
 * <p>Internal, not API: the public entry points take a {@code Map}, JSON text or an
 * {@link io.zeusdb.vector.Filter}, and compile them with {@link FilterCompiler}.
 *
 * <p>Implementations are immutable and thread-safe. {@link #test} never throws for a well-formed
 * canonical record (every malformed filter was refused when it was compiled) and neither
 * allocates nor boxes, because a search may call it once per visited record.
 */
public interface MetadataPredicate {

    /**
     * Judges one record.
     *
     * @param metadata the record's canonical metadata (see
     *     {@link io.zeusdb.vector.metadata.MetadataValues}); never null, possibly empty
     * @return true when the record matches the filter
     */
    boolean test(Map<String, Object> metadata);

    /**
     * True when the filter matches every record by its shape alone: {@code {}},
     * {@code {"$and": []}}, {@code {"$not": {"$or": []}}} and groups built only from such parts.
     * {@code removeWhere} refuses such a filter and {@code count} answers it with the live count.
     * A field condition never counts as trivially true (conservative: {@code {"x": {"is_null":
     * false}}} does hold for records lacking {@code x}, but is not recognised here).
     */
    boolean matchesEverythingByShape();

    /**
     * True when the filter matches no record by its shape alone: {@code {"$or": []}},
     * {@code {"$not": {}}} and groups built only from such parts. Field conditions are never
     * recognised here, even one that can match nothing such as {@code {"tags": {"any": []}}}.
     */
    boolean matchesNothingByShape();

    /**
     * Every metadata field the filter names, in any group and under any operator (including
     * branches that its shape makes irrelevant), in code-point order. Unmodifiable.
     */
    Set<String> fieldNames();

    /**
     * The nodes below {@code nodeCount} whose record matches, as a bitmap ({@code long} words,
     * bit {@code i} of word {@code i >>> 6}), computed from declared-field columns without reading
     * any metadata; {@code null} when the filter names a field that has no column. {@code $not}
     * complements within {@code [0, nodeCount)}: the caller intersects with the live records.
     */
    default long[] matchBits(ColumnView.Lookup columns, int nodeCount) {
        return null;
    }

    /**
     * A superset of the matching nodes from declared columns alone, for a filter that also names
     * undeclared fields (e.g. {@code {"category": "a", "note": {"contains": "x"}}} with only
     * {@code category} declared): only these nodes' metadata need be read. Exact when
     * {@link #matchBits} is not null; {@code null} when the columns bound nothing.
     */
    default long[] candidateBits(ColumnView.Lookup columns, int nodeCount) {
        return matchBits(columns, nodeCount);
    }

    /**
     * A value equal for every predicate that selects the same records by construction (the
     * filter's canonical Map form), for caching match sets across calls; {@code null} when the
     * predicate cannot say.
     */
    default Object cacheKey() {
        return null;
    }
}
