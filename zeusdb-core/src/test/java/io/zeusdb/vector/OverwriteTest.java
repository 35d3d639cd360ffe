package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference 4.5 and its Decision: upsert by default, overwrite=false, duplicates within a batch. */
class OverwriteTest {

    private static HnswIndex abc() {
        HnswIndex index = new VectorDatabase().create(Map.of("dim", 2, "space", "l2"));
        index.add(List.of(Map.of("id", "a", "vector", List.of(1, 0), "metadata", Map.of("v", 1, "old", true)),
                Map.of("id", "b", "vector", List.of(2, 0)),
                Map.of("id", "c", "vector", List.of(3, 0))));
        return index;
    }

    private static List<String> order(HnswIndex index) {
        return index.list(Integer.MAX_VALUE).stream().map(Record::id).toList();
    }

    private static Record record(HnswIndex index, String id) {
        return index.getRecords(id).get(0);
    }

    @Test
    void upsertReplacesVectorAndMetadataWholesaleAndMovesToTheEnd() {
        HnswIndex index = abc();
        AddResult r = index.add(Map.of("id", "a", "vector", List.of(10, 10), "metadata", Map.of("v", 2)));
        assertEquals(List.of("a"), r.ids());
        assertEquals(1, r.totalInserted());
        assertTrue(r.isSuccess());
        assertEquals(3, index.size());
        assertEquals(List.of("b", "c", "a"), order(index));
        assertArrayEquals(new float[] {10, 10}, record(index, "a").vector());
        assertEquals(Map.of("v", 2L), record(index, "a").metadata(), "replaced, never merged");
        // the old vector is gone from search, the new one is found
        List<SearchResult> near = index.search(new float[] {10, 10}, 3);
        assertEquals("a", near.get(0).id());
        assertEquals(0.0, near.get(0).score(), 0.0);
        assertEquals(List.of("a", "c", "b"), Oracle.ids(near));
        // the replaced node is stranded until compact
        assertEquals("4", index.getStats().get("graph_nodes"));
        assertEquals("1", index.getStats().get("stranded_graph_nodes"));
        assertEquals(1, index.compact());
        assertEquals("0", index.getStats().get("stranded_graph_nodes"));
        assertEquals(List.of("b", "c", "a"), order(index), "compact keeps arrival order");
        assertEquals(0, index.compact(), "nothing left to reclaim");
    }

    @Test
    void overwriteFalseRejectsCollisionsAndKeepsTheOriginal() {
        HnswIndex index = abc();
        AddResult r = index.add(List.of(Map.of("id", "a", "vector", List.of(9, 9), "metadata", Map.of("v", 9)),
                Map.of("id", "d", "vector", List.of(4, 0))), false);
        assertEquals(List.of("Vector a: Vector with ID 'a' already exists"), r.errors());
        assertEquals(List.of("d"), r.ids());
        assertEquals(List.of("a", "b", "c", "d"), order(index));
        assertArrayEquals(new float[] {1, 0}, record(index, "a").vector());
        assertEquals(Map.of("old", true, "v", 1L), record(index, "a").metadata());
        assertEquals("0", index.getStats().get("stranded_graph_nodes"));
        assertEquals("AddResult(inserted=1, errors=1, shape=Some((2, 2)))", r.toString());
    }

