package io.zeusdb.vector;

import io.zeusdb.vector.distance.Metric;
import java.util.Locale;

/**
 * The distance spaces an index can rank by. Every score is a distance: lower is closer.
 *
 * <ul>
 *   <li>{@link #COSINE}: vectors are normalised on the way in; score {@code 1 - cos}, in [0, 2].
 *   <li>{@link #L2}: Euclidean distance (with the square root).
 *   <li>{@link #L1}: sum of absolute differences.
 *   <li>{@link #DOT}: {@code 1 - dot(q, v)}, unclamped (may be negative); vectors are not
 *       normalised.
 * </ul>
 *
 * <p>Constants print lower-case ({@code Space.COSINE.toString()} is {@code "cosine"}), as the
 * names appear in {@code info()}, {@code getStats()} and saved indexes.
 */
public enum Space {
    /** Cosine distance over normalised vectors. */
    COSINE(Metric.COSINE),
    /** Euclidean distance. */
    L2(Metric.L2),
    /** Manhattan distance. */
    L1(Metric.L1),
    /** One minus the inner product. */
    DOT(Metric.DOT);

    private final Metric metric;

    Space(Metric metric) {
        this.metric = metric;
    }

    Metric metric() {
        return metric;
    }

    /**
     * Parses a space name, case-insensitively and ignoring surrounding blanks.
     *
     * @throws IllegalArgumentException naming the four supported spaces
     */
    public static Space parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "cosine": return COSINE;
                case "l2": return L2;
                case "l1": return L1;
                case "dot": return DOT;
                default: break;
            }
        }
        throw new IllegalArgumentException("Unsupported space: '" + name
                + "'. Supported spaces: 'cosine', 'l2', 'l1', 'dot'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
