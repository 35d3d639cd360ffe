package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Product quantization through the public API: configuration rules and messages, the training
 * trigger (exactly at the threshold, whether reached by one add or many), storage modes, what
 * search scores mean after training, and the accessors' exact outputs (reference section 11).
 */
class ProductQuantizationTest {

    private static final VectorDatabase VDB = new VectorDatabase();

    static float[][] clustered(long seed, int n, int dim) {
        Random r = new Random(seed);
        float[][] centres = new float[16][dim];
        for (float[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = (float) r.nextGaussian();
            }
        }
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            float[] c = centres[r.nextInt(centres.length)];
            for (int j = 0; j < dim; j++) {
                out[i][j] = c[j] + 0.3f * (float) r.nextGaussian();
            }
        }
        return out;
    }

    static Map<String, Object> columnar(float[][] vectors, int firstId) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            ids.add("vec_" + (firstId + i));
        }
        Map<String, Object> data = new HashMap<>();
        data.put("vectors", vectors);
        data.put("ids", ids);
        return data;
    }

    static HnswIndex pqIndex(int dim, String space, int subvectors, int trainingSize, StorageMode mode) {
        return VDB.create(IndexConfig.hnsw(dim).space(space).m(8).efConstruction(64).expectedSize(20_000)
                .insertThreads(1).quantization(QuantizationConfig.pq().subvectors(subvectors).bits(8)
                        .trainingSize(trainingSize).storageMode(mode).build()).build());
    }

    @Test
    void seedExampleTrainsAndReportsTheReferenceInfo() {
        Map<String, Object> qc = Map.of("type", "pq", "subvectors", 8, "bits", 8, "training_size", 1000,
                "storage_mode", "quantized_only");
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 1536, "quantization_config", qc));
        assertEquals("raw_collecting_for_training", index.getStorageMode());
        float[][] vectors = new float[2000][1536];
        Random r = new Random(7);
        for (float[] v : vectors) {
            for (int j = 0; j < v.length; j++) {
                v[j] = r.nextFloat();
            }
        }
        AddResult result = index.add(columnar(vectors, 0));
        assertEquals(2000, result.totalInserted());
        assertEquals(0, result.totalErrors());
        assertEquals(100.0, index.getTrainingProgress());
        assertTrue(index.isQuantized());
        assertTrue(index.canUseQuantization());
        assertEquals("quantized_active", index.getStorageMode());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "pq");
        expected.put("subvectors", 8);
        expected.put("bits", 8);
        expected.put("training_size", 1000);
        expected.put("is_trained", true);
        expected.put("memory_mb", 1.5);
        expected.put("total_centroids", 2048);
        expected.put("sdc_memory_mb", 0.99609375);
        expected.put("compression_ratio", 768.0);
        assertEquals(expected, index.getQuantizationInfo());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(index.getQuantizationInfo().keySet()));
        assertEquals("HNSWIndex(dim=1536, space=cosine, m=16, ef_construction=200, expected_size=10000, vectors=2000, "
                + "quantization=pq(subvectors=8, bits=8, trained, active, compression=768.0x))", index.info());
        Map<String, String> stats = index.getStats();
        assertEquals("0", stats.get("raw_vectors_stored"));
        assertEquals("2000", stats.get("quantized_codes_stored"));
        assertEquals("1000/1000 (100.0%)", stats.get("training_progress"));
        assertEquals("768.0x", stats.get("quantization_compression_ratio"));
        assertEquals("memory_optimized", stats.get("storage_strategy"));
    }

    @Test
    void trainingStartsExactlyAtTheThresholdAcrossSmallAdds() {
        HnswIndex index = pqIndex(32, "l2", 8, 1000, StorageMode.QUANTIZED_ONLY);
        float[][] v = clustered(1, 1200, 32);
        for (int i = 0; i < 999; i += 111) {
            index.add(columnar(java.util.Arrays.copyOfRange(v, i, i + 111), i));
        }
        assertEquals(999, index.size());
        assertFalse(index.isQuantized());
        assertFalse(index.isTrainingReady());
        assertEquals(99.9, index.getTrainingProgress(), 1e-9);
        assertEquals(1, index.trainingVectorsNeeded());
        assertEquals("999/1000 (99.9%)", index.getStats().get("training_progress"));
        index.add(columnar(new float[][] {v[999]}, 999));
        assertTrue(index.isQuantized());
        assertEquals(0, index.trainingVectorsNeeded());
        assertEquals(100.0, index.getTrainingProgress());
        // records after training are coded on insert and found
        index.add(columnar(java.util.Arrays.copyOfRange(v, 1000, 1200), 1000));
        assertEquals(1200, index.size());
        assertEquals("vec_1100", index.search(v[1100], 1).get(0).id());
    }

    @Test
    void removalsAndUpsertsMoveTheCollectedCount() {
        HnswIndex index = pqIndex(16, "cosine", 4, 1000, StorageMode.QUANTIZED_ONLY);
        float[][] v = clustered(2, 1000, 16);
        index.add(columnar(java.util.Arrays.copyOfRange(v, 0, 999), 0));
        index.removePoint("vec_0");
        assertEquals(99.8, index.getTrainingProgress(), 1e-9);
        assertEquals(2, index.trainingVectorsNeeded());
        // an upsert removes and re-appends: the count is unchanged
        index.add(columnar(new float[][] {v[5]}, 5));
        assertEquals(998, Math.round(index.getTrainingProgress() * 10));
        index.add(columnar(new float[][] {v[999]}, 999));
        assertFalse(index.isQuantized());
        index.add(columnar(new float[][] {v[0]}, 0));
        assertTrue(index.isQuantized());
    }

    @Test
    void oneLargeAddTrainsOnceAndKeepsEveryRecord() {
        HnswIndex index = pqIndex(32, "l2", 8, 1000, StorageMode.QUANTIZED_WITH_RAW);
        float[][] v = clustered(3, 3000, 32);
        AddResult r = index.add(columnar(v, 0));
        assertEquals(3000, r.totalInserted());
        assertTrue(index.isQuantized());
        assertEquals("quality_optimized", index.getStats().get("storage_strategy"));
        assertEquals("3000", index.getStats().get("raw_vectors_stored"));
        assertEquals("true", index.getStats().get("rerank_calibrated"));
        // raw vectors are kept: read-back is exact
        assertArrayEquals(v[123], index.getRecords("vec_123").get(0).vector());
        // default rerank scores against raw vectors: a stored vector is at distance 0 from itself
        assertEquals(0f, index.search(v[42], 1).get(0).score());
        assertEquals("vec_42", index.search(v[42], 1).get(0).id());
    }

    @Test
    void quantizedOnlyScoresAreDistancesToTheReconstructions() {
        for (String space : List.of("cosine", "l2", "l1")) {
            HnswIndex index = pqIndex(32, space, 8, 1000, StorageMode.QUANTIZED_ONLY);
            float[][] v = clustered(4, 1500, 32);
            index.add(columnar(v, 0));
            float[] q = clustered(5, 1, 32)[0];
            List<SearchResult> page = index.search(q, SearchOptions.topK(1500).efSearch(2000).returnVector(true));
            assertEquals(1500, page.size());
            float[] qp = q.clone();
            boolean cosine = space.equals("cosine");
            if (cosine) {
                double norm = 0;
                for (float x : qp) {
                    norm += (double) x * x;
                }
                for (int j = 0; j < qp.length; j++) {
                    qp[j] = (float) (qp[j] / Math.sqrt(norm));
                }
            }
            for (SearchResult hit : page) {
                // cosine: 1 - dot(q normalised, reconstruction), which is not renormalised
                double want = cosine ? Math.max(0, Oracle.distance(Space.DOT, qp, hit.vector()))
                        : Oracle.distance(Space.parse(space), qp, hit.vector());
                assertEquals(want, hit.score(), 1e-4 * Math.max(1, Math.abs(want)), space + " " + hit.id());
            }
            // the reconstruction, not the raw vector, comes back
            float[] back = index.getRecords("vec_7").get(0).vector();
            assertFalse(java.util.Arrays.equals(back, v[7]));
        }
    }

    @Test
    void rerankZeroReturnsAdcScoresAndOtherwiseRawScores() {
        HnswIndex index = pqIndex(32, "l2", 8, 1000, StorageMode.QUANTIZED_WITH_RAW);
        float[][] v = clustered(6, 1500, 32);
        index.add(columnar(v, 0));
        SearchResult raw = index.search(v[9], SearchOptions.topK(1).rerank(2)).get(0);
        assertEquals("vec_9", raw.id());
        assertEquals(0f, raw.score());
        SearchResult adc = index.search(v[9], SearchOptions.topK(1).rerank(0).returnVector(true)).get(0);
        assertTrue(adc.score() >= 0f);
        assertThrows(IllegalArgumentException.class, () -> SearchOptions.topK(1).rerank(-1));
    }

    @Test
    void configurationErrorsNameTheKeyAndTheRange() {
        Map<String, Object> base = new HashMap<>(Map.of("type", "pq"));
        assertMessage(Map.of("type", "sq"), "Unsupported quantization type: 'sq'. Currently only 'pq' is supported.");
        assertMessage(Map.of("bits", 8), "Unsupported quantization type: ''. Currently only 'pq' is supported.");
        assertMessage(with(base, "subvectors", 0), "subvectors must be a positive integer, got 0");
        assertMessage(with(base, "subvectors", 7), "subvectors (7) must divide dimension (64) evenly. Consider using "
                + "subvectors: 1, 2, 4, 8, 16, 32");
        assertMessage(with(base, "bits", 9), "bits must be an integer between 1 and 8, got 9");
        assertMessage(with(base, "bits", 0), "bits must be an integer between 1 and 8, got 0");
        assertMessage(with(base, "training_size", 999),
                "training_size must be at least 1000 for stable k-means clustering, got 999");
        assertMessage(with(with(base, "training_size", 2000), "max_training_vectors", 1500),
                "max_training_vectors (1500) must be >= training_size (2000)");
        assertMessage(with(base, "storage_mode", "fast"),
                "Invalid storage_mode: 'fast'. Supported modes: quantized_only, quantized_with_raw");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> VDB.create("hnsw", Map.of("dim", 64, "quantization_config", with(base, "levels", 2))));
        assertTrue(unknown.getMessage().contains("'levels'"), unknown.getMessage());
        IllegalArgumentException notMap = assertThrows(IllegalArgumentException.class,
                () -> VDB.create("hnsw", Map.of("dim", 64, "quantization_config", "pq")));
        assertTrue(notMap.getMessage().startsWith("quantization_config must be a Map"), notMap.getMessage());
        IllegalArgumentException dot = assertThrows(IllegalArgumentException.class,
                () -> VDB.create("hnsw", Map.of("dim", 64, "space", "dot", "quantization_config", base)));
        assertTrue(dot.getMessage().contains("dot"), dot.getMessage());
    }

    @Test
    void defaultsFollowTheReference() {
        Map<Integer, Integer> table = Map.of(64, 8, 128, 8, 256, 8, 768, 24, 1536, 48, 3072, 96, 384, 12);
        for (Map.Entry<Integer, Integer> e : table.entrySet()) {
            assertEquals(e.getValue(), QuantizationConfig.derivedSubvectors(e.getKey()), "dim " + e.getKey());
        }
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 1536, "quantization_config", Map.of("type", "PQ")));
        Map<String, Object> info = index.getQuantizationInfo();
        assertEquals(48, info.get("subvectors"));
        assertEquals(8, info.get("bits"));
        assertEquals(10_000, info.get("training_size"));
        assertEquals(false, info.get("is_trained"));
        assertEquals(128.0, info.get("compression_ratio"));
        assertEquals("quantized_only", index.getStats().get("storage_mode"));
        assertNull(VDB.create("hnsw", Map.of("dim", 8)).getQuantizationInfo());
    }

    @Test
    void clearKeepsTheCodebookAndCompactKeepsTheCodes() {
        HnswIndex index = pqIndex(32, "l2", 8, 1000, StorageMode.QUANTIZED_ONLY);
        float[][] v = clustered(8, 1500, 32);
        index.add(columnar(v, 0));
        float[] before = index.getRecords("vec_1400").get(0).vector();
        index.removePoints(List.of("vec_1", "vec_2", "vec_3"));
        assertEquals(3, index.compact());
        assertArrayEquals(before, index.getRecords("vec_1400").get(0).vector());
        assertTrue(index.isQuantized());
        index.clear();
        assertTrue(index.isQuantized());
        assertTrue(index.canUseQuantization());
        index.add(columnar(new float[][] {v[5]}, 5));
        assertEquals("vec_5", index.search(v[5], 1).get(0).id());
    }

    @Test
    void trainingIsReproducible() {
        float[][] v = clustered(9, 1300, 32);
        HnswIndex a = pqIndex(32, "cosine", 8, 1000, StorageMode.QUANTIZED_ONLY);
        HnswIndex b = pqIndex(32, "cosine", 8, 1000, StorageMode.QUANTIZED_ONLY);
        a.add(columnar(v, 0));
        b.add(columnar(v, 0));
        for (int i = 0; i < 1300; i += 97) {
            assertArrayEquals(a.getRecords("vec_" + i).get(0).vector(), b.getRecords("vec_" + i).get(0).vector());
        }
        float[] q = clustered(10, 1, 32)[0];
        assertEquals(a.search(q, 10), b.search(q, 10));
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> out = new HashMap<>(m);
        out.put(key, value);
        return out;
    }

    private static void assertMessage(Map<String, Object> qc, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VDB.create("hnsw", Map.of("dim", 64, "quantization_config", qc)));
        assertEquals(message, e.getMessage());
    }
}
