package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reference 2.2-2.4: create() validation, in order, with the reference's messages. */
class CreateValidationTest {

    private static final VectorDatabase VDB = new VectorDatabase();

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String refused(Supplier<?> call) {
        return assertThrows(IllegalArgumentException.class, call::get).getMessage();
    }

    /** Each case: the Map form and (where it has one) the typed form refuse with exactly this message. */
    @TestFactory
    Stream<DynamicTest> everyRuleHasItsMessage() {
        List<DynamicTest> tests = new ArrayList<>();
        Object[][] cases = {
            {params("dim", 0), "dim must be positive, got 0"},
            {params("dim", -7), "dim must be positive, got -7"},
            {params("dim", 65_537), "dim must be at most 65536, got 65537"},
            {params("dim", 8, "space", "invalid"), "Unsupported space: 'invalid'. Supported spaces: 'cosine', 'l2', 'l1', 'dot'"},
            {params("dim", 8, "space", ""), "Unsupported space: ''. Supported spaces: 'cosine', 'l2', 'l1', 'dot'"},
            {params("dim", 8, "m", 1), "m must be at least 2, got 1"},
            {params("dim", 8, "m", 0), "m must be at least 2, got 0"},
            {params("dim", 8, "m", -3), "m must be at least 2, got -3"},
            {params("dim", 8, "m", 257), "m must be less than or equal to 256, got 257"},
            {params("dim", 8, "m", 300), "m must be less than or equal to 256, got 300"},
            {params("dim", 8, "ef_construction", 0), "ef_construction must be positive"},
            {params("dim", 8, "ef_construction", -1), "ef_construction must be positive"},
            {params("dim", 8, "ef_construction", 4_097), "ef_construction must be at most 4096, got 4097"},
            {params("dim", 8, "expected_size", 0), "expected_size must be positive"},
            {params("dim", 8, "expected_size", -10), "expected_size must be positive"},
            {params("dim", "8"), "dim must be an integer, got String"},
            {params("dim", 8.0), "dim must be an integer, got Double"},
            {params("dim", 8.0f), "dim must be an integer, got Float"},
            {params("dim", true), "dim must be an integer, got Boolean"},
            {params("dim", 8, "m", 16.0), "m must be an integer, got Double"},
            {params("dim", 8, "m", "16"), "m must be an integer, got String"},
            {params("dim", 8, "ef_construction", false), "ef_construction must be an integer, got Boolean"},
            {params("dim", 8, "ef_construction", 200.5), "ef_construction must be an integer, got Double"},
            {params("dim", 8, "expected_size", "10000"), "expected_size must be an integer, got String"},
            {params("dim", 8, "expected_size", Boolean.TRUE), "expected_size must be an integer, got Boolean"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) c[0];
            String message = (String) c[1];
            tests.add(DynamicTest.dynamicTest(p + " -> " + message, () -> {
                assertEquals(message, refused(() -> VDB.create("hnsw", p)));
                assertEquals(message, refused(() -> VDB.create(p)));
                assertEquals(message, refused(() -> IndexConfig.fromMap(p)));
            }));
        }
        return tests.stream();
    }

    @Test
    void typedBuilderRunsTheSameChecksWithTheSameMessages() {
        assertEquals("dim must be positive, got 0", refused(() -> IndexConfig.hnsw(0).build()));
        assertEquals("dim must be at most 65536, got 65537", refused(() -> IndexConfig.hnsw(65_537).build()));
        assertEquals("Unsupported space: 'nope'. Supported spaces: 'cosine', 'l2', 'l1', 'dot'",
                refused(() -> IndexConfig.hnsw(8).space("nope").build()));
        assertEquals("m must be at least 2, got 1", refused(() -> IndexConfig.hnsw(8).m(1).build()));
        assertEquals("m must be less than or equal to 256, got 257", refused(() -> IndexConfig.hnsw(8).m(257).build()));
        assertEquals("ef_construction must be positive", refused(() -> IndexConfig.hnsw(8).efConstruction(0).build()));
        assertEquals("ef_construction must be at most 4096, got 4097", refused(() -> IndexConfig.hnsw(8).efConstruction(4_097).build()));
        assertEquals("expected_size must be positive", refused(() -> IndexConfig.hnsw(8).expectedSize(0).build()));
        assertTrue(refused(() -> IndexConfig.hnsw(8).expectedSize(100_000_001).build())
                .startsWith("expected_size must be at most 100000000, got 100000001"));
    }

