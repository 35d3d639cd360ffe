package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reference 4.1 and 4.4: every input shape of add() and the AddResult it returns. */
class AddInputShapesTest {

    private static HnswIndex l2(int dim) {
        return new VectorDatabase().create(Map.of("dim", dim, "space", "l2"));
    }

    private static float[] vectorOf(HnswIndex index, String id) {
        List<Record> r = index.getRecords(id);
        assertEquals(1, r.size(), "record " + id + " present");
        return r.get(0).vector();
    }

    private static Map<String, Object> metadataOf(HnswIndex index, String id) {
        return index.getRecords(id).get(0).metadata();
    }

    private static List<String> listIds(HnswIndex index) {
        return index.list(Integer.MAX_VALUE).stream().map(Record::id).toList();
    }

    // ------------------------------------------------------------------ shape 1: one record

    @Test
    void singleRecordMapWithValuesOrVector() {
        HnswIndex index = l2(2);
        AddResult a = index.add(Map.of("id", "a", "values", List.of(1.0, 2.0), "metadata", Map.of("k", "v")));
        AddResult b = index.add(Map.of("id", "b", "vector", new float[] {3, 4}));
        assertEquals(List.of("a"), a.ids());
        assertEquals(List.of("b"), b.ids());
        assertEquals(new Shape(1, 2), a.vectorShape());
        assertArrayEquals(new float[] {1, 2}, vectorOf(index, "a"));
        assertArrayEquals(new float[] {3, 4}, vectorOf(index, "b"));
        assertEquals(Map.of("k", "v"), metadataOf(index, "a"));
        assertEquals(Map.of(), metadataOf(index, "b"));
    }

    @Test
    void singleRecordPrefersValuesOverVector() {
        HnswIndex index = l2(2);
        index.add(Map.of("id", "a", "values", List.of(1, 2), "vector", List.of(5, 6)));
        assertArrayEquals(new float[] {1, 2}, vectorOf(index, "a"));
    }

    @Test
    void singleRecordWithNonMapMetadataGetsEmptyMetadata() {
        HnswIndex index = l2(2);
        AddResult r = index.add(Map.of("id", "a", "vector", List.of(1, 2), "metadata", "just text"));
        assertTrue(r.isSuccess());
        assertEquals(Map.of(), metadataOf(index, "a"));
    }

    @Test
    void singleRecordWithNullIdGetsAGeneratedId() {
        HnswIndex index = l2(2);
        Map<String, Object> m = new HashMap<>();
        m.put("id", null);
        m.put("vector", List.of(1, 2));
        assertEquals(List.of("vec_1"), index.add(m).ids());
    }

    // ------------------------------------------------------------------ shape 2: columnar

    @Test
    void columnarVectorKeyPrecedenceIsVectorsThenEmbeddingsThenValues() {
        HnswIndex index = l2(2);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("values", List.of(List.of(9, 9), List.of(9, 9), List.of(9, 9)));
        all.put("embeddings", List.of(List.of(8, 8), List.of(8, 8)));
        all.put("vectors", List.of(List.of(1, 1)));
        all.put("ids", List.of("x"));
        AddResult r = index.add(all);
        assertEquals(List.of("x"), r.ids());
        assertArrayEquals(new float[] {1, 1}, vectorOf(index, "x"));

        Map<String, Object> two = new LinkedHashMap<>();
        two.put("values", List.of(List.of(9, 9)));
        two.put("embeddings", List.of(List.of(8, 8)));
        two.put("ids", List.of("y"));
        index.add(two);
        assertArrayEquals(new float[] {8, 8}, vectorOf(index, "y"));

        index.add(Map.of("values", List.of(List.of(7, 7)), "ids", List.of("z")));
        assertArrayEquals(new float[] {7, 7}, vectorOf(index, "z"));
    }

