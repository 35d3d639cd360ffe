package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile input for every public method: each call throws the expected exception with the
 * reference's message, and afterwards nothing already stored has changed (size, records with
 * their vectors and metadata, arrival order, search results, graph, counters, index metadata).
 */
class HostileInputTest {

    private static final int DIM = 4;
    private static final float[] Q = {0.5f, 0.5f, 0.5f, 0.5f};
    private static final float[] Q2 = {-1f, 0f, 2f, 0.25f};

    /** 30 records r0..r29 with metadata {g: i % 3}, one removed, one upserted, index metadata set. */
    private static HnswIndex fixture() {
        HnswIndex index = new VectorDatabase().create(Map.of("dim", DIM, "space", "l2"));
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<Map<String, Object>> metas = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add("r" + i);
            vectors.add(new float[] {i % 5, i % 7, (i * 13) % 11 / 3f, i / 10f});
            metas.add(Map.of("g", i % 3, "i", i));
        }
        index.add(Map.of("ids", ids, "vectors", vectors, "metadatas", metas));
        index.removePoint("r7");
        index.add(Map.of("id", "r3", "vector", List.of(9, 9, 9, 9), "metadata", Map.of("g", 0, "i", 3, "upserted", true)));
        index.addMetadata(Map.of("owner", "tests"));
        return index;
    }

    /** Everything observable about an index's contents. */
    private record Snapshot(int size, List<Record> records, List<List<SearchResult>> pages, Map<String, String> stats,
                            Map<String, String> indexMetadata, String info) {

        static Snapshot of(HnswIndex index) {
            List<Record> records = new ArrayList<>();
            for (Record r : index.list(Integer.MAX_VALUE)) {
                records.add(index.getRecords(r.id()).get(0));
            }
            List<List<SearchResult>> pages = new ArrayList<>();
            for (float[] q : List.of(Q, Q2)) {
                pages.add(index.search(q, SearchOptions.topK(100).efSearch(100).returnVector(true)));
                pages.add(index.search(q, SearchOptions.topK(5).efSearch(5)));
                pages.add(index.search(q, Map.of("g", 1), 5));
            }
            Map<String, String> stats = new HashMap<>(index.getStats());
            return new Snapshot(index.size(), records, pages, stats, index.getAllMetadata(), index.info());
        }

        void assertSame(HnswIndex index, String context) {
            Snapshot now = of(index);
            assertEquals(size, now.size, context + ": size");
            assertEquals(size, index.getVectorCount(), context + ": getVectorCount");
            assertEquals(records, now.records, context + ": records (ids, order, vectors, metadata)");
            for (int i = 0; i < pages.size(); i++) {
                Oracle.assertSamePage(pages.get(i), now.pages.get(i), context + ": search page " + i);
            }
            assertEquals(stats, now.stats, context + ": getStats");
            assertEquals(indexMetadata, now.indexMetadata, context + ": index metadata");
            assertEquals(info, now.info, context + ": info");
        }
    }

    private record Case(String name, Class<? extends Throwable> type, String message, Consumer<HnswIndex> call) {}

    private static Case iae(String name, String message, Consumer<HnswIndex> call) {
        return new Case(name, IllegalArgumentException.class, message, call);
    }

    private static Case nse(String name, String message, Consumer<HnswIndex> call) {
        return new Case(name, NoSuchElementException.class, message, call);
    }

    private static float[] with(int index, float value) {
        float[] v = Q.clone();
        v[index] = value;
        return v;
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // ---- search: the query
        c.add(iae("search null", null, i -> i.search(null, 5)));
        c.add(iae("search empty float[]", "Search vector cannot be empty", i -> i.search(new float[0], 5)));
        c.add(iae("search empty double[]", "Search vector cannot be empty", i -> i.search(new double[0], 5)));
        c.add(iae("search empty List", "Search vector cannot be empty", i -> i.search(List.of(), 5)));
        c.add(iae("search narrow", "Search vector dimension mismatch: expected 4, got 3", i -> i.search(new float[3], 5)));
        c.add(iae("search wide", "Search vector dimension mismatch: expected 4, got 5", i -> i.search(new double[5], 5)));
        c.add(iae("search wide List", "Search vector dimension mismatch: expected 4, got 5", i -> i.search(List.of(1, 2, 3, 4, 5), 5)));
        c.add(iae("search NaN", "Search vector contains invalid value at index 2: NaN", i -> i.search(with(2, Float.NaN), 5)));
        c.add(iae("search +inf", "Search vector contains invalid value at index 0: inf", i -> i.search(with(0, Float.POSITIVE_INFINITY), 5)));
        c.add(iae("search -inf double", "Search vector contains invalid value at index 3: -inf",
                i -> i.search(new double[] {0, 0, 0, Double.NEGATIVE_INFINITY}, 5)));
        c.add(iae("search double overflowing float", "Search vector contains invalid value at index 1: inf",
                i -> i.search(new double[] {0, 1e39, 0, 0}, 5)));
        c.add(iae("search negative double overflowing float", "Search vector contains invalid value at index 0: -inf",
                i -> i.search(new double[] {-3.5e38, 0, 0, 0}, 5)));
        c.add(iae("search NaN in List", "Search vector contains invalid value at index 1: NaN",
                i -> i.search(List.of(0.0, Double.NaN, 0.0, 0.0), 5)));
        c.add(iae("search String", null, i -> i.search("0.5 0.5 0.5 0.5", 5)));
        c.add(iae("search int[]", null, i -> i.search(new int[] {1, 2, 3, 4}, 5)));
        c.add(iae("search List with a String", null, i -> i.search(List.of(1, "2", 3, 4), 5)));
        c.add(iae("search List with a Boolean", null, i -> i.search(List.of(1, true, 3, 4), 5)));
        c.add(iae("search List with null", null, i -> i.search(Arrays.asList(1, null, 3, 4), 5)));
        c.add(iae("search null options", null, i -> i.search(Q, (SearchOptions) null)));
        // ---- search: the options
        c.add(iae("top_k -1", "top_k must be non-negative, got -1", i -> i.search(Q, -1)));
        c.add(iae("top_k 65537", "top_k must be at most 65536, got 65537", i -> i.search(Q, 65_537)));
        c.add(iae("top_k MAX", "top_k must be at most 65536, got 2147483647", i -> i.search(Q, Integer.MAX_VALUE)));
        c.add(iae("top_k 65537 with filter", "top_k must be at most 65536, got 65537", i -> i.search(Q, Map.of("g", 1), 65_537)));
        c.add(iae("ef_search 131073", "ef_search must be at most 131072, got 131073",
                i -> i.search(Q, SearchOptions.topK(5).efSearch(131_073))));
        c.add(iae("ef_search -1", "ef_search must be non-negative, got -1", i -> i.search(Q, SearchOptions.topK(5).efSearch(-1))));
        c.add(iae("rerank -1", "rerank must be non-negative, got -1", i -> i.search(Q, SearchOptions.topK(5).rerank(-1))));
        c.add(iae("withTopK -2", "top_k must be non-negative, got -2", i -> SearchOptions.defaults().withTopK(-2)));
        c.add(iae("fromMap unknown key", null, i -> SearchOptions.fromMap(Map.of("topk", 5))));
        c.add(iae("fromMap top_k String", "top_k must be an integer, got String", i -> SearchOptions.fromMap(Map.of("top_k", "5"))));
        c.add(iae("fromMap ef_search Double", "ef_search must be an integer, got Double", i -> SearchOptions.fromMap(Map.of("ef_search", 1.5))));
        c.add(iae("fromMap top_k 65537", "top_k must be at most 65536, got 65537", i -> SearchOptions.fromMap(Map.of("top_k", 65_537))));
        c.add(iae("fromMap return_vector String", null, i -> SearchOptions.fromMap(Map.of("return_vector", "yes"))));
        // ---- searchBatch
        c.add(iae("batch null", null, i -> i.searchBatch(null, 5)));
        c.add(iae("batch empty float[][]", "Batch cannot be empty", i -> i.searchBatch(new float[0][], 5)));
        c.add(iae("batch empty double[][]", "Batch cannot be empty", i -> i.searchBatch(new double[0][], 5)));
        c.add(iae("batch empty List", "Batch cannot be empty", i -> i.searchBatch(List.of(), 5)));
        c.add(iae("batch empty row", "Vector 1 in batch cannot be empty", i -> i.searchBatch(new float[][] {Q, {}}, 5)));
        c.add(iae("batch narrow row float[][]", "Vector 1: dimension mismatch: expected 4, got 3",
                i -> i.searchBatch(new float[][] {Q, new float[3]}, 5)));
        c.add(iae("batch wide row double[][]", "Vector 0: dimension mismatch: expected 4, got 6",
                i -> i.searchBatch(new double[][] {new double[6]}, 5)));
        c.add(iae("batch narrow row List of Lists", "Vector 2: dimension mismatch: expected 4, got 2",
                i -> i.searchBatch(List.of(List.of(1, 1, 1, 1), List.of(1, 1, 1, 1), List.of(1, 1)), 5)));
        c.add(iae("batch narrow row List of float[]", "Vector 1: dimension mismatch: expected 4, got 1",
                i -> i.searchBatch(List.of(Q, new float[1]), 5)));
        c.add(iae("batch NaN", "Vector 1 in batch contains invalid value at index 2: NaN (must be finite)",
                i -> i.searchBatch(new float[][] {Q, with(2, Float.NaN)}, 5)));
        c.add(iae("batch double overflow", "Vector 0 in batch contains invalid value at index 3: inf (must be finite)",
                i -> i.searchBatch(new double[][] {{0, 0, 0, 1e300}}, 5)));
        c.add(iae("batch -inf in List", "Vector 0 in batch contains invalid value at index 0: -inf (must be finite)",
                i -> i.searchBatch(List.of(List.of(Double.NEGATIVE_INFINITY, 0.0, 0.0, 0.0)), 5)));
        c.add(iae("batch null row", null, i -> i.searchBatch(Arrays.asList(Q, null), 5)));
        c.add(iae("batch of a single vector", null, i -> i.searchBatch(Q, 5)));
        c.add(iae("batch top_k 65537", "top_k must be at most 65536, got 65537", i -> i.searchBatch(new float[][] {Q}, 65_537)));
        c.add(iae("batch null options", null, i -> i.searchBatch(new float[][] {Q}, (SearchOptions) null)));
        // ---- add (more in AddErrorsTest)
        c.add(iae("add null", "Data cannot be null", i -> i.add(null)));
        c.add(iae("add Integer", null, i -> i.add(5)));
        c.add(iae("add mismatched ids", null, i -> i.add(Map.of("ids", List.of("x"), "vectors", List.of(Q, Q2)))));
        c.add(iae("Record.of null vector", null, i -> Record.of("x", null)));
        c.add(iae("Record.of unstorable metadata", null, i -> Record.of("x", Q, Map.of("k", Double.NaN))));
        c.add(iae("add metadatas not a List", null, i -> i.add(Map.of("ids", List.of("x"), "vectors", List.of(Q), "metadatas", "m"))));
        // ---- getRecords
        c.add(iae("getRecords null String", null, i -> i.getRecords((String) null)));
        c.add(iae("getRecords null List", null, i -> i.getRecords((List<String>) null)));
        c.add(iae("getRecords null element", null, i -> i.getRecords(Arrays.asList("r1", null))));
        c.add(iae("getRecords null element strict", null, i -> i.getRecords(Arrays.asList("r1", null), true, true)));
        c.add(nse("getRecords strict", "get_records(strict=true) was asked for 2 id(s) the index does not hold: aa, zz. "
                + "Call it without strict=true to receive the records that are present, or test an id with contains(id) first.",
                i -> i.getRecords(List.of("r1", "zz", "aa"), true, true)));
        c.add(nse("getRecords strict removed id", "get_records(strict=true) was asked for 1 id(s) the index does not hold: r7. "
                + "Call it without strict=true to receive the records that are present, or test an id with contains(id) first.",
                i -> i.getRecords("r7", false, true)));
        c.add(nse("getRecords strict many", "get_records(strict=true) was asked for 12 id(s) the index does not hold: "
                + "x00, x01, x02, x03, x04, x05, x06, x07, x08, x09, and 2 more. "
                + "Call it without strict=true to receive the records that are present, or test an id with contains(id) first.",
                i -> i.getRecords(List.of("x11", "x10", "x09", "x08", "x07", "x06", "x05", "x04", "x03", "x02", "x01", "x00", "r2"),
                        false, true)));
        // ---- list
        c.add(iae("list number -1", "number must be non-negative, got -1", i -> i.list(-1)));
        c.add(iae("list offset -1", "offset must be non-negative, got -1", i -> i.list(5, -1)));
        c.add(new Case("list after and offset", IllegalArgumentException.class, "list() takes after or offset, not both, "
                + "and it was given after='r1' with offset=3.", i -> i.list(2, 3, "r1")));
        c.add(nse("list after absent", "list(after='nope') names a record the index does not hold, so there is no position "
                + "to resume from. The cursor record was removed while the caller was paging. Resume from an id the index "
                + "still holds, or start again from offset 0.", i -> i.list(2, 0, "nope")));
        c.add(nse("list after removed", "list(after='r7') names a record the index does not hold, so there is no position "
                + "to resume from. The cursor record was removed while the caller was paging. Resume from an id the index "
                + "still holds, or start again from offset 0.", i -> i.list(2, 0, "r7")));
        // ---- contains, removals, delete
        c.add(iae("contains null", null, i -> i.contains(null)));
        c.add(iae("removePoint null", null, i -> i.removePoint(null)));
        c.add(iae("removePoints null", null, i -> i.removePoints(null)));
        c.add(iae("removePoints null element", null, i -> i.removePoints(Arrays.asList("r1", "r2", null))));
        String everything = "remove_where requires a filter that selects records. An empty filter matches every record, so "
                + "this would delete the whole index. Name the records with remove_points(ids) if that is what you want.";
        c.add(iae("removeWhere {}", everything, i -> i.removeWhere(Map.of())));
        c.add(iae("deleteWhere {}", everything, i -> i.deleteWhere(Map.of())));
        c.add(iae("delete where {}", everything, i -> i.delete(null, Map.of())));
        c.add(iae("removeWhere null", null, i -> i.removeWhere((Map<String, ?>) null)));
        c.add(iae("delete neither", null, i -> i.delete(null, null)));
        c.add(iae("delete both", null, i -> i.delete(List.of("r1"), Map.of("g", 1))));
        c.add(iae("delete null element", null, i -> i.delete(Arrays.asList("r1", null))));
        c.add(iae("delete null id", null, i -> i.delete((String) null)));
        c.add(iae("delete null list", null, i -> i.delete((List<String>) null)));
        // ---- updateMetadata
        c.add(iae("updateMetadata null id", null, i -> i.updateMetadata(null, Map.of("a", 1))));
        c.add(iae("updateMetadata null metadata", null, i -> i.updateMetadata("r1", null)));
        c.add(iae("updateMetadata NaN", null, i -> i.updateMetadata("r1", Map.of("x", Double.NaN))));
        c.add(iae("updateMetadata unsupported type", null, i -> i.updateMetadata("r1", Map.of("x", new Object()))));
        // ---- rebuild
        c.add(iae("rebuild nothing", null, i -> i.rebuild(null, null, null)));
        c.add(iae("rebuild m 1", "m must be at least 2, got 1", i -> i.rebuild(1, null, null)));
        c.add(iae("rebuild m 257", "m must be less than or equal to 256, got 257", i -> i.rebuild(257, null, null)));
        c.add(iae("rebuild expected_size 0", "expected_size must be positive", i -> i.rebuild(null, 0, null)));
        c.add(iae("rebuild ef_construction 0", "ef_construction must be positive", i -> i.rebuild(null, null, 0)));
        c.add(iae("rebuild ef_construction 4097", "ef_construction must be at most 4096, got 4097", i -> i.rebuild(8, 20, 4_097)));
        c.add(iae("rebuild valid m, invalid ef", "ef_construction must be positive", i -> i.rebuild(8, null, -5)));
        // ---- index-level metadata and introspection
        c.add(iae("addMetadata null", null, i -> i.addMetadata(null)));
        c.add(iae("addMetadata null value", null, i -> {
            Map<String, String> m = new HashMap<>();
            m.put("aaa", "fine");
            m.put("bad", null);
            i.addMetadata(m);
        }));
        c.add(iae("getMetadata null", null, i -> i.getMetadata(null)));
        c.add(iae("benchmarkConcurrentReads 0", null, i -> i.benchmarkConcurrentReads(0)));
        c.add(iae("benchmarkConcurrentReads threads 0", null, i -> i.benchmarkConcurrentReads(5, 0)));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileCallThrowsAndChangesNothing() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            HnswIndex index = fixture();
            Snapshot before = Snapshot.of(index);
            Executable call = () -> c.call().accept(index);
            Throwable t = assertThrows(c.type(), call, c.name());
            if (c.message() != null) {
                if (c.name().equals("list after and offset")) {
                    assertTrue(t.getMessage().startsWith(c.message()), t.getMessage());
                } else {
                    assertEquals(c.message(), t.getMessage(), c.name());
                }
            } else {
                assertTrue(t.getMessage() != null && !t.getMessage().isBlank(), c.name() + ": a message");
            }
            before.assertSame(index, c.name());
            // and no generated id was consumed by the failure
            assertEquals(List.of("vec_1"), index.add(new float[] {1, 2, 3, 4}).ids(), c.name());
        }));
    }

    @Test
    void nullMessagesNameTheParameter() {
        HnswIndex index = fixture();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.search(null, 5)).getMessage().contains("null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.contains(null)).getMessage().contains("id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.removePoints(null)).getMessage().contains("ids"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.updateMetadata("r1", null)).getMessage().contains("metadata"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.rebuild(null, null, null)).getMessage().contains("compact()"));
    }

    @Test
    void limitsAreInclusive() {
        HnswIndex index = fixture();
        assertEquals(29, index.search(Q, 65_536).size());
        assertEquals(29, index.search(Q, SearchOptions.topK(65_536).efSearch(131_072)).size());
        assertEquals(5, index.search(Q, SearchOptions.topK(5).efSearch(0)).size(), "ef_search 0 is accepted");
        assertEquals(List.of(), index.search(Q, 0), "top_k 0 is an empty page");
        assertEquals(5, index.search(Q, SearchOptions.topK(5).rerank(0)).size(), "rerank is ignored without PQ");
        assertEquals(2, index.searchBatch(new float[][] {Q, Q2}, 65_536).size());
        assertEquals(List.of(List.of(), List.of()), index.searchBatch(List.of(Q, Q2), 0));
        assertEquals(List.of(), index.list(0));
        assertEquals(10, index.list().size(), "list() shows 10 records by default");
        assertEquals(List.of(), index.list(5, 1_000));
        assertEquals(List.of(), index.getRecords(List.of()));
        assertEquals(List.of(), index.getRecords(List.of("absent", "r7")), "absent ids are skipped when not strict");
        assertEquals(List.of("absent", "r7"), index.removePoints(List.of("absent", "r7")));
        assertEquals(List.of(), index.removePoints(List.of("r1", "r1")), "a repeated id is removed once, never reported missing");
        assertTrue(!index.contains("r1"));
        assertTrue(!index.removePoint("absent"));
    }

    @Test
    void emptyIndexStillValidatesInput() {
        HnswIndex empty = new VectorDatabase().create(Map.of("dim", DIM));
        assertEquals(List.of(), empty.search(Q, 5));
        assertEquals(List.of(List.of(), List.of()), empty.searchBatch(new float[][] {Q, Q2}, 5));
        assertEquals("Search vector dimension mismatch: expected 4, got 3",
                assertThrows(IllegalArgumentException.class, () -> empty.search(new float[3], 5)).getMessage());
        assertEquals("Batch cannot be empty", assertThrows(IllegalArgumentException.class, () -> empty.searchBatch(List.of(), 5)).getMessage());
        assertEquals("top_k must be at most 65536, got 65537",
                assertThrows(IllegalArgumentException.class, () -> empty.search(Q, 65_537)).getMessage());
        assertEquals(0, empty.compact());
        assertEquals(0, empty.clear());
        assertEquals(0, empty.rebuild(8, null, null));
        assertEquals(0, empty.count(Map.of("g", 1)));
    }

    @Test
    void aFailedRebuildKeepsTheConfiguration() {
        HnswIndex index = fixture();
        assertThrows(IllegalArgumentException.class, () -> index.rebuild(8, 50, 0));
        assertEquals(16, index.m());
        assertEquals(10_000, index.expectedSize());
        assertEquals(200, index.efConstruction());
        assertEquals(29, index.rebuild(8, 50, 40));
        assertEquals("HNSWIndex(dim=4, space=l2, m=8, ef_construction=40, expected_size=50, vectors=29, quantization=none)",
                index.info());
        assertEquals("0", index.getStats().get("stranded_graph_nodes"));
    }

    @Test
    void deleteAndRemoveWhereReturnCounts() {
        HnswIndex index = fixture();
        assertEquals(2, index.delete(List.of("r1", "r2", "r1", "absent")));
        assertEquals(1, index.delete("r4"));
        assertEquals(0, index.delete("r4"));
        int g1 = index.count(Map.of("g", 1));
        assertEquals(g1, index.deleteWhere(Map.of("g", 1)));
        assertEquals(0, index.count(Map.of("g", 1)));
        assertEquals(0, index.removeWhere(Map.of("g", 1)));
        assertEquals(index.count(Map.of("g", 2)), index.delete(null, Map.of("g", 2)));
        assertEquals(index.size(), index.count(Map.of("g", 0)));
        assertEquals(index.size(), index.count(Map.of()));
    }
}
