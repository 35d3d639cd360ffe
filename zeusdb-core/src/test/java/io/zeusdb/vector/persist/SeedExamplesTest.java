package io.zeusdb.vector.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.AddResult;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed manual's persistence examples in Java form (reference Appendix A.3), with its sizes. */
class SeedExamplesTest {

    @TempDir
    Path tmp;

    private static float[][] uniform(Random r, int n, int dim) {
        float[][] v = new float[n][dim];
        for (float[] row : v) {
            for (int j = 0; j < dim; j++) {
                row[j] = r.nextFloat();
            }
        }
        return v;
    }

    @Test
    void examplesOneAndTwoSaveAndLoad() throws IOException {
        VectorDatabase vdb = new VectorDatabase();
        HnswIndex index = vdb.create("hnsw", Map.of("dim", 1536, "space", "cosine"));
        Random r = new Random(1);
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> metas = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add("doc_" + i);
            metas.add(Map.of("category", "cat_" + i % 5, "index", i));
        }
        index.add(Map.of("vectors", uniform(r, 1000, 1536), "ids", ids, "metadatas", metas));
        Path path = tmp.resolve("my_index.zdb");
        index.save(path.toString());
        assertEquals(List.of("config.json", "hnsw_index.hnsw.graph", "manifest.json", "mappings.bin",
                "metadata.json", "vectors.bin"), Fixtures.names(path));

        HnswIndex loaded = vdb.load(path.toString());
        assertEquals(1000, loaded.getVectorCount());
        assertEquals("HNSWIndex(dim=1536, space=cosine, m=16, ef_construction=200, expected_size=10000, "
                + "vectors=1000, quantization=none)", loaded.info());
        float[] query = uniform(r, 1, 1536)[0];
        List<SearchResult> results = loaded.search(query, 3);
        assertEquals(3, results.size());
        assertEquals(index.search(query, 3), results);
        assertTrue(results.toString().startsWith("[{'id': 'doc_"), results.toString());
    }

    @Test
    void completeSaveLoadWorkflow() throws IOException {
        VectorDatabase vdb = new VectorDatabase();
        HnswIndex original = vdb.create("hnsw", Map.of("dim", 1536, "space", "cosine", "m", 16));
        float[][] vectors = uniform(new Random(42), 500, 1536);
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> metas = new ArrayList<>();
        String[] categories = {"science", "tech", "health", "finance"};
        for (int i = 0; i < 500; i++) {
            ids.add(String.format("doc_%03d", i));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("category", categories[i % 4]);
            m.put("priority", i % 10);
            m.put("published", i % 2 == 0);
            m.put("tags", i % 5 == 0 ? List.of("important", "featured") : List.of("standard"));
            metas.add(m);
        }
        AddResult added = original.add(Map.of("vectors", vectors, "ids", ids, "metadatas", metas));
        assertEquals(500, added.totalInserted());
        original.addMetadata(Map.of("dataset", "demo_collection", "created_by", "data_team", "version", "1.0"));
        List<SearchResult> originalResults = original.search(vectors[0], 3);

        Path savePath = tmp.resolve("demo_index.zdb");
        original.save(savePath.toString());
        HnswIndex loaded = vdb.load(savePath.toString());

        assertEquals(original.getVectorCount(), loaded.getVectorCount());
        assertEquals(original.info(), loaded.info());
        assertEquals(original.getAllMetadata(), loaded.getAllMetadata()); // the seed comments this out; Java holds it
        assertEquals(3, loaded.getAllMetadata().size());
        List<SearchResult> loadedResults = loaded.search(vectors[0], 3);
        assertEquals(originalResults.size(), loadedResults.size());
        assertEquals(originalResults.get(0).id(), loadedResults.get(0).id());
        assertEquals(originalResults, loadedResults);
        List<SearchResult> filtered = loaded.search(vectors[0], Map.of("category", "science", "published", true), 5);
        assertEquals(5, filtered.size());
        for (SearchResult hit : filtered) {
            assertEquals("science", hit.metadata().get("category"));
            assertEquals(true, hit.metadata().get("published"));
        }
    }
}
