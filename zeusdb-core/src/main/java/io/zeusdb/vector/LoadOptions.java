package io.zeusdb.vector;

/**
 * Immutable options of {@link VectorDatabase#load(java.nio.file.Path, LoadOptions)}. Each setter
 * returns a new object.
 *
 * <pre>{@code
 * HnswIndex index = vdb.load(Path.of("my_index.zdb"), LoadOptions.defaults().rebuildGraph(true));
 * }</pre>
 *
 * <ul>
 *   <li>{@link #rebuildGraph(boolean)} (default false): ignore the saved graph file (neither
 *       parsed nor its digest enforced; it may even be missing) and rebuild the graph from the
 *       saved records, one thread, in arrival order, so the result is deterministic. Removed
 *       records' nodes are dropped, as {@link HnswIndex#compact()} would. A recovery tool for a
 *       damaged graph file: without it such a file fails the load.
 *   <li>{@link #insertThreads(int)} (default 0 = all cores): the loaded index's
 *       {@code insert_threads}, which is a property of the running process and not saved.
 * </ul>
 */
public final class LoadOptions {

    private static final LoadOptions DEFAULTS = new LoadOptions(false, 0);

    private final boolean rebuildGraph;
    private final int insertThreads;

    private LoadOptions(boolean rebuildGraph, int insertThreads) {
        this.rebuildGraph = rebuildGraph;
        this.insertThreads = insertThreads;
    }

    /** Restore the saved graph as it is; insert threads = all cores. */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    /** Whether to rebuild the graph from the records instead of reading the saved graph. */
    public LoadOptions rebuildGraph(boolean rebuild) {
        return new LoadOptions(rebuild, insertThreads);
    }

    /**
     * Threads that link later batches of the loaded index: 0 = all cores, 1 = reproducible.
     *
     * @throws IllegalArgumentException when negative
     */
    public LoadOptions insertThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("insert_threads must be 0 (all cores) or positive, got " + threads);
        }
        return new LoadOptions(rebuildGraph, threads);
    }

    /** See {@link #rebuildGraph(boolean)}. */
    public boolean rebuildGraph() {
        return rebuildGraph;
    }

    /** See {@link #insertThreads(int)}. */
    public int insertThreads() {
        return insertThreads;
    }

    @Override
    public String toString() {
        return "LoadOptions{rebuild_graph=" + rebuildGraph + ", insert_threads=" + insertThreads + "}";
    }
}