    @Test
    void expectedSizeCeilingQuotesTheReservation() {
        String message = refused(() -> VDB.create(params("dim", 8, "expected_size", 100_000_001)));
        assertTrue(message.startsWith("expected_size must be at most 100000000, got 100000001"), message);
        assertTrue(message.contains("0.8 GB"), message);
        String big = refused(() -> VDB.create(params("dim", 8, "expected_size", Integer.MAX_VALUE)));
        assertTrue(big.startsWith("expected_size must be at most 100000000, got 2147483647"), big);
        assertTrue(big.contains("17.2 GB"), big);
    }

    @Test
    void indexTypeIsCheckedBeforeDim() {
        assertEquals("Unknown index type 'faiss'. Available: hnsw", refused(() -> VDB.create("faiss", Map.of())));
        assertEquals("Unknown index type 'ivf'. Available: hnsw", refused(() -> VDB.create("ivf", params("dim", 0))));
        assertTrue(refused(() -> VDB.create(null, Map.of("dim", 8))).contains("Unknown index type"));
    }

    @Test
    void missingDimExplainsWhyThereIsNoDefault() {
        for (Map<String, Object> p : List.of(params(), params("space", "l2"), params("dim", null),
                params("indexed_fields", "category"))) {
            String message = refused(() -> VDB.create("hnsw", p));
            assertTrue(message.startsWith("create() requires 'dim', the width of the vectors this index will hold."), message);
            assertTrue(message.contains("1536") && message.contains("768"), message);
        }
    }

    @Test
    void indexedFieldsShapeIsCheckedBeforeTheOtherValues() {
        String bare = refused(() -> VDB.create(params("dim", 0, "indexed_fields", "category")));
        assertTrue(bare.contains("indexed_fields") && bare.contains("List"), bare);
        String notIterable = refused(() -> VDB.create(params("dim", 0, "indexed_fields", 5)));
        assertTrue(notIterable.contains("indexed_fields"), notIterable);
        String element = refused(() -> VDB.create(params("dim", 0, "indexed_fields", List.of("a", 1))));
        assertTrue(element.contains("indexed_fields"), element);
    }

