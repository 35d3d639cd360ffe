package io.zeusdb.vector.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * External id to node number: an open-addressing hash table with linear probing, about 16 bytes
 * per record instead of the ~50 of a {@code ConcurrentHashMap<String, Integer>} (entry object
 * plus boxed value), which matters when the index's own overhead is budgeted per vector.
 *
 * <p>One writer, any number of concurrent readers. A key is published with a release store
 * after its value, and read with an acquire load, so a reader that finds a key sees its value
 * (the one written with it or a later one). Removal leaves a tombstone so probe chains stay
 * intact; growth and tombstone clean-up build a new table and publish it in one volatile write.
 *
 * <p>Internal: not part of the public API.
 */
public final class IdTable {

    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(String[].class);
    /** Marks a removed slot; compared by identity. */
    private static final String TOMBSTONE = new String("\u0000<removed>");

    private static final class Table {
        final String[] keys;
        final int[] values;
        final int mask;

        Table(int capacity) {
            keys = new String[capacity];
            values = new int[capacity];
            mask = capacity - 1;
        }
    }

    private volatile Table table;
    private int size;
    private int tombstones;

    /** An empty table. */
    public IdTable() {
        table = new Table(16);
    }

    /**
     * An empty table sized for {@code expected} keys without growing (a loaded index knows its
     * record count; growing from 16 would rehash every key about log2(n) times).
     */
    public IdTable(int expected) {
        int capacity = 16;
        while (capacity < (1 << 30) && expected * 4L > capacity * 3L) {
            capacity <<= 1;
        }
        table = new Table(capacity);
    }

    /** Live entries. */
    public int size() {
        return size;
    }

    private static int slot(String key, int mask) {
        int h = key.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** The node of {@code key}, or -1. */
    public int get(String key) {
        Table t = table;
        for (int i = slot(key, t.mask); ; i = (i + 1) & t.mask) {
            String k = (String) KEYS.getAcquire(t.keys, i);
            if (k == null) {
                return -1;
            }
            if (k != TOMBSTONE && k.equals(key)) {
                return t.values[i];
            }
        }
    }

    /** True when {@code key} is present. */
    public boolean contains(String key) {
        return get(key) >= 0;
    }

    /** Maps {@code key} to {@code node}; returns the previous node or -1. Writer only. */
    public int put(String key, int node) {
        Table t = table;
        int free = -1;
        for (int i = slot(key, t.mask); ; i = (i + 1) & t.mask) {
            String k = t.keys[i];
            if (k == null) {
                if (free < 0) {
                    free = i;
                }
                break;
            }
            if (k == TOMBSTONE) {
                if (free < 0) {
                    free = i;
                }
            } else if (k.equals(key)) {
                int old = t.values[i];
                t.values[i] = node;
                return old;
            }
        }
        if (t.keys[free] == TOMBSTONE) {
            tombstones--;
        }
        t.values[free] = node;
        KEYS.setRelease(t.keys, free, key);
        size++;
        if ((size + tombstones) * 4L > (t.mask + 1) * 3L) {
            rehash();
        }
        return -1;
    }

    /** Removes {@code key}; returns its node or -1. Writer only. */
    public int remove(String key) {
        Table t = table;
        for (int i = slot(key, t.mask); ; i = (i + 1) & t.mask) {
            String k = t.keys[i];
            if (k == null) {
                return -1;
            }
            if (k != TOMBSTONE && k.equals(key)) {
                KEYS.setRelease(t.keys, i, TOMBSTONE);
                size--;
                tombstones++;
                return t.values[i];
            }
        }
    }

    private void rehash() {
        Table old = table;
        int capacity = old.mask + 1;
        while (size * 2L > capacity) {
            capacity <<= 1;
        }
        Table t = new Table(Math.max(16, capacity));
        for (int i = 0; i <= old.mask; i++) {
            String k = old.keys[i];
            if (k != null && k != TOMBSTONE) {
                int j = slot(k, t.mask);
                while (t.keys[j] != null) {
                    j = (j + 1) & t.mask;
                }
                t.keys[j] = k;
                t.values[j] = old.values[i];
            }
        }
        tombstones = 0;
        table = t;
    }

    /** Bytes of the two slot arrays (references at 4 bytes, compressed oops). */
    public long bytes() {
        return (table.mask + 1L) * 8 + 32;
    }
}
