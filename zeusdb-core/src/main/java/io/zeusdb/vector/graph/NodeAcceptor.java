package io.zeusdb.vector.graph;

/**
 * Decides whether a node may occupy a result slot. Nodes it rejects (removed records, records a
 * filter excludes) still route the traversal; they are only kept out of the results.
 */
@FunctionalInterface
public interface NodeAcceptor {

    /** Accepts every node. */
    NodeAcceptor ALL = node -> true;

    boolean accept(int node);
}
