package io.zeusdb.vector.storage;

import io.zeusdb.vector.filter.ColumnView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One declared metadata field as a dictionary-encoded column: each distinct value the field holds
 * gets a code (1, 2, ...), each node stores the int code of its record's value, 0 when the record
 * lacks the field. About 4 bytes per record for a low-cardinality field, plus one copy of each
 * distinct value.
 *
 * <p>Values are keyed by their canonical form, so integer 10 and float 10.0 get distinct codes;
 * filters judge each code's value with the same predicate as the metadata walk, so that split
 * never changes an answer. Codes are never reused: a value whose last record went away keeps its
 * code until the column is rebuilt (clear, compact, rebuild, load).
 *
 * <p>Single writer, concurrent readers: the dictionary array grows copy-on-write and is published
 * before any node carries a new code; node codes live in chunks like {@link RecordSlots}.
 * Internal: not part of the public API.
 */
public final class FieldColumn implements ColumnView {

    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private final String field;
    private final Map<Object, Integer> codeOf = new HashMap<>();
    private volatile Object[] values = new Object[8];
    private volatile int distinct;
    private volatile int[][] codes = new int[0][];

    /** @param field the declared field name */
    public FieldColumn(String field) {
        this.field = field;
    }

    /** The declared field. */
    public String field() {
        return field;
    }

    /** Allocates chunks until {@code nodes} fit. Writer only. */
    public void ensureCapacity(int nodes) {
        int needed = (int) (((long) nodes + MASK) >>> SHIFT);
        int[][] cur = codes;
        if (needed <= cur.length) {
            return;
        }
        int[][] next = Arrays.copyOf(cur, needed);
        for (int c = cur.length; c < needed; c++) {
            next[c] = new int[CHUNK];
        }
        codes = next;
    }

    /** Records node {@code node}'s value of this field from its canonical metadata. Writer only. */
    public void set(int node, Map<String, Object> metadata) {
        int code = 0;
        if (metadata != null && metadata.containsKey(field)) {
            Object value = metadata.get(field);
            Object key = value == null ? NullKey.INSTANCE : value;
            Integer existing = codeOf.get(key);
            if (existing != null) {
                code = existing;
            } else {
                code = distinct + 1;
                Object[] vs = values;
                if (code >= vs.length) {
                    vs = Arrays.copyOf(vs, vs.length * 2);
                }
                vs[code] = value;
                values = vs;
                codeOf.put(key, code);
                distinct = code;
            }
        }
        codes[node >>> SHIFT][node & MASK] = code;
    }

    /** Marks node {@code node} as holding no value. Writer only. */
    public void clear(int node) {
        codes[node >>> SHIFT][node & MASK] = 0;
    }

    @Override
    public int distinctCount() {
        return distinct;
    }

    @Override
    public Object value(int code) {
        return values[code];
    }

    @Override
    public int code(int node) {
        int[][] c = codes;
        int chunk = node >>> SHIFT;
        return chunk < c.length ? c[chunk][node & MASK] : 0;
    }

    @Override
    public void markAccepted(boolean[] accepted, int nodeCount, long[] bits) {
        int[][] c = codes;
        int limit = accepted.length;
        for (int chunk = 0; chunk < c.length && (chunk << SHIFT) < nodeCount; chunk++) {
            int[] codesOfChunk = c[chunk];
            int base = chunk << SHIFT;
            int end = Math.min(CHUNK, nodeCount - base);
            for (int i = 0; i < end; i++) {
                int code = codesOfChunk[i];
                if (code < limit && accepted[code]) {
                    int node = base + i;
                    bits[node >>> 6] |= 1L << node;
                }
            }
        }
    }

    /** Bytes held: the code chunks plus an estimate of 48 bytes per dictionary entry. */
    public long bytes() {
        return (long) codes.length * CHUNK * Integer.BYTES + (long) values.length * 4 + 48L * distinct;
    }

    /** Stands for a stored null in the dictionary's hash map, which cannot key on null. */
    private enum NullKey {
        INSTANCE
    }
}
