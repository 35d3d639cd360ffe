package io.zeusdb.vector.metadata;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable metadata object: keys in code-point order in one array, values in a parallel
 * array, lookups by binary search. About 100 bytes for six fields where an unmodifiable
 * {@code TreeMap} takes over 300, which adds up across millions of records.
 *
 * <p>Equality and hashing follow the {@link Map} contract, so it equals any map with the same
 * entries. Internal: not part of the public API.
 */
final class CanonicalMap extends AbstractMap<String, Object> {

    static final CanonicalMap EMPTY = new CanonicalMap(new String[0], new Object[0]);

    private final String[] keys;
    private final Object[] values;

    /** Takes ownership of the arrays; keys must be sorted by code point, distinct and interned. */
    CanonicalMap(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        // Keys are interned, and so are the field names a compiled filter asks for: an identity
        // scan finds a present key without comparing characters (the common case in a filter walk)
        String[] ks = keys;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == k) {
                return i;
            }
        }
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = CodePointOrder.compareStrings(keys[mid], k);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = new SimpleImmutableEntry<>(keys[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