    @Test
    void duplicatesWithinOneBatchUnderOverwriteTrueKeepTheLastOccurrence() {
        HnswIndex index = new VectorDatabase().create(Map.of("dim", 2, "space", "l2"));
        index.add(Map.of("id", "z", "vector", List.of(0, 5)));
        AddResult r = index.add(List.of(
                Map.of("id", "a", "vector", List.of(1, 1), "metadata", Map.of("n", 1)),
                Map.of("id", "b", "vector", List.of(2, 2)),
                Map.of("id", "a", "vector", List.of(3, 3), "metadata", Map.of("n", 3)),
                Map.of("id", "z", "vector", List.of(4, 4)),
                Map.of("id", "c", "vector", List.of(5, 5)),
                Map.of("id", "z", "vector", List.of(6, 6), "metadata", Map.of("last", true))));
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("b", "a", "c", "z"), r.ids(), "each id once, at the position of its last occurrence");
        assertEquals(4, r.totalInserted());
        assertEquals(new Shape(6, 2), r.vectorShape());
        assertEquals(List.of("b", "a", "c", "z"), order(index));
        assertEquals(4, index.size());
        assertArrayEquals(new float[] {3, 3}, record(index, "a").vector());
        assertEquals(Map.of("n", 3L), record(index, "a").metadata());
        assertArrayEquals(new float[] {6, 6}, record(index, "z").vector());
        assertEquals(Map.of("last", true), record(index, "z").metadata());
        // superseded occurrences never appear in results
        List<SearchResult> all = index.search(new float[] {0, 0}, SearchOptions.topK(10).efSearch(10));
        assertEquals(List.of("a", "b", "c", "z"), Oracle.ids(all).stream().sorted().toList());
    }

    @Test
    void duplicatesWithinOneColumnarBatchKeepTheLastOccurrence() {
        HnswIndex index = new VectorDatabase().create(Map.of("dim", 2, "space", "l2"));
        AddResult r = index.add(Map.of("ids", List.of("x", "y", "x"), "vectors",
                List.of(List.of(1, 1), List.of(2, 2), List.of(3, 3)), "metadatas",
                List.of(Map.of("i", 0), Map.of("i", 1), Map.of("i", 2))));
        assertEquals(List.of("y", "x"), r.ids());
        assertEquals(2, r.totalInserted());
        assertArrayEquals(new float[] {3, 3}, record(index, "x").vector());
        assertEquals(Map.of("i", 2L), record(index, "x").metadata());
    }

    @Test
    void duplicatesWithinOneBatchUnderOverwriteFalseKeepTheFirstOccurrence() {
        HnswIndex index = abc();
        AddResult r = index.add(List.of(
                Map.of("id", "n", "vector", List.of(1, 1), "metadata", Map.of("n", 1)),
                Map.of("id", "b", "vector", List.of(9, 9)),
                Map.of("id", "n", "vector", List.of(3, 3), "metadata", Map.of("n", 3)),
                Map.of("id", "b", "vector", List.of(8, 8)),
                Map.of("id", "n", "vector", List.of(4, 4))), false);
        assertEquals(List.of("n"), r.ids());
        assertEquals(List.of("Vector b: Vector with ID 'b' already exists",
                "Vector n: Vector with ID 'n' already exists",
                "Vector b: Vector with ID 'b' already exists",
                "Vector n: Vector with ID 'n' already exists"), r.errors());
        assertArrayEquals(new float[] {1, 1}, record(index, "n").vector());
        assertEquals(Map.of("n", 1L), record(index, "n").metadata());
        assertArrayEquals(new float[] {2, 0}, record(index, "b").vector());
        assertEquals(List.of("a", "b", "c", "n"), order(index));
    }

    @Test
    void upsertOfRecordsAndRepeatedUpsertsKeepOneLiveRecordPerId() {
        HnswIndex index = abc();
        for (int i = 0; i < 20; i++) {
            index.add(Record.of("b", new float[] {i, i}, Map.of("round", i)));
        }
        assertEquals(3, index.size());
        assertEquals(3, index.getVectorCount());
        assertEquals(List.of("a", "c", "b"), order(index));
        assertEquals(Map.of("round", 19L), record(index, "b").metadata());
        assertEquals("23", index.getStats().get("graph_nodes"));
        assertEquals("20", index.getStats().get("stranded_graph_nodes"));
        // exact and graph searches see only the latest b
        for (int ef : new int[] {2, 100}) { // 2 < live: the graph path, through 20 stranded nodes
            List<SearchResult> page = index.search(new float[] {19, 19}, SearchOptions.topK(2).efSearch(ef));
            assertEquals(List.of("b", "c"), Oracle.ids(page), "ef " + ef);
        }
        assertEquals(20, index.compact());
        assertEquals(List.of("a", "c", "b"), order(index));
        assertEquals(3, index.size());
    }

    @Test
    void overwriteIsTheDefault() {
        HnswIndex index = abc();
        assertEquals(List.of("c"), index.add(Map.of("id", "c", "vector", List.of(7, 7))).ids());
        assertEquals(List.of("c"), index.add(Map.of("id", "c", "vector", List.of(8, 8)), true).ids());
        assertArrayEquals(new float[] {8, 8}, record(index, "c").vector());
    }
}
