package io.zeusdb.vector;

import io.zeusdb.vector.metadata.MetadataValues;
import io.zeusdb.vector.metadata.PythonRepr;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record: an id, a vector and metadata. Used as input to {@code add()} and as the output of
 * {@code getRecords()} and {@code list()} (where the vector may be {@code null}).
 *
 * <pre>{@code
 * index.add(Record.of("doc1", new float[] {0.1f, 0.2f}, Map.of("lang", "en")));
 * Record r = index.getRecords("doc1").get(0);
 * }</pre>
 */
public final class Record {

    private final String id;
    private final float[] vector;
    private final Map<String, Object> metadata;

    private Record(String id, float[] vector, Map<String, Object> metadata) {
        this.id = id;
        this.vector = vector;
        this.metadata = metadata;
    }

    /** A record with an id and a vector, no metadata. */
    public static Record of(String id, float[] vector) {
        return of(id, vector, null);
    }

    /**
     * A record with an id (or {@code null} for a generated one), a vector and metadata.
     *
     * @throws IllegalArgumentException if {@code vector} is null or the metadata cannot be stored
     */
    public static Record of(String id, float[] vector, Map<String, ?> metadata) {
        if (vector == null) {
            throw new IllegalArgumentException("Record vector cannot be null");
        }
        return new Record(id, vector.clone(), MetadataValues.canonicalMap(metadata));
    }

    /** A record whose id the index generates ({@code vec_N}). */
    public static Record of(float[] vector) {
        return of(null, vector, null);
    }

    /** Output records share the canonical metadata and own their vector copy. */
    static Record stored(String id, float[] vector, Map<String, Object> metadata) {
        return new Record(id, vector, metadata);
    }

    /** The id, or {@code null} on an input record whose id is to be generated. */
    public String id() {
        return id;
    }

    /** A copy of the vector, or {@code null} when it was not requested. */
    public float[] vector() {
        return vector == null ? null : vector.clone();
    }

    float[] vectorNoCopy() {
        return vector;
    }

    /** The metadata, immutable, keys in code-point order. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** {@code {id, metadata[, vector]}} as a map, like upstream's record dicts. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("metadata", metadata);
        if (vector != null) {
            m.put("vector", vector.clone());
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && Objects.equals(id, r.id) && Arrays.equals(vector, r.vector)
                && metadata.equals(r.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(vector), metadata);
    }

    /** Python dict form, e.g. {@code {'id': 'doc1', 'metadata': {'lang': 'en'}}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{'id': ").append(PythonRepr.repr(id))
                .append(", 'metadata': ").append(PythonRepr.repr(metadata));
        if (vector != null) {
            sb.append(", 'vector': ").append(PythonRepr.repr(vector));
        }
        return sb.append('}').toString();
    }
}
