package io.zeusdb.vector;

import io.zeusdb.vector.metadata.PythonRepr;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One search hit. {@link #score()} is a distance: lower is closer, and a query equal to a stored
 * vector scores 0 (except in the {@code dot} space, where the score is {@code 1 - dot}).
 *
 * <pre>{@code
 * for (SearchResult hit : index.search(query, 5)) {
 *     System.out.println(hit.id() + " " + hit.score() + " " + hit.metadata());
 * }
 * }</pre>
 */
public final class SearchResult {

    private final String id;
    private final float score;
    private final Map<String, Object> metadata;
    private final float[] vector;

    SearchResult(String id, float score, Map<String, Object> metadata, float[] vector) {
        this.id = id;
        this.score = score;
        this.metadata = metadata;
        this.vector = vector;
    }

    /** The record's id. */
    public String id() {
        return id;
    }

    /** The 32-bit distance, widened exactly to double. */
    public double score() {
        return score;
    }

    /** The record's metadata, immutable. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** A copy of the stored vector (normalised under cosine), or {@code null} unless requested. */
    public float[] vector() {
        return vector == null ? null : vector.clone();
    }

    /** Keys {@code id}, {@code score}, {@code metadata} and, when requested, {@code vector}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("score", score());
        m.put("metadata", metadata);
        if (vector != null) {
            m.put("vector", vector.clone());
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchResult r && id.equals(r.id)
                && Float.floatToIntBits(score) == Float.floatToIntBits(r.score)
                && metadata.equals(r.metadata) && Arrays.equals(vector, r.vector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, score, metadata);
    }

    /** Python dict form: {@code {'id': 'doc_001', 'score': 0.0, 'metadata': {'author': 'Alice'}}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{'id': ").append(PythonRepr.repr(id))
                .append(", 'score': ").append(PythonRepr.reprDouble(score()))
                .append(", 'metadata': ").append(PythonRepr.repr(metadata));
        if (vector != null) {
            sb.append(", 'vector': ").append(PythonRepr.repr(vector));
        }
        return sb.append('}').toString();
    }
}
