package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.FILTERS;
import static io.zeusdb.vector.persist.Fixtures.VDB;
import static io.zeusdb.vector.persist.Fixtures.assertSameIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.AddResult;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.LoadOptions;
import io.zeusdb.vector.Record;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.Space;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reference 12.1: after load, everything observable equals the saved index's, bit for bit. */
class SaveLoadRoundTripTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Space.class)
    void everythingObservableRoundTrips(Space space) throws IOException {
        HnswIndex original = Fixtures.varied(space, 400, space.ordinal());
        Path dir = tmp.resolve("idx.zdb");
        original.save(dir);
        HnswIndex loaded = VDB.load(dir);
        assertSameIndex(original, loaded, FILTERS);
        assertTrue(Integer.parseInt(loaded.getStats().get("stranded_graph_nodes")) > 0);
        // two loads of one directory agree
        assertSameIndex(loaded, VDB.load(dir.toString()), FILTERS);
    }

    @Test
    void filteredGraphSearchesRoundTripToo() throws IOException {
        // more than 5,000 matching records: filters run on the graph instead of an exact scan
        HnswIndex original = VDB.create(IndexConfig.hnsw(8).space(Space.L2).m(8).efConstruction(32)
                .insertThreads(2).build());
        Random r = new Random(5);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            rows.add(Map.of("id", "r" + i, "vector", Fixtures.randomVector(r, 8), "metadata",
                    Map.of("g", i % 10, "even", i % 2 == 0)));
        }
        original.add(rows);
        Path dir = tmp.resolve("big.zdb");
        original.save(dir);
        HnswIndex loaded = VDB.load(dir);
        assertSameIndex(original, loaded, List.of(Map.of("g", Map.of("ne", 3)), Map.of("even", true),
                Map.of("g", Map.of("in", List.of(1, 2, 3, 4, 5, 6, 7, 8)))));
    }

    @Test
    void resaveIsByteIdenticalExceptSavedAt() throws IOException {
        HnswIndex original = Fixtures.varied(Space.COSINE, 300, 3);
        Path a = tmp.resolve("a.zdb");
        Path b = tmp.resolve("b.zdb");
        original.save(a);
        VDB.load(a).save(b);
        Map<String, byte[]> fa = Fixtures.files(a);
        Map<String, byte[]> fb = Fixtures.files(b);
        assertEquals(fa.keySet(), fb.keySet());
        for (String name : fa.keySet()) {
            if (!name.equals("manifest.json")) {
                assertArrayEquals(fa.get(name), fb.get(name), name);
            }
        }
        assertEquals(withoutVolatile(fa.get("manifest.json")), withoutVolatile(fb.get("manifest.json")));
    }

    private static String withoutVolatile(byte[] manifest) {
        return new String(manifest, StandardCharsets.UTF_8)
                .replaceAll("\"saved_at\": \"[^\"]*\"", "\"saved_at\": \"-\"")
                .replaceAll("\"manifest_crc32c\": \"[0-9a-f]{8}\"", "\"manifest_crc32c\": \"-\"");
    }

    @Test
    void aLoadedIndexAcceptsAddsRemovesAndAnotherSave() throws IOException {
        HnswIndex original = Fixtures.varied(Space.L2, 200, 8);
        Path dir = tmp.resolve("x.zdb");
        original.save(dir);
        HnswIndex loaded = VDB.load(dir, LoadOptions.defaults().insertThreads(1));
        Random r = new Random(1);
        float[] v = Fixtures.randomVector(r, 12);
        // the generated-id counter continues where the saved index left it
        AddResult a1 = original.add(v);
        AddResult a2 = loaded.add(v);
        assertEquals(a1.ids(), a2.ids());
        List<String> some = loaded.list(4).stream().map(Record::id).toList();
        assertEquals(original.removePoints(some), loaded.removePoints(some));
        for (int i = 0; i < 30; i++) {
            Map<String, Object> row = Map.of("id", "new" + i, "vector", Fixtures.randomVector(r, 12), "metadata",
                    Map.of("cat", "science", "i", 1000 + i));
            original.add(row);
            loaded.add(row);
        }
        assertSameIndex(original, loaded, FILTERS);
        Path again = tmp.resolve("again.zdb");
        loaded.save(again);
        assertSameIndex(original, VDB.load(again), FILTERS);
        loaded.save(dir); // over the directory it was loaded from
        assertSameIndex(original, VDB.load(dir), FILTERS);
    }

    @Test
    void anEmptyIndexWritesNeitherGraphNorVectors() throws IOException {
        HnswIndex empty = VDB.create(Map.of("dim", 4, "expected_size", 5));
        empty.addMetadata(Map.of("k", "v"));
        Path dir = tmp.resolve("empty.zdb");
        empty.save(dir);
        assertEquals(List.of("config.json", "manifest.json", "mappings.bin", "metadata.json"), Fixtures.names(dir));
        HnswIndex loaded = VDB.load(dir);
        assertSameIndex(empty, loaded, List.of(Map.of("a", 1)));
        assertEquals("HNSWIndex(dim=4, space=cosine, m=16, ef_construction=200, expected_size=5, vectors=0, "
                + "quantization=none)", loaded.info());
        loaded.add(Map.of("id", "a", "vector", new float[] {1, 0, 0, 0}));
        assertEquals("a", loaded.search(new float[] {1, 0, 0, 0}, 1).get(0).id());
    }

    @Test
    void anIndexWhoseRecordsWereAllRemovedKeepsItsStrandedNodes() throws IOException {
        HnswIndex index = VDB.create(Map.of("dim", 3));
        index.add(List.of(Map.of("id", "a", "vector", new float[] {1, 2, 3}),
                Map.of("id", "b", "vector", new float[] {3, 2, 1})));
        index.removePoints(List.of("a", "b"));
        Path dir = tmp.resolve("gone.zdb");
        index.save(dir);
        assertEquals(List.of("config.json", "hnsw_index.hnsw.graph", "manifest.json", "mappings.bin",
                "metadata.json", "vectors.bin"), Fixtures.names(dir));
        HnswIndex loaded = VDB.load(dir);
        assertEquals("2", loaded.getStats().get("graph_nodes"));
        assertEquals("2", loaded.getStats().get("stranded_graph_nodes"));
        assertSameIndex(index, loaded, List.of());
        assertEquals(List.of(), loaded.search(new float[] {1, 2, 3}, 3));
    }

    @Test
    void declaredFieldsAreSavedAsADeclaration() throws IOException {
        HnswIndex index = VDB.create(Map.of("dim", 2, "indexed_fields", List.of("year", "cat")));
        index.add(Map.of("id", "p", "vector", new float[] {1, 2}, "metadata", Map.of("year", 2020, "cat", "x")));
        Path dir = tmp.resolve("fields.zdb");
        index.save(dir);
        String config = Files.readString(dir.resolve("config.json"));
        assertTrue(config.contains("\"indexed_fields\": [\n    \"year\",\n    \"cat\"\n  ]"), config);
        HnswIndex loaded = VDB.load(dir);
        assertEquals(List.of("year", "cat"), loaded.indexedFields());
        assertEquals(1, loaded.count(Map.of("year", 2020)));
    }

    @Test
    void metadataTypesAreKeptExactly() throws IOException {
        HnswIndex index = VDB.create(Map.of("dim", 2));
        Map<String, Object> meta = new java.util.HashMap<>();
        meta.put("long", Long.MAX_VALUE);
        meta.put("min", Long.MIN_VALUE);
        meta.put("beyond53", 9_007_199_254_740_993L);
        meta.put("double", 1.0);
        meta.put("tiny", 4.9e-324);
        meta.put("third", 1.0 / 3);
        meta.put("negzero", -0.0);
        meta.put("unicode", "\u0000\u001f\u007f\u00e9\u4e16\ud83d\ude00");
        meta.put("null", null);
        meta.put("list", List.of(List.of(), Map.of(), List.of(1L, 1.0, "1", true)));
        index.add(Map.of("id", "\ud83d\ude00 id with spaces/and\\slashes", "vector", new float[] {1, 2},
                "metadata", meta));
        Path dir = tmp.resolve("types.zdb");
        index.save(dir);
        HnswIndex loaded = VDB.load(dir);
        Map<String, Object> back = loaded.getRecords("\ud83d\ude00 id with spaces/and\\slashes").get(0).metadata();
        assertEquals(index.getRecords("\ud83d\ude00 id with spaces/and\\slashes").get(0).metadata(), back);
        assertEquals(Long.class, back.get("beyond53").getClass());
        assertEquals(9_007_199_254_740_993L, back.get("beyond53"));
        assertEquals(Double.class, back.get("double").getClass());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) back.get("negzero")));
        assertTrue(back.containsKey("null"));
        String json = Files.readString(dir.resolve("metadata.json"));
        assertTrue(json.contains("\"double\": 1.0,"), json);
        assertTrue(json.contains("\"beyond53\": 9007199254740993,"), json);
        assertTrue(json.endsWith("}\n") && !json.contains("\r"));
    }

    @Test
    void rebuildGraphOnRequestIgnoresTheGraphFile() throws IOException {
        HnswIndex original = Fixtures.varied(Space.COSINE, 300, 4);
        Path dir = tmp.resolve("r.zdb");
        original.save(dir);
        Files.write(dir.resolve("hnsw_index.hnsw.graph"), new byte[] {1, 2, 3});
        HnswIndex rebuilt = VDB.load(dir, LoadOptions.defaults().rebuildGraph(true));
        assertEquals(original.getVectorCount(), rebuilt.getVectorCount());
        assertEquals("0", rebuilt.getStats().get("stranded_graph_nodes"));
        assertEquals(original.list(1000), rebuilt.list(1000));
        float[] q = original.getRecords(original.list(1).get(0).id()).get(0).vector();
        assertEquals(original.list(1).get(0).id(), rebuilt.search(q, 1).get(0).id());
        // deterministic: two rebuilds answer identically
        HnswIndex again = VDB.load(dir, LoadOptions.defaults().rebuildGraph(true));
        for (float[] query : Fixtures.queries(3, 10, 12)) {
            assertEquals(rebuilt.search(query, SearchOptions.topK(10).efSearch(12)),
                    again.search(query, SearchOptions.topK(10).efSearch(12)));
        }
    }

    @Test
    void createdAtIsCarriedAcrossLoadAndSave() throws IOException {
        HnswIndex original = Fixtures.varied(Space.COSINE, 20, 5);
        Path a = tmp.resolve("a.zdb");
        original.save(a);
        String createdA = field(Files.readString(a.resolve("manifest.json")), "created_at");
        Path b = tmp.resolve("b.zdb");
        VDB.load(a).save(b);
        String manifestB = Files.readString(b.resolve("manifest.json"));
        assertEquals(createdA, field(manifestB, "created_at"));
        assertNotEquals("", field(manifestB, "saved_at"));
        assertFalse(manifestB.contains("\r"));
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\": \"") + name.length() + 5;
        return json.substring(at, json.indexOf('"', at));
    }
}
