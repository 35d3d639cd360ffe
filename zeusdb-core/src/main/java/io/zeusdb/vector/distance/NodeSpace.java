package io.zeusdb.vector.distance;

/**
 * What the graph needs to know about the stored points: distances from a query, from a stored
 * node, and between two stored nodes. Raw float vectors implement it today; product-quantised
 * codes will implement it too.
 */
public interface NodeSpace {

    /** A scorer for a query already processed for the space (normalised under cosine). */
    NodeScorer scorer(float[] query);

    /** A scorer whose fixed point is the stored node {@code node}. */
    NodeScorer scorerOf(int node);

    /** Internal distance between two stored nodes. */
    float distanceBetween(int a, int b);
}
