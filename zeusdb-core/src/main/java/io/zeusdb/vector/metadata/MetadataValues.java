package io.zeusdb.vector.metadata;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts caller-supplied Java values into ZeusDB's canonical, immutable JSON model.
 *
 * <p>The canonical forms are: {@code null}; {@link Boolean}; {@link Long} for integers (any
 * integral {@code Number} that fits 64 bits); {@link Double} for floating point ({@code Float}
 * widened exactly, {@code BigDecimal} rounded, {@code BigInteger} beyond 64 bits converted);
 * {@link String} (also from any {@code CharSequence} or {@code Character}); an unmodifiable
 * {@code List<Object>} for lists, collections and Java arrays; an unmodifiable
 * {@code Map<String, Object>} with keys in {@linkplain CodePointOrder code-point order} for maps
 * (a compact array-backed map).
 * Anything else is refused: nothing is stringified silently.
 *
 * <p>Canonical values are shared freely between threads and never copied again.
 */
public final class MetadataValues {

    /** Maximum nesting of containers; the top-level map is level 1. */
    public static final int MAX_DEPTH = 128;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private MetadataValues() {}

    /** An empty canonical metadata map. */
    public static Map<String, Object> emptyMap() {
        return CanonicalMap.EMPTY;
    }

    /**
     * Canonicalises a record's metadata map.
     *
     * @param metadata the caller's map; {@code null} means no metadata (an empty map)
     * @return an unmodifiable, code-point sorted copy
     * @throws InvalidMetadataException if any value cannot be stored
     */
    public static Map<String, Object> canonicalMap(Map<?, ?> metadata) {
        if (metadata == null) {
            return emptyMap();
        }
        if (metadata instanceof CanonicalMap canonical) {
            return canonical; // immutable and already checked
        }
        return canonicalObject(metadata, "", 1, StringSharing.INTERNED);
    }

    /**
     * Canonicalises one record's metadata given as its names and raw values in parallel arrays,
     * as a JSON reader produces them; when the names arrive in code-point order (a saved index
     * writes them so) no sorting map is built. Strings are shared through {@code sharing}.
     *
     * @param names  the field names, {@code count} of them
     * @param values raw values: anything {@link #canonical(Object)} accepts
     * @return the canonical map, or {@code null} when a name repeats
     * @throws InvalidMetadataException if any value cannot be stored
     */
    public static Map<String, Object> canonicalFields(String[] names, Object[] values, int count,
                                                      StringSharing sharing) {
        if (count == 0) {
            return emptyMap();
        }
        for (int i = 1; i < count; i++) {
            if (CodePointOrder.compareStrings(names[i - 1], names[i]) >= 0) {
                Map<String, Object> byName = new java.util.LinkedHashMap<>();
                for (int j = 0; j < count; j++) {
                    byName.put(names[j], values[j]);
                }
                return byName.size() < count ? null : canonicalObject(byName, "", 1, sharing);
            }
        }
        String[] keys = new String[count];
        Object[] canonical = new Object[count];
        for (int i = 0; i < count; i++) {
            keys[i] = sharing.name(names[i]);
            canonical[i] = canonical(values[i], names[i], 1, sharing);
        }
        return new CanonicalMap(keys, canonical);
    }

    /**
     * Canonicalises one value (a filter operand, say).
     *
     * @throws InvalidMetadataException if the value cannot be stored
     */
    public static Object canonical(Object value) {
        return canonical(value, "", 1, StringSharing.INTERNED);
    }

    /** True when {@code value} is already one of the canonical scalar types. */
    public static boolean isCanonicalScalar(Object value) {
        return value == null || value instanceof String || value instanceof Long
                || value instanceof Double || value instanceof Boolean;
    }

    private static Object canonical(Object value, String path, int depth, StringSharing sharing) {
        if (value instanceof String s) {
            return sharing.value(s);
        }
        if (value == null || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double d) {
            return finite(d, path);
        }
        if (value instanceof Float f) {
            return finite(f.doubleValue(), path);
        }
        if (value instanceof BigInteger b) {
            if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
                return b.longValue();
            }
            return finite(b.doubleValue(), path);
        }
        if (value instanceof BigDecimal b) {
            return finite(b.doubleValue(), path);
        }
        if (value instanceof java.util.concurrent.atomic.AtomicInteger
                || value instanceof java.util.concurrent.atomic.AtomicLong) {
            return ((Number) value).longValue();
        }
        if (value instanceof CharSequence s) {
            return sharing.value(s.toString());
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof Map<?, ?> m) {
            return canonicalObject(m, path, depth + 1, sharing);
        }
        if (value instanceof Collection<?> c) {
            checkDepth(path, depth + 1);
            List<Object> out = new ArrayList<>(c.size());
            int i = 0;
            for (Object e : c) {
                out.add(canonical(e, path + "[" + i + "]", depth + 1, sharing));
                i++;
            }
            return Collections.unmodifiableList(out);
        }
        if (value.getClass().isArray()) {
            checkDepth(path, depth + 1);
            int n = Array.getLength(value);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(canonical(Array.get(value, i), path + "[" + i + "]", depth + 1, sharing));
            }
            return Collections.unmodifiableList(out);
        }
        throw new InvalidMetadataException("metadata " + where(path) + "has unsupported type "
                + value.getClass().getName()
                + "; use a String, Number, Boolean, List, Map with String keys, or null");
    }

    private static Map<String, Object> canonicalObject(Map<?, ?> m, String path, int depth,
                                                       StringSharing sharing) {
        checkDepth(path, depth);
        if (m.isEmpty()) {
            return emptyMap(); // shared: most records of a bulk load carry no metadata
        }
        TreeMap<String, Object> out = new TreeMap<>(CodePointOrder.INSTANCE);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object key = e.getKey();
            if (!(key instanceof String k)) {
                throw new InvalidMetadataException("metadata " + where(path) + "has a key of type "
                        + (key == null ? "null" : key.getClass().getSimpleName())
                        + "; map keys must be Strings");
            }
            String child = path.isEmpty() ? k : path + "." + k;
            out.put(k, canonical(e.getValue(), child, depth, sharing));
        }
        String[] keys = new String[out.size()];
        Object[] values = new Object[out.size()];
        int i = 0;
        for (Map.Entry<String, Object> e : out.entrySet()) {
            keys[i] = sharing.name(e.getKey()); // field names repeat across records: keep one copy
            values[i++] = e.getValue();
        }
        return new CanonicalMap(keys, values);
    }

    private static void checkDepth(String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidMetadataException("metadata nests deeper than " + MAX_DEPTH
                    + " levels; flatten it");
        }
    }

    private static Double finite(double d, String path) {
        if (!Double.isFinite(d)) {
            throw new InvalidMetadataException("metadata " + where(path) + "holds the non-finite number "
                    + nonFiniteText(d) + "; store finite numbers only (or the text as a String)");
        }
        return d;
    }

    /** Upstream prints non-finite values as {@code NaN}, {@code inf}, {@code -inf}. */
    public static String nonFiniteText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : "field '" + path + "' ";
    }
}
