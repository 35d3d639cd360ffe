package io.zeusdb.vector.storage;

import java.util.Arrays;
import java.util.Map;

/**
 * Per-node record data in chunks: external id, metadata and internal id. A node is live while
 * its id is non-null; removing a record clears its id and metadata (the graph node stays and
 * still routes searches). The id array doubles as the liveness test on the search path.
 *
 * <p>Single writer; readers go through volatile chunk directories, like {@link VectorStore}.
 * Internal: not part of the public API.
 */
public final class RecordSlots {

    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private volatile String[][] ids = new String[0][];
    private volatile Object[][] metadata = new Object[0][];
    private volatile long[][] internalIds = new long[0][];

    /** Allocates chunks until {@code nodes} fit. Writer only. */
    public void ensureCapacity(int nodes) {
        int needed = (int) (((long) nodes + MASK) >>> SHIFT);
        int have = ids.length;
        if (needed <= have) {
            return;
        }
        String[][] i2 = Arrays.copyOf(ids, needed);
        Object[][] m2 = Arrays.copyOf(metadata, needed);
        long[][] n2 = Arrays.copyOf(internalIds, needed);
        for (int c = have; c < needed; c++) {
            i2[c] = new String[CHUNK];
            m2[c] = new Object[CHUNK];
            n2[c] = new long[CHUNK];
        }
        metadata = m2;
        internalIds = n2;
        ids = i2;
    }

    /** Nodes the allocated chunks can hold. */
    public int capacity() {
        return ids.length << SHIFT;
    }

    /** Drops chunks beyond those {@code nodes} need. */
    public void trimTo(int nodes) {
        int needed = (int) (((long) nodes + MASK) >>> SHIFT);
        if (needed < ids.length) {
            metadata = Arrays.copyOf(metadata, needed);
            internalIds = Arrays.copyOf(internalIds, needed);
            ids = Arrays.copyOf(ids, needed);
        }
    }

    /** Fills a slot. Writer only. */
    public void set(int node, String id, Map<String, Object> meta, long internalId) {
        metadata[node >>> SHIFT][node & MASK] = meta;
        internalIds[node >>> SHIFT][node & MASK] = internalId;
        ids[node >>> SHIFT][node & MASK] = id;
    }

    /** Marks a node removed. Writer only. */
    public void clear(int node) {
        ids[node >>> SHIFT][node & MASK] = null;
        metadata[node >>> SHIFT][node & MASK] = null;
    }

    /** The external id, or {@code null} when the node was removed. */
    public String id(int node) {
        return ids[node >>> SHIFT][node & MASK];
    }

    /** True while the node holds a live record. */
    public boolean isLive(int node) {
        return ids[node >>> SHIFT][node & MASK] != null;
    }

    /** The record's metadata (canonical, immutable), or {@code null} when removed. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata(int node) {
        return (Map<String, Object>) metadata[node >>> SHIFT][node & MASK];
    }

    /** Replaces the record's metadata (one reference write: readers see old or new). */
    public void setMetadata(int node, Map<String, Object> meta) {
        metadata[node >>> SHIFT][node & MASK] = meta;
    }

    /** The internal id issued when this node's record arrived. */
    public long internalId(int node) {
        return internalIds[node >>> SHIFT][node & MASK];
    }

    /** Bytes held by the slot arrays (references at 4 bytes each, compressed oops). */
    public long bytes() {
        return (long) ids.length * CHUNK * (4 + 4 + 8) + ids.length * 3L * 16;
    }
}
