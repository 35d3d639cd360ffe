package io.zeusdb.vector.persistence;

import java.util.Map;

/**
 * Read access to every graph node of an index being saved, in node order (= arrival order).
 * Stranded nodes (their record was removed) are included: they still route searches, so the
 * saved graph keeps them.
 *
 * <p>Internal: not part of the public API.
 */
public interface NodeView {

    /** The internal id issued when the node's record arrived; strictly increasing in node order. */
    long internalId(int node);

    /** The external id, or {@code null} when the record was removed. */
    String externalId(int node);

    /** The record's canonical metadata (keys in code-point order), or {@code null} when removed. */
    Map<String, Object> metadata(int node);

    /** Copies the stored vector (normalised under cosine) into {@code dst}. */
    void vector(int node, float[] dst);

    /** Copies the node's product-quantization code into {@code dst} (quantized indexes only). */
    void code(int node, byte[] dst);

    /** The node's top layer, 0..15. */
    int level(int node);

    /** The node's neighbours on {@code layer} (0..level), in list order. */
    int[] neighbours(int node, int layer);
}
