package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Appendix A.2 of the reference (other pinned outputs, PQ excluded) and the introspection of
 * section 9 on an index without quantization.
 */
class PinnedExamplesTest {

    private static final VectorDatabase VDB = new VectorDatabase();

    @Test
    void infoOfAFreshIndex() {
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 8, "space", "cosine", "m", 16, "ef_construction", 200, "expected_size", 5));
        assertEquals("HNSWIndex(dim=8, space=cosine, m=16, ef_construction=200, expected_size=5, vectors=0, quantization=none)",
                index.info());
    }

    @Test
    void defaultMFollowsExpectedSize() {
        assertEquals("16", VDB.create("hnsw", Map.of("dim", 8, "expected_size", 25_000)).getStats().get("m"));
        assertEquals("32", VDB.create("hnsw", Map.of("dim", 8, "expected_size", 25_001)).getStats().get("m"));
        assertEquals(32, VDB.create(IndexConfig.hnsw(8).expectedSize(25_001).build()).m());
        assertEquals(12, VDB.create(Map.of("dim", 8, "expected_size", 25_001, "m", 12)).m(), "an explicit m wins");
    }

    @Test
    void twoDimensionalAdds() {
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 2));
        AddResult one = index.add(Map.of("id", "doc1", "values", List.of(0.1, 0.2), "metadata", Map.of("text", "hello")));
        assertEquals("1 0 true", one.totalInserted() + " " + one.totalErrors() + " " + one.isSuccess());
        HnswIndex two = VDB.create("hnsw", Map.of("dim", 2));
        AddResult list = two.add(List.of(
                Map.of("id", "doc1", "values", List.of(0.1, 0.2), "metadata", Map.of("text", "hello")),
                Map.of("id", "doc2", "values", List.of(0.3, 0.4), "metadata", Map.of("text", "world"))));
        assertEquals("2 0", list.totalInserted() + " " + list.totalErrors());
        assertEquals("(2, 2)", list.vectorShape().toString());
        assertEquals(List.of(), list.errors());
        HnswIndex three = VDB.create("hnsw", Map.of("dim", 2));
        AddResult columnar = three.add(Map.of("ids", List.of("doc1", "doc2"),
                "embeddings", List.of(List.of(0.1, 0.2), List.of(0.3, 0.4)),
                "metadatas", List.of(Map.of("text", "hello"), Map.of("text", "world"))));
        assertEquals("AddResult(inserted=2, errors=0, shape=Some((2, 2)))", columnar.toString());
    }

    @Test
    void generatedThenCallerIdsThenAPartialBatch() {
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 2));
        assertEquals(List.of("vec_1", "vec_2"), index.add(Map.of("vectors", List.of(List.of(0.1, 0.2), List.of(0.3, 0.4)))).ids());
        assertEquals(List.of("a", "b"), index.add(Map.of("ids", List.of("a", "b"), "embeddings",
                List.of(List.of(0.5, 0.6), List.of(0.7, 0.8)))).ids());
        AddResult partial = index.add(Map.of("ids", List.of("ok", "bad"), "embeddings", List.of(List.of(0.1, 0.2), List.of(0.1))));
        assertEquals(List.of("ok"), partial.ids());
        assertEquals(1, partial.totalInserted());
        assertEquals(1, partial.totalErrors());
    }

    @Test
    void cursorPagingSurvivesDeletionsWhileOffsetShifts() {
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 2));
        for (int n = 0; n < 5; n++) {
            index.add(Map.of("id", "p" + n, "vector", List.of((double) n, 0.0)));
        }
        assertEquals(List.of("p0", "p1"), ids(index.list(2)));
        assertTrue(index.removePoint("p0"));
        assertEquals(List.of("p2", "p3"), ids(index.list(2, 0, "p1")));
        assertEquals(List.of("p3", "p4"), ids(index.list(2, 2)));
        assertEquals(List.of("p4"), ids(index.list(2, 0, "p3")));
        assertEquals(List.of(), ids(index.list(2, 0, "p4")));
        assertEquals(List.of(), ids(index.list(0)));
        assertEquals(List.of("p1", "p2", "p3", "p4"), ids(index.list(10, 0, null)));
        assertEquals(List.of("p1", "p2", "p3", "p4"), ids(index.list()));
    }

    @Test
    void indexLevelMetadata() {
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 2));
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("creator", "John Smith");
        entries.put("version", "0.1");
        entries.put("created_at", "2024-01-28T11:35:55Z");
        entries.put("embedding_model", "openai/text-embedding-ada-002");
        entries.put("environment", "production");
        index.addMetadata(entries);
        assertEquals("John Smith", index.getMetadata("creator"));
        assertNull(index.getMetadata("absent"));
        assertEquals(List.of("created_at", "creator", "embedding_model", "environment", "version"),
                new ArrayList<>(index.getAllMetadata().keySet()));
        index.addMetadata(Map.of("version", "0.2", "extra", "x"));
        assertEquals("0.2", index.getMetadata("version"));
        assertEquals(6, index.getAllMetadata().size());
        assertThrows(UnsupportedOperationException.class, () -> index.getAllMetadata().put("k", "v"));
        // separate from records, survives clear
        index.add(new float[] {1, 1});
        index.clear();
        assertEquals("John Smith", index.getMetadata("creator"));
        assertEquals(0, index.count(Map.of("creator", "John Smith")));
    }

    @Test
    void dotScoresCanBeNegative() {
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 4, "space", "dot"));
        index.add(List.of(List.of(3, 0, 0, 0), List.of(1, 0, 0, 0)));
        List<SearchResult> hits = index.search(new float[] {1, 0, 0, 0}, 2);
        assertEquals(-2.0, hits.get(0).score());
        assertEquals(0.0, hits.get(1).score());
    }

    @Test
    void introspectionOfAnIndexWithoutQuantization() {
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 3, "space", "L1", "m", 8, "ef_construction", 50,
                "expected_size", 100, "indexed_fields", List.of("b", "a")));
        assertEquals(3, index.dim());
        assertEquals("l1", index.space());
        assertEquals("l1", index.getSpace());
        assertEquals(8, index.m());
        assertEquals(50, index.efConstruction());
        assertEquals(100, index.expectedSize());
        assertEquals(List.of("b", "a"), index.indexedFields());
        assertFalse(index.hasQuantization());
        assertFalse(index.canUseQuantization());
        assertFalse(index.isQuantized());
        assertEquals("raw_only", index.getStorageMode());
        assertEquals(0.0, index.getTrainingProgress());
        assertEquals(0, index.trainingVectorsNeeded());
        assertFalse(index.isTrainingReady());
        assertNull(index.getQuantizationInfo());
        assertEquals(List.of("hnsw"), VectorDatabase.availableIndexTypes());
        assertEquals(Map.of("search_speedup_expected", "linear_in_threads", "search_bottleneck", "none",
                "benefits", "concurrent_searches_parallel_batch_search", "insertion_path", "parallel"), index.getPerformanceInfo());
        index.add(List.of(List.of(1, 2, 3), List.of(4, 5, 6)));
        index.add(Map.of("id", "vec_1", "vector", List.of(7, 8, 9)));
        index.removePoint("vec_2");
        Map<String, String> stats = index.getStats();
        assertEquals(List.of("total_vectors", "dimension", "expected_size", "space", "index_type", "m", "ef_construction",
                "thread_safety", "graph_nodes", "stranded_graph_nodes", "graph_memory_mb", "raw_vectors_memory_mb",
                "raw_vectors_stored", "quantized_codes_stored", "quantization_type", "storage_mode",
                "storage_mode_description", "index_bookkeeping_memory_mb", "total_memory_mb"), new ArrayList<>(stats.keySet()));
        assertEquals("1", stats.get("total_vectors"));
        assertEquals("3", stats.get("dimension"));
        assertEquals("100", stats.get("expected_size"));
        assertEquals("l1", stats.get("space"));
        assertEquals("HNSW", stats.get("index_type"));
        assertEquals("8", stats.get("m"));
        assertEquals("50", stats.get("ef_construction"));
        assertEquals("concurrent-reads+single-writer", stats.get("thread_safety"));
        assertEquals("3", stats.get("graph_nodes"));
        assertEquals("2", stats.get("stranded_graph_nodes"));
        assertEquals("1", stats.get("raw_vectors_stored"));
        assertEquals("0", stats.get("quantized_codes_stored"));
        assertEquals("none", stats.get("quantization_type"));
        assertEquals("raw_only", stats.get("storage_mode"));
        for (String mb : List.of("graph_memory_mb", "raw_vectors_memory_mb", "index_bookkeeping_memory_mb", "total_memory_mb")) {
            assertTrue(stats.get(mb).matches("\\d+\\.\\d\\d"), mb + "=" + stats.get(mb));
        }
        assertEquals("HNSWIndex(dim=3, space=l1, m=8, ef_construction=50, expected_size=100, vectors=1, quantization=none)",
                index.info());
        assertEquals(1, index.size());
        assertEquals(1, index.getVectorCount());
        assertEquals(1, index.count());
    }

    @Test
    void spaceNamesAreCaseInsensitiveAndPrintLowerCase() {
        assertEquals("cosine", Space.COSINE.toString());
        assertEquals("dot", Space.DOT.toString());
        assertEquals("l2", VDB.create(Map.of("dim", 2, "space", " L2 ")).space());
        assertEquals("dot", VDB.create(Map.of("dim", 2, "space", "Dot")).space());
        assertEquals("cosine", VDB.create(Map.of("dim", 2)).space());
        assertEquals("l1", VDB.create(IndexConfig.hnsw(2).space("L1").build()).space());
        assertEquals("l2", VDB.create(Map.of("dim", 2, "space", Space.L2)).space());
        assertEquals(2, VDB.create(" HNSW ", Map.of("dim", 2)).dim(), "the index type is trimmed and lower-cased");
    }

    @Test
    void shrinkToFitReleasesSpareCapacityAndChangesNothingElse() {
        HnswIndex index = VDB.create(Map.of("dim", 8, "space", "l2"));
        double reserved = Double.parseDouble(index.getStats().get("total_memory_mb"));
        assertTrue(index.shrinkToFit() > 0, "an empty index releases its creation reservation");
        assertEquals(0, index.shrinkToFit(), "0 when already tight");
        assertTrue(Double.parseDouble(index.getStats().get("total_memory_mb")) < reserved);
        float[][] data = new float[50][8];
        for (int i = 0; i < data.length; i++) {
            data[i][i % 8] = i;
        }
        index.add(data);
        List<SearchResult> before = index.search(data[7], 5);
        List<Record> records = index.getRecords(index.list(100).stream().map(Record::id).toList());
        index.shrinkToFit();
        assertEquals(0, index.shrinkToFit());
        Oracle.assertSamePage(before, index.search(data[7], 5), "after shrinkToFit");
        assertEquals(records, index.getRecords(index.list(100).stream().map(Record::id).toList()));
        assertEquals(List.of("vec_51"), index.add(new float[8]).ids(), "the index still grows");
        assertEquals(51, index.size());
    }

    /** Reference 1.3 Decision: numbers in strings use Locale.ROOT whatever the default locale. */
    @Test
    void numbersInStringsIgnoreTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            for (String tag : List.of("de-DE", "ar-EG", "hi-IN-u-nu-deva", "fr-FR")) {
                java.util.Locale.setDefault(java.util.Locale.forLanguageTag(tag));
                HnswIndex index = VDB.create(Map.of("dim", 1000, "expected_size", 12_345));
                index.add(new float[3][1000]);
                for (Map.Entry<String, String> e : index.getStats().entrySet()) {
                    if (e.getKey().endsWith("_mb")) {
                        assertTrue(e.getValue().matches("[0-9]+\\.[0-9]{2}"), tag + " " + e);
                    } else {
                        assertTrue(e.getValue().matches("[ -~]*"), tag + " " + e);
                    }
                }
                assertEquals("HNSWIndex(dim=1000, space=cosine, m=16, ef_construction=200, expected_size=12345, vectors=3, "
                        + "quantization=none)", index.info(), tag);
                String message = assertThrows(IllegalArgumentException.class,
                        () -> VDB.create(Map.of("dim", 8, "expected_size", 123_456_789))).getMessage();
                assertTrue(message.startsWith("expected_size must be at most 100000000, got 123456789"), tag + " " + message);
                assertTrue(message.contains("1.0 GB"), tag + " " + message);
                AddResult r = index.add(new float[2][1000]);
                assertEquals("2 inserted, 0 errors", r.summary(), tag);
                assertEquals("AddResult(inserted=2, errors=0, shape=Some((2, 1000)))", r.toString(), tag);
            }
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void benchmarkConcurrentReadsReportsItsSixFigures() {
        HnswIndex index = VDB.create(Map.of("dim", 8));
        index.add(new float[][] {{1, 0, 0, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0, 0, 0}});
        Map<String, Double> r = index.benchmarkConcurrentReads(20, 2);
        assertEquals(List.of("sequential_time", "sequential_qps", "parallel_time", "parallel_qps", "speedup", "threads_used"),
                new ArrayList<>(r.keySet()));
        assertEquals(2.0, r.get("threads_used"));
        assertEquals(r.get("sequential_time") / r.get("parallel_time"), r.get("speedup"), 1e-9);
        assertEquals(20 / r.get("sequential_time"), r.get("sequential_qps"), 1e-6 * r.get("sequential_qps"));
        assertEquals(3, index.size(), "benchmarking changes nothing");
    }

    private static List<String> ids(List<Record> records) {
        return records.stream().map(Record::id).toList();
    }
}
