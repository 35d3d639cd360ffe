package io.zeusdb.vector.persistence;

import io.zeusdb.vector.graph.HnswGraph;
import io.zeusdb.vector.storage.RecordSlots;
import io.zeusdb.vector.quantization.CodeStore;
import io.zeusdb.vector.storage.VectorStore;
import java.util.Map;

/**
 * {@link NodeView} over an index's own storage structures, read in place (no copy of the index):
 * valid while the index's writer lock is held, which keeps them from changing.
 *
 * <p>Internal: not part of the public API.
 */
public final class StoredNodes implements NodeView {

    private final VectorStore vectors;
    private final HnswGraph graph;
    private final RecordSlots slots;
    private final CodeStore codes;

    /**
     * @param vectors one vector per node, or {@code null} when none are held
     * @param codes   one code per node, or {@code null} before training
     * @param graph   the graph
     * @param slots   ids, metadata and internal ids per node
     */
    public StoredNodes(VectorStore vectors, CodeStore codes, HnswGraph graph, RecordSlots slots) {
        this.vectors = vectors;
        this.codes = codes;
        this.graph = graph;
        this.slots = slots;
    }

    @Override
    public long internalId(int node) {
        return slots.internalId(node);
    }

    @Override
    public String externalId(int node) {
        return slots.id(node);
    }

    @Override
    public Map<String, Object> metadata(int node) {
        return slots.metadata(node);
    }

    @Override
    public void vector(int node, float[] dst) {
        vectors.copyTo(node, dst);
    }

    @Override
    public void code(int node, byte[] dst) {
        codes.copyCode(node, dst, 0);
    }

    @Override
    public int level(int node) {
        return graph.topLevel(node);
    }

    @Override
    public int[] neighbours(int node, int layer) {
        return graph.neighbours(node, layer);
    }
}
