package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The names are a contract (issue 3): every method the reference lists (product quantization and
 * persistence included) exists, public, with the listed parameter types.
 */
class ApiSurfaceTest {

    private static void assertHas(Class<?> type, List<String> missing, String name, Class<?>... params) {
        try {
            Method m = type.getMethod(name, params);
            assertTrue(Modifier.isPublic(m.getModifiers()));
        } catch (NoSuchMethodException e) {
            List<String> p = new ArrayList<>();
            for (Class<?> c : params) {
                p.add(c.getSimpleName());
            }
            missing.add(type.getSimpleName() + "." + name + "(" + String.join(", ", p) + ")");
        }
    }

    @Test
    void hnswIndexHasEveryListedMethod() {
        List<String> missing = new ArrayList<>();
        Class<HnswIndex> c = HnswIndex.class;
        Class<?> o = Object.class;
        assertHas(c, missing, "add", o);
        assertHas(c, missing, "add", o, boolean.class);
        assertHas(c, missing, "search", o);
        assertHas(c, missing, "search", o, int.class);
        assertHas(c, missing, "search", o, Map.class, int.class);
        assertHas(c, missing, "search", o, Filter.class, int.class);
        assertHas(c, missing, "search", o, SearchOptions.class);
        assertHas(c, missing, "searchBatch", o, SearchOptions.class);
        assertHas(c, missing, "searchBatch", o, int.class);
        assertHas(c, missing, "getRecords", String.class);
        assertHas(c, missing, "getRecords", List.class);
        assertHas(c, missing, "getRecords", List.class, boolean.class);
        assertHas(c, missing, "getRecords", List.class, boolean.class, boolean.class);
        assertHas(c, missing, "getRecords", String.class, boolean.class, boolean.class);
        assertHas(c, missing, "list");
        assertHas(c, missing, "list", int.class);
        assertHas(c, missing, "list", int.class, int.class);
        assertHas(c, missing, "list", int.class, int.class, String.class);
        assertHas(c, missing, "contains", String.class);
        assertHas(c, missing, "size");
        assertHas(c, missing, "getVectorCount");
        assertHas(c, missing, "count");
        assertHas(c, missing, "count", Map.class);
        assertHas(c, missing, "count", Filter.class);
        assertHas(c, missing, "removePoint", String.class);
        assertHas(c, missing, "removePoints", List.class);
        assertHas(c, missing, "removeWhere", Map.class);
        assertHas(c, missing, "removeWhere", Filter.class);
        assertHas(c, missing, "delete", String.class);
        assertHas(c, missing, "delete", List.class);
        assertHas(c, missing, "delete", List.class, Map.class);
        assertHas(c, missing, "deleteWhere", Map.class);
        assertHas(c, missing, "deleteWhere", Filter.class);
        assertHas(c, missing, "updateMetadata", String.class, Map.class);
        assertHas(c, missing, "clear");
        assertHas(c, missing, "compact");
        assertHas(c, missing, "rebuild", Integer.class, Integer.class, Integer.class);
        assertHas(c, missing, "shrinkToFit");
        assertHas(c, missing, "rebuildWithQuantization");
        assertHas(QuantizationConfig.class, missing, "pq");
        assertHas(QuantizationConfig.class, missing, "fromMap", Object.class);
        assertHas(IndexConfig.Builder.class, missing, "quantization", QuantizationConfig.class);
        assertHas(StorageMode.class, missing, "parse", String.class);
        assertHas(c, missing, "addMetadata", Map.class);
        assertHas(c, missing, "getMetadata", String.class);
        assertHas(c, missing, "getAllMetadata");
        for (String accessor : List.of("dim", "space", "getSpace", "m", "efConstruction", "expectedSize", "indexedFields",
                "hasQuantization", "canUseQuantization", "isQuantized", "getStorageMode", "getTrainingProgress",
                "trainingVectorsNeeded", "isTrainingReady", "getQuantizationInfo", "getPerformanceInfo", "getStats", "info")) {
            assertHas(c, missing, accessor);
        }
        assertHas(c, missing, "benchmarkConcurrentReads", int.class);
        assertHas(c, missing, "benchmarkConcurrentReads", int.class, Integer.class);
        assertHas(VectorDatabase.class, missing, "create", String.class, Map.class);
        assertHas(VectorDatabase.class, missing, "create", Map.class);
        assertHas(VectorDatabase.class, missing, "create", IndexConfig.class);
        assertHas(VectorDatabase.class, missing, "availableIndexTypes");
        assertHas(VectorDatabase.class, missing, "version");
        assertHas(SearchOptions.class, missing, "topK", int.class);
        assertHas(SearchOptions.class, missing, "defaults");
        assertHas(SearchOptions.class, missing, "fromMap", Map.class);
        assertHas(SearchOptions.class, missing, "filter", Map.class);
        assertHas(SearchOptions.class, missing, "filter", Filter.class);
        assertHas(SearchOptions.class, missing, "filter", String.class);
        assertHas(SearchOptions.class, missing, "efSearch", Integer.class);
        assertHas(SearchOptions.class, missing, "returnVector", boolean.class);
        assertHas(SearchOptions.class, missing, "rerank", Integer.class);
        assertHas(IndexConfig.class, missing, "hnsw", int.class);
        assertHas(IndexConfig.class, missing, "fromMap", Map.class);
        assertHas(IndexConfig.class, missing, "toMap");
        assertHas(Record.class, missing, "of", String.class, float[].class);
        assertHas(Record.class, missing, "of", String.class, float[].class, Map.class);
        assertHas(Record.class, missing, "toMap");
        for (String m : List.of("totalInserted", "totalErrors", "errors", "vectorShape", "ids", "isSuccess", "summary")) {
            assertHas(AddResult.class, missing, m);
        }
        for (String m : List.of("id", "score", "metadata", "vector", "toMap")) {
            assertHas(SearchResult.class, missing, m);
        }
        assertEquals(List.of(), missing);
        assertEquals(0, HnswIndex.class.getConstructors().length, "HnswIndex has no public constructor");
        assertEquals(0, AddResult.class.getConstructors().length, "AddResult has no public constructor");
        assertTrue(Modifier.isFinal(VectorDatabase.class.getModifiers()));
        if (VectorDatabase.version() == null || VectorDatabase.version().isBlank()) {
            fail("VectorDatabase.version() is empty");
        }
    }

    // BUG: reference 7 lists rebuild(Map<String, ?>) beside rebuild(Integer, Integer, Integer)
    // (Python rebuild(m=None, expected_size=None, ef_construction=None) keyword form). Expected:
    // HnswIndex.rebuild(Map) exists and takes the snake_case keys. Actual: there is no such method,
    // so index.rebuild(Map.of("m", 32)) does not compile.
    @Test
    void rebuildHasItsMapForm() throws Exception {
        Method m = HnswIndex.class.getMethod("rebuild", Map.class);
        HnswIndex index = new VectorDatabase().create(Map.of("dim", 2));
        index.add(new float[][] {{1, 2}, {3, 4}});
        assertEquals(2, m.invoke(index, Map.of("m", 32, "ef_construction", 64)));
        assertEquals(32, index.m());
        assertEquals(64, index.efConstruction());
    }
}
