package io.zeusdb.vector;

/**
 * The shape of an {@code add()} input: rows read (records parsed plus records that failed to
 * parse) by the index width. Prints like a Python tuple, {@code (2, 1536)}.
 *
 * @param rows input rows
 * @param dim  the index's dimension
 */
public record Shape(int rows, int dim) {
    @Override
    public String toString() {
        return "(" + rows + ", " + dim + ")";
    }
}
