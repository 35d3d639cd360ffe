package io.zeusdb.vector;

import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.metadata.InvalidMetadataException;
import io.zeusdb.vector.metadata.MetadataValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Parses every input shape {@code add()} accepts into one list of records, each either valid
 * (vector checked and processed for the space, metadata canonical) or carrying its error
 * message. A malformed batch (mismatched parallel lengths, wrong container types) throws before
 * anything is inserted; a malformed record is reported and the rest go in.
 */
final class AddInput {

    /** One input record. {@code error != null} means rejected. */
    static final class Item {
        final String id;
        final float[] vector;
        final Map<String, Object> metadata;
        final String error;

        Item(String id, float[] vector, Map<String, Object> metadata, String error) {
            this.id = id;
            this.vector = vector;
            this.metadata = metadata;
            this.error = error;
        }
    }

    final List<Item> items = new ArrayList<>();
    /** Whole-input problems that are reported, not thrown (a batch without vectors). */
    final List<String> inputErrors = new ArrayList<>();

    private final int dim;
    private final Metric metric;

    private AddInput(int dim, Metric metric) {
        this.dim = dim;
        this.metric = metric;
    }

    int rows() {
        return items.size();
    }

    static AddInput parse(Object data, int dim, Metric metric) {
        if (data == null) {
            throw new IllegalArgumentException("Data cannot be null");
        }
        AddInput in = new AddInput(dim, metric);
        if (data instanceof Map<?, ?> map) {
            if (map.containsKey("id") && (map.containsKey("values") || map.containsKey("vector"))) {
                in.single(map);
            } else {
                in.columnar(map);
            }
        } else if (data instanceof Record r) {
            in.record(r, 0);
        } else if (data instanceof float[][] || data instanceof double[][]) {
            Object[] rows = (Object[]) data;
            for (int i = 0; i < rows.length; i++) {
                in.addVector(null, rows[i], MetadataValues.emptyMap(), rowLabel(i));
            }
        } else if (data instanceof float[] || data instanceof double[]) {
            in.addVector(null, data, MetadataValues.emptyMap(), "Item 0");
        } else if (data instanceof Collection<?> c) {
            if (data instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number) {
                in.addVector(null, data, MetadataValues.emptyMap(), "Item 0");
            } else {
                in.list(c);
            }
        } else {
            throw new IllegalArgumentException("add() cannot read a " + data.getClass().getName()
                    + ". Pass a Map (one record, or columnar ids/vectors/metadatas), a List of Maps or vectors, "
                    + "a float[][] or double[][], a float[] or double[], or Record objects");
        }
        return in;
    }

    private static String rowLabel(int i) {
        return "Vector row_" + i;
    }

    private void single(Map<?, ?> map) {
        Object vec = map.containsKey("values") ? map.get("values") : map.get("vector");
        Object meta = map.get("metadata");
        Map<?, ?> metaMap = meta instanceof Map<?, ?> mm ? mm : null;
        Object id = map.get("id");
        if (id != null && !(id instanceof String)) {
            items.add(rejected("Vector item_0: id must be a String, got " + id.getClass().getSimpleName()));
            return;
        }
        String label = id == null ? "Vector item_0" : "Vector " + id;
        addVector((String) id, vec, metaMap, label);
    }

    private void record(Record r, int position) {
        String label = r.id() == null ? "Item " + position : "Vector " + r.id();
        addCanonical(r.id(), r.vectorNoCopy().clone(), r.metadata(), label);
    }

    private void list(Collection<?> elements) {
        int i = 0;
        for (Object e : elements) {
            if (e instanceof Record r) {
                record(r, i);
            } else if (e instanceof Map<?, ?> m) {
                Object vec = m.containsKey("vector") ? m.get("vector") : m.get("values");
                Object id = m.get("id");
                if (id != null && !(id instanceof String)) {
                    items.add(rejected("Vector item_" + i + ": id must be a String, got "
                            + id.getClass().getSimpleName()));
                } else if (vec == null) {
                    items.add(rejected((id == null ? "Vector item_" + i : "Vector " + id)
                            + ": has no 'vector' or 'values' entry"));
                } else {
                    String label = id == null ? "Vector item_" + i : "Vector " + id;
                    addVector((String) id, vec, wrapMetadata(m.get("metadata"), label), label);
                }
            } else if (e != null && VectorInput.isVector(e)) {
                addVector(null, e, MetadataValues.emptyMap(), "Item " + i);
            } else {
                items.add(rejected("Item " + i + ": expected a vector or a Map with 'vector', got "
                        + (e == null ? "null" : e.getClass().getSimpleName())));
            }
            i++;
        }
    }

