package io.zeusdb.vector.distance;

/**
 * Internal distance from one fixed point (a query, or a stored node during construction) to any
 * stored node. Lower is closer. Instances are cheap, single-threaded, made per search.
 */
public interface NodeScorer {

    /** Internal distance from the fixed point to {@code node}. */
    float distance(int node);
}
