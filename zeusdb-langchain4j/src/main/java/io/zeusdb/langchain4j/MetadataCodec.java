package io.zeusdb.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes a {@link TextSegment} into a ZeusDB record's metadata and reads it back.
 *
 * <p>Internal, not API. Layout of a record's metadata (documented in docs/langchain4j.md):
 * <ul>
 *   <li>{@value #TEXT_KEY}: the segment's text; absent for an embedding added without a segment.
 *   <li>every LangChain4j metadata entry under its own key, at the top level, so declared fields
 *       ({@code indexed_fields}) and filters name the LangChain4j key directly;
 *   <li>{@value #TYPES_KEY}: a map from key to {@code "int"}, {@code "float"} or {@code "uuid"} for
 *       the entries whose Java type ZeusDB's value model does not keep (it has one integer kind,
 *       one float kind and no UUID), so that they read back as the type that was written. Longs,
 *       doubles and strings need no entry. Absent when no entry needs one.
 * </ul>
 *
 * <p>Values are normalised on the way in so that the filter language compares them the way
 * LangChain4j does: an {@code Integer} is stored as an integer (LangChain4j compares numbers by
 * value across types), a {@code UUID} as its canonical text (LangChain4j matches a UUID with its
 * string form), and a {@code Float} as the double nearest its decimal text ({@code 1.1f} is stored
 * as {@code 1.1}), because LangChain4j compares numbers through {@code BigDecimal(toString())}, so
 * {@code 1.1f} equals {@code 1.1d} there even though their binary values differ.
 */
final class MetadataCodec {

    /** Reserved record-metadata key holding the segment text. */
    static final String TEXT_KEY = "zeusdb.text";
    /** Reserved record-metadata key holding the Java types ZeusDB's values do not keep. */
    static final String TYPES_KEY = "zeusdb.types";

    private static final String INT = "int";
    private static final String FLOAT = "float";
    private static final String UUID_TYPE = "uuid";

    private MetadataCodec() {}

    /** True for the keys the adapter reserves; LangChain4j metadata may not use them. */
    static boolean isReserved(String key) {
        return TEXT_KEY.equals(key) || TYPES_KEY.equals(key);
    }

    /**
     * The record metadata for a segment; an empty map for {@code null} (an embedding stored
     * without a segment).
     *
     * @throws IllegalArgumentException for a reserved key or a non-finite number
     */
    static Map<String, Object> encode(TextSegment segment) {
        Map<String, Object> out = new HashMap<>();
        if (segment == null) {
            return out;
        }
        out.put(TEXT_KEY, segment.text());
        Map<String, Object> types = null;
        for (Map.Entry<String, Object> e : segment.metadata().toMap().entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (isReserved(key)) {
                throw new IllegalArgumentException("Metadata key '" + key + "' is reserved by ZeusDbEmbeddingStore "
                        + "(it holds the segment text or the value types); rename the key.");
            }
            String type = null;
            Object stored;
            if (value instanceof String s) {
                stored = s;
            } else if (value instanceof UUID u) {
                stored = u.toString();
                type = UUID_TYPE;
            } else if (value instanceof Integer i) {
                stored = i.longValue();
                type = INT;
            } else if (value instanceof Long l) {
                stored = l;
            } else if (value instanceof Float f) {
                checkFinite(key, f.doubleValue());
                stored = decimalDouble(f);
                type = FLOAT;
            } else if (value instanceof Double d) {
                checkFinite(key, d);
                stored = d;
            } else {
                // Metadata refuses other types itself; this guards a future LangChain4j type.
                throw new IllegalArgumentException("Metadata key '" + key + "' holds a "
                        + (value == null ? "null" : value.getClass().getName()) + "; ZeusDbEmbeddingStore stores "
                        + "String, UUID, Integer, Long, Float and Double values.");
            }
            out.put(key, stored);
            if (type != null) {
                if (types == null) {
                    types = new TreeMap<>();
                }
                types.put(key, type);
            }
        }
        if (types != null) {
            out.put(TYPES_KEY, types);
        }
        return out;
    }

    /**
     * The segment a record's metadata describes, or {@code null} when the record was stored
     * without one. Values LangChain4j metadata cannot hold (booleans, lists, maps, nulls: only an
     * index written by other code has them) are left out.
     */
    static TextSegment decode(Map<String, Object> stored) {
        if (!(stored.get(TEXT_KEY) instanceof String text)) {
            return null;
        }
        Map<?, ?> types = stored.get(TYPES_KEY) instanceof Map<?, ?> m ? m : Map.of();
        Metadata metadata = new Metadata();
        for (Map.Entry<String, Object> e : stored.entrySet()) {
            String key = e.getKey();
            if (isReserved(key)) {
                continue;
            }
            Object value = e.getValue();
            Object type = types.get(key);
            if (INT.equals(type) && value instanceof Long l) {
                metadata.put(key, l.intValue());
            } else if (FLOAT.equals(type) && value instanceof Double d) {
                // the stored double is the float's decimal text read as a double; reading that
                // text back as a float gives the original float exactly
                metadata.put(key, Float.parseFloat(Double.toString(d)));
            } else if (UUID_TYPE.equals(type) && value instanceof String s) {
                metadata.put(key, UUID.fromString(s));
            } else if (value instanceof String s) {
                metadata.put(key, s);
            } else if (value instanceof Long l) {
                metadata.put(key, l.longValue());
            } else if (value instanceof Double d) {
                metadata.put(key, d.doubleValue());
            }
        }
        return TextSegment.from(text, metadata);
    }

    /**
     * The double LangChain4j's number comparison sees for a float: the value of its shortest
     * decimal text. {@code 1.1f} gives {@code 1.1}, not {@code 1.100000023841858}.
     */
    static double decimalDouble(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    private static void checkFinite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Metadata key '" + key + "' holds " + value
                    + "; ZeusDB stores finite numbers only.");
        }
    }
}
