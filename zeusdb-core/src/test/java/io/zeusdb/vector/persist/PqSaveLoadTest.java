package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.QuantizationConfig;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.StorageMode;
import io.zeusdb.vector.ZdbFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save and load of product-quantized indexes (reference 12.6, 12.7): every state (collecting,
 * trained with and without raw vectors) round-trips exactly, training resumes after a load, the
 * three PQ files appear exactly when they should, and damaged PQ files are refused by name.
 */
class PqSaveLoadTest {

    @TempDir
    Path tmp;

    private static HnswIndex pqIndex(StorageMode mode, int trainingSize) {
        return VDB.create(IndexConfig.hnsw(16).space(Space.COSINE).m(6).efConstruction(40).insertThreads(1)
                .quantization(QuantizationConfig.pq().subvectors(4).bits(6).trainingSize(trainingSize)
                        .storageMode(mode).build()).build());
    }

    private static List<Map<String, Object>> rows(long seed, int from, int count) {
        Random r = new Random(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < from + count; i++) {
            float[] v = Fixtures.randomVector(r, 16);
            if (i < from) {
                continue;
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("cat", List.of("science", "tech", "health").get(i % 3));
            meta.put("i", i);
            meta.put("even", i % 2 == 0);
            out.add(Map.of("id", "doc-" + i, "vector", v, "metadata", meta));
        }
        return out;
    }

    @Test
    void seedPqExampleRoundTrips() throws Exception {
        Map<String, Object> qc = Map.of("type", "pq", "subvectors", 8, "bits", 8, "training_size", 1000,
                "storage_mode", "quantized_only");
        HnswIndex index = VDB.create("hnsw", Map.of("dim", 1536, "quantization_config", qc));
        float[][] vectors = new float[2000][1536];
        Random r = new Random(11);
        for (float[] v : vectors) {
            for (int j = 0; j < v.length; j++) {
                v[j] = r.nextFloat();
            }
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ids.add("vec_" + i);
        }
        assertEquals(2000, index.add(Map.of("vectors", vectors, "ids", ids)).totalInserted());
        assertTrue(index.isQuantized());
        Path dir = tmp.resolve("quantized_index.zdb");
        index.save(dir);
        assertEquals(List.of("config.json", "hnsw_index.hnsw.graph", "manifest.json", "mappings.bin", "metadata.json",
                "pq_centroids.bin", "pq_codes.bin", "quantization.json"), Fixtures.names(dir));
        HnswIndex loaded = VDB.load(dir);
        assertTrue(loaded.isQuantized());
        assertEquals(index.getQuantizationInfo(), loaded.getQuantizationInfo());
        assertEquals("{type=pq, subvectors=8, bits=8, training_size=1000, is_trained=true, memory_mb=1.5, "
                + "total_centroids=2048, sdc_memory_mb=0.99609375, compression_ratio=768.0}",
                loaded.getQuantizationInfo().toString());
        assertEquals(index.info(), loaded.info());
        float[] q = vectors[17];
        Fixtures.assertSameHits(index.search(q, 10), loaded.search(q, 10));
    }

    @Test
    void trainedIndexesRoundTripBitForBit() throws Exception {
        for (StorageMode mode : StorageMode.values()) {
            HnswIndex index = pqIndex(mode, 1000);
            index.add(rows(1, 0, 1300));
            index.removePoints(List.of("doc-5", "doc-6"));
            index.add(rows(1, 7, 1)); // an upsert after training
            index.addMetadata(Map.of("owner", "pq"));
            assertTrue(index.isQuantized());
            Path dir = tmp.resolve(mode + ".zdb");
            index.save(dir);
            List<String> names = Fixtures.names(dir);
            assertEquals(mode == StorageMode.QUANTIZED_WITH_RAW, names.contains("vectors.bin"), names.toString());
            assertTrue(names.containsAll(List.of("quantization.json", "pq_centroids.bin", "pq_codes.bin")));
            HnswIndex loaded = VDB.load(dir);
            Fixtures.assertSameIndex(index, loaded, Fixtures.FILTERS);
            float[] q = Fixtures.randomVector(new Random(3), 16);
            for (Integer rerank : new Integer[] {null, 0, 1, 3}) {
                SearchOptions o = SearchOptions.topK(10).rerank(rerank).returnVector(true);
                Fixtures.assertSameHits(index.search(q, o), loaded.search(q, o));
            }
            assertEquals(index.getTrainingProgress(), loaded.getTrainingProgress());
            assertEquals(index.getStorageMode(), loaded.getStorageMode());
            // save -> load -> save writes the same bytes (the manifest's times aside)
            Path again = tmp.resolve(mode + "-again.zdb");
            loaded.save(again);
            Map<String, byte[]> a = Fixtures.files(dir);
            Map<String, byte[]> b = Fixtures.files(again);
            for (String name : a.keySet()) {
                if (!name.equals("manifest.json")) {
                    assertArrayEquals(a.get(name), b.get(name), name);
                }
            }
            // and the loaded index keeps working
            loaded.add(rows(2, 2000, 20));
            loaded.removePoint("doc-2001");
            assertEquals(index.getVectorCount() + 19, loaded.getVectorCount());
            loaded.save(again);
            Fixtures.assertSameIndex(loaded, VDB.load(again), Fixtures.FILTERS);
        }
    }

    @Test
    void anIndexSavedWhileCollectingResumesAndTrainsAtTheThreshold() throws Exception {
        HnswIndex index = pqIndex(StorageMode.QUANTIZED_WITH_RAW, 1000);
        index.add(rows(4, 0, 600));
        assertEquals(60.0, index.getTrainingProgress());
        Path dir = tmp.resolve("collecting.zdb");
        index.save(dir);
        List<String> names = Fixtures.names(dir);
        assertTrue(names.contains("quantization.json"));
        assertFalse(names.contains("pq_centroids.bin"));
        assertFalse(names.contains("pq_codes.bin"));
        HnswIndex loaded = VDB.load(dir);
        assertEquals(60.0, loaded.getTrainingProgress());
        assertEquals(400, loaded.trainingVectorsNeeded());
        assertEquals("raw_collecting_for_training", loaded.getStorageMode());
        Fixtures.assertSameIndex(index, loaded, Fixtures.FILTERS);
        // both go on to train on the same records in the same order: the same codebook
        index.add(rows(4, 600, 399));
        loaded.add(rows(4, 600, 399));
        assertFalse(loaded.isQuantized());
        index.add(rows(4, 999, 1));
        loaded.add(rows(4, 999, 1));
        assertTrue(loaded.isQuantized());
        // everything but the calibration's measured milliseconds agrees
        Map<String, String> a = new LinkedHashMap<>(index.getStats());
        Map<String, String> b = new LinkedHashMap<>(loaded.getStats());
        a.remove("rerank_calibration_ms");
        b.remove("rerank_calibration_ms");
        assertEquals(a, b);
        List<String> ids = index.list(2000).stream().map(io.zeusdb.vector.Record::id).toList();
        assertEquals(index.getRecords(ids), loaded.getRecords(ids));
        for (float[] q : Fixtures.queries(6, 10, 16)) {
            for (Integer rerank : new Integer[] {null, 0, 2}) {
                SearchOptions o = SearchOptions.topK(10).rerank(rerank);
                Fixtures.assertSameHits(index.search(q, o), loaded.search(q, o));
            }
        }
    }

    @Test
    void damagedPqFilesAreRefusedByName() throws Exception {
        HnswIndex index = pqIndex(StorageMode.QUANTIZED_ONLY, 1000);
        index.add(rows(5, 0, 1100));
        Path dir = tmp.resolve("damaged.zdb");
        index.save(dir);
        Map<String, byte[]> good = Fixtures.files(dir);
        for (String name : List.of("quantization.json", "pq_centroids.bin", "pq_codes.bin")) {
            Map<String, byte[]> files = new LinkedHashMap<>(good);
            byte[] b = files.get(name).clone();
            b[b.length - 1] ^= 0x40;
            files.put(name, b);
            Fixtures.replaceDirectory(dir, files);
            ZdbFormatException e = assertThrows(ZdbFormatException.class, () -> VDB.load(dir));
            assertEquals(name, e.file(), e.getMessage());
            // the same damage with repaired digests meets the structural checks
            files.put("manifest.json", Digests.repaired(files));
            Fixtures.replaceDirectory(dir, files);
            try {
                HnswIndex loaded = VDB.load(dir);
                loaded.search(Fixtures.randomVector(new Random(1), 16), 5);
            } catch (ZdbFormatException expected) {
                assertEquals(name, expected.file(), expected.getMessage());
            }
        }
        // a code beyond 2^bits
        Map<String, byte[]> files = new LinkedHashMap<>(good);
        byte[] codes = files.get("pq_codes.bin").clone();
        codes[codes.length - 1] = (byte) 0xff;
        files.put("pq_codes.bin", codes);
        files.put("manifest.json", Digests.repaired(files));
        Fixtures.replaceDirectory(dir, files);
        ZdbFormatException e = assertThrows(ZdbFormatException.class, () -> VDB.load(dir));
        assertEquals("pq_codes.bin", e.file());
        assertTrue(e.getMessage().contains("6 bits allow 0..63"), e.getMessage());
    }
}
