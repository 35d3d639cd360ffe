package io.zeusdb.springai;

import io.zeusdb.vector.SearchResult;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;

/**
 * Turns a Spring AI {@link Document} into a ZeusDB record's metadata and a search hit back into a
 * {@link Document}. The text lives in the record's metadata under {@link ZeusDbVectorStore#TEXT_KEY}
 * next to the document's own keys, so every document key stays filterable as it is.
 */
final class DocumentCodec {

    /** Type markers under {@link ZeusDbVectorStore#TYPES_KEY}. */
    private static final String INT = "int";
    private static final String FLOAT = "float";

    /** Nesting depth ZeusDB metadata accepts (reference section 10.1). */
    private static final int MAX_DEPTH = 128;

    private DocumentCodec() {}

    /**
     * The record metadata of {@code document}: its metadata (dates as ISO-8601 UTC text) plus its
     * text. Checked completely before anything is embedded, so a bad document costs no model call.
     *
     * @throws IllegalArgumentException naming the document and the key when the metadata uses the
     *     reserved text key or holds a value ZeusDB cannot store
     */
    static Map<String, Object> toRecordMetadata(Document document) {
        Map<String, Object> source = document.getMetadata();
        Map<String, Object> out = new LinkedHashMap<>(source.size() + 3);
        Map<String, Object> types = new java.util.TreeMap<>();
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            String key = entry.getKey();
            if (key == null) {
                throw new IllegalArgumentException("Document " + document.getId() + " has a null metadata key.");
            }
            if (ZeusDbVectorStore.TEXT_KEY.equals(key) || ZeusDbVectorStore.TYPES_KEY.equals(key)) {
                throw new IllegalArgumentException("Document " + document.getId() + " uses the metadata key '"
                        + key + "', which ZeusDbVectorStore reserves (it holds the document text or the value "
                        + "types); rename the key.");
            }
            Object value = entry.getValue();
            out.put(key, storable(value, document, key, 0));
            String type = value instanceof Integer ? INT : value instanceof Float ? FLOAT : null;
            if (type != null) {
                types.put(key, type);
            }
        }
        if (!types.isEmpty()) {
            out.put(ZeusDbVectorStore.TYPES_KEY, types);
        }
        String text = document.getText();
        out.put(ZeusDbVectorStore.TEXT_KEY, text == null ? "" : text);
        return out;
    }

    /** The value as ZeusDB stores it, or an exception naming the document and key. */
    private static Object storable(Object value, Document document, String key, int depth) {
        if (depth > MAX_DEPTH) {
            throw unsupported(document, key, "nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof Boolean || value instanceof CharSequence || value instanceof Character
                || value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw unsupported(document, key, "holds the non-finite number " + d);
            }
            return value;
        }
        if (value instanceof BigDecimal b) {
            if (!Double.isFinite(b.doubleValue())) {
                throw unsupported(document, key, "holds a number too large for a double");
            }
            return value;
        }
        if (value instanceof Date date) {
            return FilterTranslator.DATE_FORMAT.format(date.toInstant());
        }
        if (value instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>(c.size());
            for (Object item : c) {
                list.add(storable(item, document, key, depth + 1));
            }
            return list;
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(storable(Array.get(value, i), document, key, depth + 1));
            }
            return list;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>(m.size() * 2);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw unsupported(document, key, "holds a map with a non-String key");
                }
                map.put(k, storable(e.getValue(), document, key, depth + 1));
            }
            return map;
        }
        throw unsupported(document, key, "holds a " + value.getClass().getName() + ", which ZeusDB metadata cannot "
                + "store (use strings, numbers, booleans, dates, lists or maps of them)");
    }

    private static IllegalArgumentException unsupported(Document document, String key, String problem) {
        return new IllegalArgumentException("Document " + document.getId() + ": metadata key '" + key + "' " + problem
                + "; nothing was added.");
    }

    /**
     * The {@link Document} of a hit: its text, its metadata without the reserved keys (Integer and
     * Float values restored from the type markers) and with the distance under {@code distance}, and
     * {@code score}. Stored nulls are left out because a
     * Document refuses null metadata values.
     */
    static Document toDocument(SearchResult hit, double score) {
        Map<String, Object> stored = hit.metadata();
        Map<String, Object> metadata = new HashMap<>(stored.size() + 2);
        Map<?, ?> types = stored.get(ZeusDbVectorStore.TYPES_KEY) instanceof Map<?, ?> m ? m : Map.of();
        Object text = null;
        for (Map.Entry<String, Object> entry : stored.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (ZeusDbVectorStore.TEXT_KEY.equals(key)) {
                text = value;
            } else if (!ZeusDbVectorStore.TYPES_KEY.equals(key) && value != null) {
                Object type = types.get(key);
                if (INT.equals(type) && value instanceof Long l && l == l.intValue()) {
                    value = l.intValue();
                } else if (FLOAT.equals(type) && value instanceof Double d) {
                    value = d.floatValue(); // exact for a widened float and for a float's decimal text alike
                }
                metadata.put(key, value);
            }
        }
        metadata.put(DocumentMetadata.DISTANCE.value(), hit.score());
        return Document.builder()
                .id(hit.id())
                .text(text == null ? "" : text.toString())
                .metadata(metadata)
                .score(score)
                .build();
    }
}
