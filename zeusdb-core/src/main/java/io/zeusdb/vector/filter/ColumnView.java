package io.zeusdb.vector.filter;

/**
 * A declared field's column as the filter sees it: a dictionary of the distinct values the field
 * holds (codes {@code 1..distinctCount()}) and each node's code, {@code 0} when the node's record
 * lacks the field (or the node holds no record).
 *
 * <p>Internal, not API. A filter leaf is judged once per distinct value, with exactly the code the
 * metadata walk uses, so columns and walk cannot disagree; then one pass over the node codes
 * turns the per-value answers into a bitmap.
 */
public interface ColumnView {

    /** How many distinct values the dictionary holds; codes run from 1 to this. */
    int distinctCount();

    /** The canonical value of {@code code} (may be {@code null}: a stored null is a value). */
    Object value(int code);

    /** The code of node {@code node}'s value; 0 when absent. Codes above the count read as absent. */
    int code(int node);

    /**
     * Sets in {@code bits} the bit of every node below {@code nodeCount} whose code is accepted
     * ({@code accepted[code]}, codes beyond the array read as not accepted). Implementations walk
     * their own storage directly; this default goes through {@link #code}.
     */
    default void markAccepted(boolean[] accepted, int nodeCount, long[] bits) {
        for (int node = 0; node < nodeCount; node++) {
            int code = code(node);
            if (code < accepted.length && accepted[code]) {
                bits[node >>> 6] |= 1L << node;
            }
        }
    }

    /** Looks up the column of a declared field. */
    @FunctionalInterface
    interface Lookup {
        /** The column of {@code field}, or {@code null} when the field is not declared. */
        ColumnView column(String field);
    }
}