    private void columnar(Map<?, ?> map) {
        String vectorField = null;
        for (String k : new String[] {"vectors", "embeddings", "values"}) {
            if (map.containsKey(k)) {
                vectorField = k;
                break;
            }
        }
        if (vectorField == null) {
            inputErrors.add("Missing vector data: pass the vectors under 'vectors', 'embeddings' or 'values' "
                    + "(or one record as a Map with 'id' and 'vector')");
            return;
        }
        List<?> vectors = asList(map.get(vectorField), vectorField);
        Object idsRaw = map.get("ids");
        List<?> ids = null;
        if (idsRaw != null) {
            if (!(idsRaw instanceof List<?>) && !(idsRaw instanceof Object[])) {
                throw new IllegalArgumentException("add expected 'ids' to be a List, got "
                        + idsRaw.getClass().getSimpleName() + ". A batch pairs 'ids' with '" + vectorField
                        + "' by position and reads only a List that way, so any other type is discarded whole and "
                        + "every record takes a generated id.");
            }
            ids = asList(idsRaw, "ids");
            checkLength("ids", ids.size(), vectorField, vectors.size(), "id");
        }
        String metaField = map.containsKey("metadatas") ? "metadatas" : map.containsKey("metadata") ? "metadata" : null;
        List<?> metas = null;
        if (metaField != null && map.get(metaField) != null) {
            Object raw = map.get(metaField);
            if (!(raw instanceof List<?>) && !(raw instanceof Object[])) {
                throw new IllegalArgumentException("add expected '" + metaField + "' to be a List, got "
                        + raw.getClass().getSimpleName() + ". A batch pairs '" + metaField + "' with '" + vectorField
                        + "' by position; supply one metadata Map per vector.");
            }
            metas = asList(raw, metaField);
            checkLength(metaField, metas.size(), vectorField, vectors.size(), "metadata mapping");
        }
        for (int i = 0; i < vectors.size(); i++) {
            Object idObj = ids == null ? null : ids.get(i);
            if (idObj != null && !(idObj instanceof String)) {
                items.add(rejected("Vector item_" + i + ": id must be a String, got "
                        + idObj.getClass().getSimpleName()));
                continue;
            }
            String id = (String) idObj;
            String label = id != null ? "Vector " + id : rowLabel(i);
            Object meta = metas == null ? null : metas.get(i);
            addVector(id, vectors.get(i), wrapMetadata(meta, label), label);
        }
    }

    private static void checkLength(String field, int a, String vectorField, int b, String what) {
        if (a != b) {
            String shorter = a < b ? field : vectorField;
            throw new IllegalArgumentException("add received " + a + " entries under '" + field + "' and " + b
                    + " under '" + vectorField + "'. A batch pairs them by position, so the two must be the same "
                    + "length, and '" + shorter + "' is the short one. Supply one " + what + " per vector, or omit '"
                    + field + "' entirely.");
        }
    }

    private static List<?> asList(Object o, String field) {
        if (o instanceof List<?> l) {
            return l;
        }
        if (o instanceof Object[] a) {
            return Arrays.asList(a);
        }
        if (o == null) {
            throw new IllegalArgumentException("add expected '" + field + "' to be a List, got null");
        }
        throw new IllegalArgumentException("add expected '" + field + "' to be a List or a 2-D array, got "
                + o.getClass().getSimpleName());
    }

    /** Column metadata: a Map is used, null is empty, a String becomes {text}, other scalars {value}. */
    private Object wrapMetadata(Object meta, String label) {
        if (meta == null || meta instanceof Map<?, ?>) {
            return meta;
        }
        if (meta instanceof CharSequence s) {
            return Map.of("text", s.toString());
        }
        return new WrappedScalar(meta);
    }

    private record WrappedScalar(Object value) {}

    private void addVector(String id, Object vec, Object meta, String label) {
        float[] v = vec == null ? null : VectorInput.toFloats(vec);
        if (v == null) {
            items.add(rejected(label + ": " + reason("expected a vector of numbers, got "
                    + (vec == null ? "null" : vec.getClass().getSimpleName()), label)));
            return;
        }
        Map<String, Object> canonical;
        try {
            if (meta instanceof WrappedScalar w) {
                canonical = MetadataValues.canonicalMap(java.util.Collections.singletonMap("value", w.value()));
            } else {
                canonical = MetadataValues.canonicalMap((Map<?, ?>) meta);
            }
        } catch (InvalidMetadataException e) {
            items.add(rejected(label + ": " + e.getMessage()));
            return;
        }
        addCanonical(id, v, canonical, label);
    }

    /** Takes ownership of {@code v}, a fresh copy made from the caller's input. */
    private void addCanonical(String id, float[] v, Map<String, Object> meta, String label) {
        String problem = VectorInput.problem(v, dim);
        if (problem != null) {
            items.add(rejected(label + ": " + reason(problem, label)));
            return;
        }
        items.add(new Item(id, VectorInput.process(v, metric), meta, null));
    }

    /** Row labels carry the reason without its leading "Vector ", as upstream prints them. */
    private static String reason(String problem, String label) {
        if (label.startsWith("Vector row_") && problem.startsWith("Vector ")) {
            return problem.substring("Vector ".length());
        }
        return problem;
    }

    private static Item rejected(String message) {
        return new Item(null, null, null, message);
    }
}
