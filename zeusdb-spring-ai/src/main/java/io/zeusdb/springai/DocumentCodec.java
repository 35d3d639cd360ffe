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
        Map<String, Object> out = new LinkedHashMap<>(source.size() + 2);
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            String key = entry.getKey();
            if (key == null) {
                throw new IllegalArgumentException("Document " + document.getId() + " has a null metadata key.");
            }
            if (ZeusDbVectorStore.TEXT_KEY.equals(key)) {
                throw new IllegalArgumentException("Document " + document.getId() + " uses the metadata key '"
                        + ZeusDbVectorStore.TEXT_KEY + "', which ZeusDbVectorStore reserves for the document text.");
            }
            out.put(key, storable(entry.getValue(), document, key, 0));
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
     * The {@link Document} of a hit: its text, its metadata without the text key and with the
     * distance under {@code distance}, and {@code score}. Stored nulls are left out because a
     * Document refuses null metadata values.
     */
    static Document toDocument(SearchResult hit, double score) {
        Map<String, Object> stored = hit.metadata();
        Map<String, Object> metadata = new HashMap<>(stored.size() + 2);
        Object text = null;
        for (Map.Entry<String, Object> entry : stored.entrySet()) {
            if (ZeusDbVectorStore.TEXT_KEY.equals(entry.getKey())) {
                text = entry.getValue();
            } else if (entry.getValue() != null) {
                metadata.put(entry.getKey(), entry.getValue());
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