    @Test
    void columnarAcceptsEveryVectorContainer() {
        HnswIndex index = l2(2);
        index.add(Map.of("ids", List.of("a"), "vectors", new float[][] {{1, 2}}));
        index.add(Map.of("ids", List.of("b"), "vectors", new double[][] {{3, 4}}));
        index.add(Map.of("ids", List.of("c"), "vectors", List.of(new float[] {5, 6})));
        index.add(Map.of("ids", List.of("d"), "vectors", List.of(new double[] {7, 8})));
        index.add(Map.of("ids", List.of("e"), "vectors", List.of(List.of(9L, 10L))));
        index.add(Map.of("ids", new String[] {"f"}, "embeddings", List.of(List.of(new BigDecimal("11"), 12.0f))));
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), listIds(index));
        assertArrayEquals(new float[] {3, 4}, vectorOf(index, "b"));
        assertArrayEquals(new float[] {9, 10}, vectorOf(index, "e"));
        assertArrayEquals(new float[] {11, 12}, vectorOf(index, "f"));
    }

    @Test
    void columnarMetadataColumnWrapsScalars() {
        HnswIndex index = l2(2);
        List<Object> metas = new ArrayList<>();
        metas.add(Map.of("k", 1));
        metas.add(null);
        metas.add("hello");
        metas.add(5);
        metas.add(true);
        metas.add(2.5);
        AddResult r = index.add(Map.of("ids", List.of("m", "n", "s", "i", "b", "d"), "vectors",
                List.of(List.of(1, 1), List.of(2, 2), List.of(3, 3), List.of(4, 4), List.of(5, 5), List.of(6, 6)),
                "metadatas", metas));
        assertTrue(r.isSuccess(), r.errors().toString());
        assertEquals(Map.of("k", 1L), metadataOf(index, "m"));
        assertEquals(Map.of(), metadataOf(index, "n"));
        assertEquals(Map.of("text", "hello"), metadataOf(index, "s"));
        assertEquals(Map.of("value", 5L), metadataOf(index, "i"));
        assertEquals(Map.of("value", true), metadataOf(index, "b"));
        assertEquals(Map.of("value", 2.5), metadataOf(index, "d"));
    }

    @Test
    void columnarPrefersMetadatasOverMetadata() {
        HnswIndex index = l2(2);
        index.add(Map.of("ids", List.of("a"), "vectors", List.of(List.of(1, 1)),
                "metadatas", List.of(Map.of("from", "metadatas")), "metadata", List.of(Map.of("from", "metadata"))));
        assertEquals(Map.of("from", "metadatas"), metadataOf(index, "a"));
        index.add(Map.of("ids", List.of("b"), "vectors", List.of(List.of(1, 1)),
                "metadata", List.of(Map.of("from", "metadata"))));
        assertEquals(Map.of("from", "metadata"), metadataOf(index, "b"));
    }

    @Test
    void columnarWithoutVectorsIsReportedNotThrown() {
        HnswIndex index = l2(2);
        AddResult r = index.add(Map.of("ids", List.of("a"), "metadatas", List.of(Map.of())));
        assertEquals(0, r.totalInserted());
        assertEquals(1, r.totalErrors());
        assertTrue(r.errors().get(0).contains("Missing vector data"), r.errors().toString());
        assertFalse(r.isSuccess());
        assertEquals(0, index.size());
    }

    @Test
    void columnarWithoutIdsGeneratesThemInRowOrder() {
        HnswIndex index = l2(2);
        AddResult r = index.add(Map.of("vectors", List.of(List.of(1, 1), List.of(2, 2), List.of(3, 3))));
        assertEquals(List.of("vec_1", "vec_2", "vec_3"), r.ids());
        assertArrayEquals(new float[] {2, 2}, vectorOf(index, "vec_2"));
    }

    // ------------------------------------------------------------------ shape 3: lists

    @Test
    void listOfMapsPrefersVectorOverValuesAndWrapsScalarMetadata() {
        HnswIndex index = l2(2);
        AddResult r = index.add(List.of(
                Map.of("id", "a", "vector", List.of(1, 2), "values", List.of(9, 9)),
                Map.of("id", "b", "values", List.of(3, 4), "metadata", "note"),
                Map.of("vector", List.of(5, 6), "metadata", 42),
                Map.of("id", "c", "vector", List.of(7, 8), "metadata", Map.of("x", List.of(1, "two")))));
        assertTrue(r.isSuccess(), r.errors().toString());
        assertEquals(List.of("a", "b", "vec_1", "c"), r.ids());
        assertArrayEquals(new float[] {1, 2}, vectorOf(index, "a"));
        assertEquals(Map.of("text", "note"), metadataOf(index, "b"));
        assertEquals(Map.of("value", 42L), metadataOf(index, "vec_1"));
        assertEquals(Map.of("x", List.of(1L, "two")), metadataOf(index, "c"));
    }

    @Test
    void listOfBareVectorsInEveryForm() {
        HnswIndex index = l2(3);
        assertEquals(List.of("vec_1", "vec_2"), index.add(List.of(new float[] {1, 2, 3}, new float[] {4, 5, 6})).ids());
        assertEquals(List.of("vec_3"), index.add(List.of(new double[] {7, 8, 9})).ids());
        assertEquals(List.of("vec_4", "vec_5"), index.add(List.of(List.of(1, 2, 3), List.of(1.5, 2.5, 3.5))).ids());
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, vectorOf(index, "vec_5"));
    }

    @Test
    void mixedListOfMapsVectorsAndRecords() {
        HnswIndex index = l2(2);
        AddResult r = index.add(List.of(
                Map.of("id", "m", "vector", List.of(1, 1)),
                new float[] {2, 2},
                Record.of("r", new float[] {3, 3}, Map.of("kind", "record")),
                Record.of(new float[] {4, 4})));
        assertEquals(List.of("m", "vec_1", "r", "vec_2"), r.ids());
        assertEquals(new Shape(4, 2), r.vectorShape());
        assertEquals(Map.of("kind", "record"), metadataOf(index, "r"));
        assertArrayEquals(new float[] {4, 4}, vectorOf(index, "vec_2"));
    }

    @Test
    void recordAndCollectionOfRecords() {
        HnswIndex index = l2(2);
        assertEquals(List.of("one"), index.add(Record.of("one", new float[] {1, 0})).ids());
        Set<Record> set = new LinkedHashSet<>(List.of(Record.of("two", new float[] {2, 0}),
                Record.of("three", new float[] {3, 0}, Map.of("n", 3))));
        AddResult r = index.add(set);
        assertEquals(List.of("two", "three"), r.ids());
        assertEquals(Map.of("n", 3L), metadataOf(index, "three"));
        // a Record copies its vector: changing the caller's array afterwards changes nothing
        float[] v = {5, 5};
        Record rec = Record.of("four", v);
        v[0] = 99;
        index.add(rec);
        assertArrayEquals(new float[] {5, 5}, vectorOf(index, "four"));
    }

    // ------------------------------------------------------------------ shapes 4 and 5: arrays

    @Test
    void twoDimensionalArraysInsertOneRecordPerRow() {
        HnswIndex index = l2(2);
        AddResult f = index.add(new float[][] {{1, 2}, {3, 4}});
        AddResult d = index.add(new double[][] {{5, 6}});
        assertEquals(List.of("vec_1", "vec_2"), f.ids());
        assertEquals(new Shape(2, 2), f.vectorShape());
        assertEquals(List.of("vec_3"), d.ids());
        assertArrayEquals(new float[] {5, 6}, vectorOf(index, "vec_3"));
    }

    @Test
    void oneDimensionalArrayOrListOfNumbersIsOneBareVector() {
        HnswIndex index = l2(2);
        assertEquals(List.of("vec_1"), index.add(new float[] {1, 2}).ids());
        assertEquals(List.of("vec_2"), index.add(new double[] {3, 4}).ids());
        AddResult l = index.add(List.of(5, 6));
        assertEquals(List.of("vec_3"), l.ids());
        assertEquals(new Shape(1, 2), l.vectorShape());
        assertArrayEquals(new float[] {5, 6}, vectorOf(index, "vec_3"));
    }

    @Test
    void doubleInputsAreRoundedToFloat() {
        HnswIndex index = l2(2);
        index.add(Map.of("id", "a", "vector", new double[] {0.1, 1.0 / 3}));
        assertArrayEquals(new float[] {0.1f, (float) (1.0 / 3)}, vectorOf(index, "a"));
    }

    @Test
    void unsupportedTopLevelTypesThrowNamingTheType() {
        HnswIndex index = l2(2);
        for (Object bad : new Object[] {42, "text", new int[] {1, 2}, new Object(), 'c'}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.add(bad));
            assertTrue(e.getMessage().contains(bad.getClass().getSimpleName()) || e.getMessage().contains(bad.getClass().getName()),
                    e.getMessage());
        }
        assertEquals(0, index.size());
        assertEquals(List.of("vec_1"), index.add(new float[] {1, 1}).ids(), "no generated id was consumed");
    }

    // ------------------------------------------------------------------ AddResult

    @Test
    void emptyInputsHaveZeroRows() {
        HnswIndex index = l2(4);
        for (Object empty : new Object[] {List.of(), new float[0][], new double[0][], Map.of("vectors", List.of()),
                Set.of()}) {
            AddResult r = index.add(empty);
            assertEquals(new Shape(0, 4), r.vectorShape(), String.valueOf(empty));
            assertEquals(0, r.totalInserted());
            assertTrue(r.isSuccess());
            assertEquals("0 inserted, 0 errors", r.summary());
            assertEquals("AddResult(inserted=0, errors=0, shape=Some((0, 4)))", r.toString());
        }
        assertEquals(0, index.size());
    }

    @Test
    void addResultFieldsCountRowsErrorsAndIds() {
        HnswIndex index = l2(2);
        AddResult r = index.add(Map.of("ids", List.of("a", "b", "c"), "vectors",
                List.of(List.of(1, 2), List.of(1), List.of(3, 4))));
        assertEquals(2, r.totalInserted());
        assertEquals(1, r.totalErrors());
        assertEquals(r.totalErrors(), r.errors().size());
        assertEquals(List.of("a", "c"), r.ids());
        assertEquals(new Shape(3, 2), r.vectorShape());
        assertEquals(3, r.vectorShape().rows());
        assertEquals(2, r.vectorShape().dim());
        assertEquals("(3, 2)", r.vectorShape().toString());
        assertFalse(r.isSuccess());
        assertEquals("2 inserted, 1 errors", r.summary());
        assertEquals("AddResult(inserted=2, errors=1, shape=Some((3, 2)))", r.toString());
        assertThrows(UnsupportedOperationException.class, () -> r.ids().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> r.errors().clear());
    }

    @Test
    void addResultToStringIsByteCompatibleWithUpstream() {
        HnswIndex index = l2(2);
        AddResult r = index.add(Map.of("ids", List.of("doc1", "doc2"),
                "embeddings", List.of(List.of(0.1, 0.2), List.of(0.3, 0.4)),
                "metadatas", List.of(Map.of("text", "hello"), Map.of("text", "world"))));
        assertEquals("AddResult(inserted=2, errors=0, shape=Some((2, 2)))", r.toString());
        assertEquals("2 inserted, 0 errors", r.summary());
        assertTrue(r.isSuccess());
        assertEquals(List.of(), r.errors());
        assertNull(index.getRecords("doc1", false).get(0).vector());
        assertEquals(Map.of("text", "world"), metadataOf(index, "doc2"));
    }

    @Test
    void callerArraysAreCopiedOnTheWayIn() {
        HnswIndex index = l2(2);
        float[][] rows = {{1, 2}};
        index.add(rows);
        rows[0][0] = 100;
        List<Object> v = new ArrayList<>(List.of(3, 4));
        index.add(Map.of("id", "l", "vector", v));
        v.set(0, 300);
        assertArrayEquals(new float[] {1, 2}, vectorOf(index, "vec_1"));
        assertArrayEquals(new float[] {3, 4}, vectorOf(index, "l"));
        // and arrays handed out are copies too
        float[] out = vectorOf(index, "l");
        out[0] = -1;
        assertTrue(Arrays.equals(new float[] {3, 4}, vectorOf(index, "l")));
    }
}
