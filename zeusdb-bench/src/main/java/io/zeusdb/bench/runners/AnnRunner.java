package io.zeusdb.bench.runners;

import io.zeusdb.bench.FilterSpec;
import java.util.List;

/**
 * One library under test, as the comparison drives it: build an index over the base vectors,
 * then answer top-k queries at a given search width. Rows are identified by their position in
 * the base, so every runner returns comparable ids.
 *
 * <p>Each runner lives in its own child JVM, so nothing one library JITs, allocates or leaves in
 * static state can tilt another's numbers.
 */
public interface AnnRunner extends AutoCloseable {

    /** The name used on the command line and in the tables, e.g. {@code "lucene"}. */
    String name();

    /** What exactly is exercised (API, distance implementation, parameters mapped), for the report. */
    String describe();

    /**
     * Builds the index. Vectors are unit length; similarity is the inner product.
     *
     * @param vectors     base vectors; the runner may keep references to them
     * @param fieldValues the filter field per row, or {@code null} when no filtered run follows
     * @param m           HNSW {@code M} (upper-layer degree; layer 0 holds {@code 2M})
     * @param efConstruction the build-time candidate list width
     * @param threads     threads the build may use
     */
    void build(float[][] vectors, List<String> fieldValues, int m, int efConstruction, int threads) throws Exception;

    /** Row ids of the approximate top {@code k}, best first, searching {@code ef} wide. */
    int[] search(float[] query, int k, int ef) throws Exception;

    /** Whether this runner answers filtered queries ({@link #searchFiltered}). */
    default boolean supportsFilter() {
        return false;
    }

    /**
     * Readies whatever a user would create once per filter (a query object, an options object)
     * so the timed loop measures searching only.
     */
    default void prepareFilter(FilterSpec filter) throws Exception {
        throw new UnsupportedOperationException(name() + " has no filtered search");
    }

    /** Row ids of the top {@code k} among rows matching the last prepared filter. */
    default int[] searchFiltered(float[] query, int k, int ef) throws Exception {
        throw new UnsupportedOperationException(name() + " has no filtered search");
    }

    /** Whether the search width matters (false for the exact scan, measured once). */
    default boolean usesEf() {
        return true;
    }

    /** The library's own estimate of the bytes its index holds, or -1 when it offers none. */
    default long reportedBytes() {
        return -1;
    }

    @Override
    default void close() throws Exception {}
}
