package io.zeusdb.vector.graph;

/**
 * Per-thread scratch space for graph traversal: a visited set by generation counter (clearing is
 * one increment instead of an array fill), the two heaps and neighbour buffers. Reused across
 * searches so that a search allocates nothing in its loop.
 */
final class SearchContext {

    private int[] visited = new int[1024];
    private int generation;
    final NodeHeap candidates = new NodeHeap(256);
    final NodeHeap results = new NodeHeap(256);
    final int[] neighbours;
    final float[] scratchDistances;
    int[] nodes = new int[64];
    float[] distances = new float[64];
    final int[] selected;
    final float[] selectedDistances;
    final int[] pruneNodes;
    final float[] pruneDistances;
    /** Two-hop filtered search: a neighbour's own list, and the admitted nodes collected per expansion. */
    final int[] hopNeighbours;
    final int[] collected;
    final float[] collectedDistances;

    /** Per layer, the neighbours an insertion chose, kept until they are linked. */
    final int[][] layerSelections = new int[HnswGraph.MAX_LEVEL + 1][];
    final float[][] layerDistances = new float[HnswGraph.MAX_LEVEL + 1][];
    final int[] layerCounts = new int[HnswGraph.MAX_LEVEL + 1];

    /** Copies the first {@code count} entries of {@link #selected} as layer {@code level}'s choice. */
    void keepSelection(int level, int count) {
        if (layerSelections[level] == null || layerSelections[level].length < count) {
            layerSelections[level] = new int[selected.length];
            layerDistances[level] = new float[selected.length];
        }
        System.arraycopy(selected, 0, layerSelections[level], 0, count);
        System.arraycopy(selectedDistances, 0, layerDistances[level], 0, count);
        layerCounts[level] = count;
    }

    private static final ThreadLocal<SearchContext> CONTEXTS = new ThreadLocal<>();

    private SearchContext(int maxDegree) {
        neighbours = new int[maxDegree + 1];
        scratchDistances = new float[maxDegree + 2];
        selected = new int[maxDegree + 1];
        selectedDistances = new float[maxDegree + 1];
        pruneNodes = new int[maxDegree + 2];
        pruneDistances = new float[maxDegree + 2];
        hopNeighbours = new int[maxDegree + 1];
        collected = new int[2 * maxDegree + 1];
        collectedDistances = new float[2 * maxDegree + 2];
    }

    /** This thread's context, able to hold lists of up to {@code maxDegree} neighbours. */
    static SearchContext forThread(int maxDegree) {
        SearchContext ctx = CONTEXTS.get();
        if (ctx == null || ctx.neighbours.length < maxDegree + 1) {
            ctx = new SearchContext(maxDegree);
            CONTEXTS.set(ctx);
        }
        return ctx;
    }

    /** Starts a new visited set able to hold nodes below {@code nodeLimit}. */
    void reset(int nodeLimit) {
        if (visited.length < nodeLimit) {
            visited = new int[Math.max(nodeLimit, visited.length + (visited.length >> 1))];
            generation = 0;
        }
        if (++generation == 0) {
            java.util.Arrays.fill(visited, 0);
            generation = 1;
        }
        candidates.clear();
        results.clear();
    }

    /** Marks {@code node} visited; true when it was not visited before. */
    boolean visit(int node) {
        if (visited[node] == generation) {
            return false;
        }
        visited[node] = generation;
        return true;
    }

    void ensureNodeBuffer(int n) {
        if (nodes.length < n) {
            nodes = new int[n];
            distances = new float[n];
        }
    }
}
