package io.zeusdb.vector.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.distance.NodeScorer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The admitted-only traversal on hand-built graphs: it scores admitted nodes only, reaches
 * admitted nodes two hops away through non-admitted ones, and returns a short page when the
 * admitted nodes lie further apart (which is why the index falls back to the plain traversal
 * whenever the traversal cannot fill its beam).
 */
class AdmittedOnlySearchTest {

    /** A path 0 - 1 - ... - (n-1), every node on layer 0 only, entry at node 0. */
    private static HnswGraph path(int n) {
        HnswGraph graph = new HnswGraph(4, 16);
        graph.ensureCapacity(n);
        for (int node = 0; node < n; node++) {
            graph.prepare(node, 0);
        }
        for (int node = 0; node < n; node++) {
            int[] list = node == 0 ? new int[] {1} : node == n - 1 ? new int[] {n - 2} : new int[] {node - 1, node + 1};
            graph.setNeighbours(node, 0, list, list.length);
        }
        graph.publish(n);
        graph.setEntry(0, 0);
        return graph;
    }

    /** Distance |node - target|, counting how often each node is scored. */
    private static final class CountingScorer implements NodeScorer {
        final int target;
        final int[] scored;

        CountingScorer(int target, int n) {
            this.target = target;
            this.scored = new int[n];
        }

        @Override
        public float distance(int node) {
            scored[node]++;
            return Math.abs(node - target);
        }
    }

    @Test
    void scoresAdmittedNodesOnlyAndReachesThemTwoHopsAway() {
        HnswGraph graph = path(9);
        // admitted: every other node, so each is two hops from the next
        CountingScorer scorer = new CountingScorer(8, 9);
        SearchHits hits = graph.searchAdmittedOnly(scorer, 10, node -> node % 2 == 0);
        int[] nodes = Arrays.copyOf(hits.nodes(), hits.count());
        assertArrayEquals(new int[] {8, 6, 4, 2, 0}, nodes);
        for (int node = 1; node < 9; node += 2) {
            assertEquals(0, scorer.scored[node], "non-admitted node " + node + " was scored");
        }
    }

    @Test
    void admittedNodesThreeHopsApartGiveAShortPageThatThePlainTraversalFills() {
        HnswGraph graph = path(8);
        CountingScorer scorer = new CountingScorer(7, 8);
        // admitted: the entry and node 3, three hops away through non-admitted nodes
        SearchHits admittedOnly = graph.searchAdmittedOnly(scorer, 10, node -> node == 0 || node == 3);
        assertEquals(1, admittedOnly.count());
        assertEquals(0, admittedOnly.nodes()[0]);
        SearchHits plain = graph.search(new CountingScorer(7, 8), 10, node -> node == 0 || node == 3);
        assertEquals(2, plain.count());
        assertTrue(plain.nodes()[0] == 3 && plain.nodes()[1] == 0);
    }
}
