package io.zeusdb.vector.graph;

/**
 * Nodes found by a graph search with their internal distances, nearest first.
 *
 * @param nodes     node numbers
 * @param distances internal distances, parallel to {@code nodes}
 * @param count     how many entries are valid
 */
public record SearchHits(int[] nodes, float[] distances, int count) {

    /** No hits. */
    public static final SearchHits EMPTY = new SearchHits(new int[0], new float[0], 0);
}