    @Test
    void indexedFieldsRules() {
        List<String> thirtyTwo = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            thirtyTwo.add("f" + i);
        }
        assertEquals(thirtyTwo, VDB.create(params("dim", 2, "indexed_fields", thirtyTwo)).indexedFields());
        List<String> thirtyThree = new ArrayList<>(thirtyTwo);
        thirtyThree.add("f32");
        assertTrue(refused(() -> VDB.create(params("dim", 2, "indexed_fields", thirtyThree))).contains("32"));
        assertTrue(refused(() -> VDB.create(params("dim", 2, "indexed_fields", List.of("a", "b", "a")))).contains("'a'"));
        for (String reserved : List.of("$and", "$or", "$not")) {
            assertTrue(refused(() -> VDB.create(params("dim", 2, "indexed_fields", List.of(reserved)))).contains(reserved));
        }
        refused(() -> VDB.create(params("dim", 2, "indexed_fields", List.of(""))));
        assertEquals(List.of("z", "$other", "a"), VDB.create(params("dim", 2, "indexed_fields", List.of("z", "$other", "a"))).indexedFields());
        assertEquals(List.of(), VDB.create(params("dim", 2, "indexed_fields", null)).indexedFields());
        assertEquals(List.of("x", "y"), VDB.create(IndexConfig.hnsw(2).indexedFields("x", "y").build()).indexedFields());
    }

    @Test
    void unknownKeysAreRefusedNamingThemAndTheAcceptedKeys() {
        String message = refused(() -> VDB.create(params("dim", 8, "ef", 10)));
        assertTrue(message.contains("'ef'"), message);
        for (String key : List.of("dim", "space", "m", "ef_construction", "expected_size", "quantization_config", "indexed_fields")) {
            assertTrue(message.contains(key), message + " lacks " + key);
        }
        assertTrue(refused(() -> VDB.create(params("dim", 8, "ef_search", 10))).contains("'ef_search'"));
        assertTrue(refused(() -> VDB.create(params("dim", 8, "Space", "l2"))).contains("'Space'"));
    }

    @Test
    void boundariesAreInclusive() {
        assertEquals(1, VDB.create(params("dim", 1)).dim());
        assertEquals(2, VDB.create(params("dim", 8, "m", 2)).m());
        assertEquals(256, VDB.create(params("dim", 8, "m", 256)).m());
        assertEquals(1, VDB.create(params("dim", 8, "ef_construction", 1)).efConstruction());
        assertEquals(4_096, VDB.create(params("dim", 8, "ef_construction", 4_096)).efConstruction());
        assertEquals(1, VDB.create(params("dim", 8, "expected_size", 1)).expectedSize());
        HnswIndex wide = VDB.create(params("dim", 65_536));
        assertEquals(65_536, wide.dim());
        float[] v = new float[65_536];
        v[65_535] = 1;
        assertEquals(1, wide.add(v).totalInserted());
        assertEquals("vec_1", wide.search(v, 1).get(0).id());
    }

    @Test
    void hundredMillionExpectedRecordsReservesAtMost128MiB() {
        HnswIndex index = VDB.create(params("dim", 8, "expected_size", 100_000_000));
        assertEquals(100_000_000, index.expectedSize());
        assertEquals(32, index.m(), "the default m for a large expected_size");
        double total = Double.parseDouble(index.getStats().get("total_memory_mb"));
        assertTrue(total <= 160, "creation reserved " + total + " MB");
        index.add(new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertEquals(1, index.size());
    }

    @Test
    void integralNumbersOfEveryKindAreAccepted() {
        HnswIndex index = VDB.create(params("dim", 8L, "m", (short) 8, "ef_construction", (byte) 40,
                "expected_size", BigInteger.valueOf(500)));
        assertEquals("HNSWIndex(dim=8, space=cosine, m=8, ef_construction=40, expected_size=500, vectors=0, quantization=none)",
                index.info());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> VDB.create(params("dim", 1L << 40)));
        assertTrue(big.getMessage().startsWith("dim "), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VDB.create(params("dim", BigInteger.ONE.shiftLeft(80))));
        assertThrows(IllegalArgumentException.class, () -> VDB.create(params("dim", 8, "space", 5)));
    }

    @Test
    void nullValuesMeanDefaults() {
        HnswIndex index = VDB.create(params("dim", 8, "m", null, "space", null, "ef_construction", null, "expected_size", null));
        assertEquals("HNSWIndex(dim=8, space=cosine, m=16, ef_construction=200, expected_size=10000, vectors=0, quantization=none)",
                index.info());
    }

    @Test
    void nullArgumentsAreIllegalArguments() {
        assertThrows(IllegalArgumentException.class, () -> VDB.create((Map<String, ?>) null));
        assertThrows(IllegalArgumentException.class, () -> VDB.create("hnsw", null));
        assertThrows(IllegalArgumentException.class, () -> VDB.create((IndexConfig) null));
        assertThrows(IllegalArgumentException.class, () -> IndexConfig.fromMap(null));
    }

    @Test
    void configRoundTripsThroughItsMapForm() {
        IndexConfig cfg = IndexConfig.hnsw(12).space(Space.DOT).m(10).efConstruction(64).expectedSize(777)
                .indexedFields("a", "b").build();
        Map<String, Object> map = cfg.toMap();
        assertEquals(12, map.get("dim"));
        assertEquals("dot", map.get("space"));
        assertEquals(cfg, IndexConfig.fromMap(map));
        assertEquals("HNSWIndex(dim=12, space=dot, m=10, ef_construction=64, expected_size=777, vectors=0, quantization=none)",
                VDB.create(cfg).info());
    }
}
