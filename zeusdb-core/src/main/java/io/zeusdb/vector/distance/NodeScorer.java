package io.zeusdb.vector.distance;

/**
 * Internal distance from one fixed point (a query, or a stored node during construction) to any
 * stored node. Lower is closer. Instances are cheap, single-threaded, made per search.
 */
public interface NodeScorer {

    /** Internal distance from the fixed point to {@code node}. */
    float distance(int node);

    /**
     * Distances to {@code nodes[0..count)} into {@code out[0..count)}, bit-identical to
     * {@link #distance} for each; implementations score several nodes per pass.
     */
    default void distances(int[] nodes, int count, float[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = distance(nodes[i]);
        }
    }
}
