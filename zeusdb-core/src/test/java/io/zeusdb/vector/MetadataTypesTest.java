package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reference 10.1 Decisions (stored value types), as far as add(), getRecords(), list(), search()
 * and updateMetadata() show them: JSON types are kept (integers stay integral), metadata is copied
 * on the way in and returned immutable with keys in code-point order, and anything that cannot be
 * stored is refused.
 */
class MetadataTypesTest {

    private static HnswIndex index() {
        return new VectorDatabase().create(Map.of("dim", 2, "space", "l2"));
    }

    private static Map<String, Object> stored(HnswIndex index, String id) {
        return index.getRecords(id).get(0).metadata();
    }

    private static Map<String, Object> everyType() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 7);
        m.put("long", Long.MAX_VALUE);
        m.put("short", (short) -3);
        m.put("byte", (byte) 4);
        m.put("bigint", BigInteger.valueOf(Long.MIN_VALUE));
        m.put("hugeint", BigInteger.ONE.shiftLeft(70));
        m.put("double", 0.1);
        m.put("float", 0.1f);
        m.put("decimal", new BigDecimal("2.5"));
        m.put("zero", -0.0);
        m.put("true", true);
        m.put("false", false);
        m.put("null", null);
        m.put("text", "h\u00e9llo w\u00f6rld \u65e5\u672c \uD83D\uDE80");
        m.put("char", 'x');
        m.put("list", List.of(1, "two", 3.0, false));
        m.put("nested", Map.of("inner", Map.of("deep", List.of(Map.of("k", 1L)))));
        m.put("intArray", new int[] {1, 2});
        m.put("stringArray", new String[] {"a", "b"});
        m.put("set", new LinkedHashSet<>(List.of("s2", "s1")));
        m.put("empty", Map.of());
        m.put("emptyList", List.of());
        m.put("\u65e5\u672c\u8a9e", "unicode key");
        return m;
    }

    private static void assertEveryType(Map<String, Object> got) {
        assertEquals(7L, got.get("int"));
        assertInstanceOf(Long.class, got.get("int"));
        assertEquals(Long.MAX_VALUE, got.get("long"));
        assertEquals(-3L, got.get("short"));
        assertEquals(4L, got.get("byte"));
        assertEquals(Long.MIN_VALUE, got.get("bigint"));
        assertEquals(Math.pow(2, 70), got.get("hugeint"));
        assertInstanceOf(Double.class, got.get("hugeint"));
        assertEquals(0.1, got.get("double"));
        assertEquals((double) 0.1f, got.get("float"), "a Float is widened exactly");
        assertEquals(2.5, got.get("decimal"));
        assertEquals(-0.0, got.get("zero"));
        assertInstanceOf(Double.class, got.get("zero"));
        assertEquals(true, got.get("true"));
        assertEquals(false, got.get("false"));
        assertTrue(got.containsKey("null"));
        assertNull(got.get("null"));
        assertEquals("h\u00e9llo w\u00f6rld \u65e5\u672c \uD83D\uDE80", got.get("text"));
        assertEquals("x", got.get("char"));
        assertEquals(List.of(1L, "two", 3.0, false), got.get("list"));
        assertInstanceOf(Double.class, ((List<?>) got.get("list")).get(2), "3.0 stays floating point");
        assertEquals(Map.of("inner", Map.of("deep", List.of(Map.of("k", 1L)))), got.get("nested"));
        assertEquals(List.of(1L, 2L), got.get("intArray"));
        assertEquals(List.of("a", "b"), got.get("stringArray"));
        assertEquals(List.of("s2", "s1"), got.get("set"), "a collection keeps its iteration order");
        assertEquals(Map.of(), got.get("empty"));
        assertEquals(List.of(), got.get("emptyList"));
        assertEquals("unicode key", got.get("\u65e5\u672c\u8a9e"));
        assertEquals(23, got.size());
    }

    @Test
    void everySupportedTypeIsKeptThroughAddListAndSearch() {
        HnswIndex index = index();
        AddResult r = index.add(Map.of("id", "t", "vector", List.of(1, 1), "metadata", everyType()));
        assertTrue(r.isSuccess(), r.errors().toString());
        assertEveryType(stored(index, "t"));
        assertEveryType(index.list(1).get(0).metadata());
        assertEveryType(index.search(new float[] {1, 1}, 1).get(0).metadata());
        assertEveryType(index.getRecords(List.of("t"), false, true).get(0).metadata());
    }

    @Test
    void everySupportedTypeIsKeptThroughUpdateMetadata() {
        HnswIndex index = index();
        index.add(Map.of("id", "t", "vector", List.of(1, 1)));
        assertTrue(index.updateMetadata("t", everyType()));
        assertEveryType(stored(index, "t"));
    }

    @Test
    void keysAreInCodePointOrderAtEveryLevel() {
        HnswIndex index = index();
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("\uD83D\uDE00", 1);
        inner.put("\uFFFD", 2);
        inner.put("b", 3);
        inner.put("B", 4);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("zeta", inner);
        top.put("\uD83D\uDE00", 0);
        top.put("alpha", List.of(inner));
        top.put("\uFFFD", 0);
        index.add(Map.of("id", "k", "vector", List.of(0, 0), "metadata", top));
        Map<String, Object> got = stored(index, "k");
        List<String> expected = List.of("alpha", "zeta", "\uFFFD", "\uD83D\uDE00");
        assertEquals(expected, new ArrayList<>(got.keySet()));
        List<String> innerExpected = List.of("B", "b", "\uFFFD", "\uD83D\uDE00");
        assertEquals(innerExpected, new ArrayList<>(((Map<?, ?>) got.get("zeta")).keySet()));
        assertEquals(innerExpected, new ArrayList<>(((Map<?, ?>) ((List<?>) got.get("alpha")).get(0)).keySet()));
    }

    @Test
    void metadataIsCopiedInAndReturnedImmutable() {
        HnswIndex index = index();
        List<Object> tags = new ArrayList<>(List.of("a"));
        Map<String, Object> nested = new HashMap<>(Map.of("x", 1));
        Map<String, Object> meta = new HashMap<>(Map.of("tags", tags, "nested", nested, "n", 1));
        index.add(Map.of("id", "m", "vector", List.of(0, 0), "metadata", meta));
        tags.add("b");
        nested.put("y", 2);
        meta.put("n", 99);
        assertEquals(Map.of("tags", List.of("a"), "nested", Map.of("x", 1L), "n", 1L), stored(index, "m"));
        Map<String, Object> got = stored(index, "m");
        assertThrows(UnsupportedOperationException.class, () -> got.put("z", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) got.get("tags")).add("c"));
        @SuppressWarnings("unchecked")
        Map<String, Object> gotNested = (Map<String, Object>) got.get("nested");
        assertThrows(UnsupportedOperationException.class, () -> gotNested.put("z", 1));
        Map<String, Object> fromSearch = index.search(new float[] {0, 0}, 1).get(0).metadata();
        assertThrows(UnsupportedOperationException.class, () -> fromSearch.remove("n"));
        // updateMetadata copies too
        Map<String, Object> update = new HashMap<>(Map.of("u", 1));
        index.updateMetadata("m", update);
        update.put("u", 2);
        assertEquals(Map.of("u", 1L), stored(index, "m"));
    }

    // ------------------------------------------------------------------ refusals

    private static List<Map<String, ?>> badMetadata() {
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, "one");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        Map<String, Object> nanNested = new HashMap<>();
        nanNested.put("list", List.of(1.0, Double.NaN));
        Map<String, Object> nullKeyNested = new HashMap<>();
        nullKeyNested.put("inner", nullKey);
        List<Map<String, ?>> bad = new ArrayList<>();
        bad.add(Map.of("x", Double.NaN));
        bad.add(Map.of("x", Float.POSITIVE_INFINITY));
        bad.add(Map.of("x", Double.NEGATIVE_INFINITY));
        bad.add(nanNested);
        bad.add(Map.of("x", new BigDecimal("1e400")));
        bad.add(Map.of("inner", intKey));
        bad.add(nullKeyNested);
        bad.add(Map.of("x", new Object()));
        bad.add(Map.of("x", UUID.randomUUID()));
        bad.add(Map.of("x", java.time.LocalDate.of(2024, 1, 28)));
        bad.add(Map.of("x", List.of(Map.of("y", new StringBuilder("sb"), "z", Thread.currentThread()))));
        bad.add(nest(129));
        return bad;
    }

    /** A metadata map nested {@code levels} deep, the top-level map counting as level 1. */
    private static Map<String, Object> nest(int levels) {
        Map<String, Object> m = new HashMap<>(Map.of("leaf", 1));
        for (int i = 1; i < levels; i++) {
            m = new HashMap<>(Map.of("d", m));
        }
        return m;
    }

    @Test
    void unstorableMetadataIsARecordErrorAndTheRestGoIn() {
        List<Map<String, ?>> bad = badMetadata();
        for (int i = 0; i < bad.size(); i++) {
            HnswIndex index = index();
            AddResult r = index.add(List.of(
                    Map.of("id", "good", "vector", List.of(1, 1), "metadata", Map.of("ok", true)),
                    Map.of("id", "bad", "vector", List.of(2, 2), "metadata", bad.get(i))));
            assertEquals(List.of("good"), r.ids(), "case " + i);
            assertEquals(1, r.totalErrors(), "case " + i);
            assertTrue(r.errors().get(0).startsWith("Vector bad: metadata"), "case " + i + ": " + r.errors().get(0));
            assertFalse(index.contains("bad"), "case " + i);
            // columnar and single-record forms too
            AddResult col = index.add(Map.of("ids", List.of("c"), "vectors", List.of(List.of(3, 3)), "metadatas", List.of(bad.get(i))));
            assertTrue(col.errors().get(0).startsWith("Vector c: metadata"), "case " + i + ": " + col.errors());
            AddResult one = index.add(Map.of("id", "s", "vector", List.of(3, 3), "metadata", bad.get(i)));
            assertTrue(one.errors().get(0).startsWith("Vector s: metadata"), "case " + i + ": " + one.errors());
            assertEquals(1, index.size());
        }
    }

    @Test
    void nonFiniteMetadataMessagesNameTheValue() {
        HnswIndex index = index();
        AddResult r = index.add(List.of(Map.of("id", "n", "vector", List.of(1, 1), "metadata", Map.of("x", Double.NaN)),
                Map.of("id", "i", "vector", List.of(1, 1), "metadata", Map.of("x", Double.NEGATIVE_INFINITY))));
        assertTrue(r.errors().get(0).contains("NaN"), r.errors().get(0));
        assertTrue(r.errors().get(1).contains("-inf"), r.errors().get(1));
    }

    @Test
    void nestingOf128LevelsIsAcceptedAnd129Refused() {
        HnswIndex index = index();
        assertTrue(index.add(Map.of("id", "deep", "vector", List.of(1, 1), "metadata", nest(128))).isSuccess());
        Object v = stored(index, "deep");
        int levels = 0;
        while (v instanceof Map<?, ?> m) {
            levels++;
            v = m.containsKey("d") ? m.get("d") : null;
        }
        assertEquals(128, levels);
        assertEquals(1, index.add(Map.of("id", "deeper", "vector", List.of(1, 1), "metadata", nest(129))).totalErrors());
        // lists count as levels too
        Map<String, Object> withList = new HashMap<>(Map.of("l", List.of(nest(127))));
        assertEquals(1, index.add(Map.of("id", "list", "vector", List.of(1, 1), "metadata", withList)).totalErrors());
        Map<String, Object> listOk = new HashMap<>(Map.of("l", List.of(nest(126))));
        assertTrue(index.add(Map.of("id", "listok", "vector", List.of(1, 1), "metadata", listOk)).isSuccess());
        // a pathologically deep value is refused, not a StackOverflowError
        assertEquals(1, index.add(Map.of("id", "huge", "vector", List.of(1, 1), "metadata", nest(100_000))).totalErrors());
    }

    @Test
    void updateMetadataRefusesUnstorableValuesAndChangesNothing() {
        HnswIndex index = index();
        index.add(Map.of("id", "r", "vector", List.of(1, 1), "metadata", Map.of("keep", "me")));
        for (Map<String, ?> bad : badMetadata()) {
            assertThrows(IllegalArgumentException.class, () -> index.updateMetadata("r", bad), bad.toString());
            assertEquals(Map.of("keep", "me"), stored(index, "r"));
        }
        // also for an absent id: the value is checked first, nothing is created
        assertThrows(IllegalArgumentException.class, () -> index.updateMetadata("absent", Map.of("x", Double.NaN)));
        assertFalse(index.contains("absent"));
    }

    @Test
    void updateMetadataReplacesWholesaleAndKeepsVectorPositionAndNode() {
        HnswIndex index = index();
        index.add(List.of(Map.of("id", "a", "vector", List.of(1, 1), "metadata", Map.of("x", 1, "y", 2)),
                Map.of("id", "b", "vector", List.of(2, 2))));
        assertTrue(index.updateMetadata("a", Map.of("z", 3)));
        assertEquals(Map.of("z", 3L), stored(index, "a"));
        assertEquals(List.of("a", "b"), index.list().stream().map(Record::id).toList());
        assertTrue(Arrays.equals(new float[] {1, 1}, index.getRecords("a").get(0).vector()));
        assertEquals("0", index.getStats().get("stranded_graph_nodes"));
        assertTrue(index.updateMetadata("a", Map.of()));
        assertEquals(Map.of(), stored(index, "a"));
        assertFalse(index.updateMetadata("nope", Map.of("z", 1)));
        assertFalse(index.contains("nope"));
        assertEquals(2, index.size());
        // the filter sees the new metadata at once
        index.updateMetadata("b", Map.of("tag", "new"));
        assertEquals(List.of("b"), Oracle.ids(index.search(new float[] {0, 0}, Map.of("tag", "new"), 5)));
        assertEquals(1, index.count(Map.of("tag", "new")));
    }

    @Test
    void resultAndRecordMapsHaveTheSeedShape() {
        HnswIndex index = index();
        index.add(Map.of("id", "a", "vector", List.of(3, 4), "metadata", Map.of("k", "v")));
        SearchResult hit = index.search(new float[] {0, 0}, 1).get(0);
        assertEquals(List.of("id", "score", "metadata"), new ArrayList<>(hit.toMap().keySet()));
        assertEquals("a", hit.toMap().get("id"));
        assertEquals(5.0, hit.toMap().get("score"));
        assertEquals(Map.of("k", "v"), hit.toMap().get("metadata"));
        assertNull(hit.vector());
        SearchResult withVector = index.search(new float[] {0, 0}, SearchOptions.topK(1).returnVector(true)).get(0);
        assertEquals(List.of("id", "score", "metadata", "vector"), new ArrayList<>(withVector.toMap().keySet()));
        assertTrue(Arrays.equals(new float[] {3, 4}, (float[]) withVector.toMap().get("vector")));
        Record rec = index.getRecords("a").get(0);
        assertEquals(List.of("id", "metadata", "vector"), new ArrayList<>(rec.toMap().keySet()));
        Record listed = index.list(1).get(0);
        assertNull(listed.vector());
        assertEquals(List.of("id", "metadata"), new ArrayList<>(listed.toMap().keySet()));
        assertNull(index.getRecords("a", false).get(0).vector());
    }
}
