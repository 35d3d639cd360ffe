package io.zeusdb.vector.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.Record;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** Indexes to save and the comparison that says a loaded index equals the saved one. */
final class Fixtures {

    static final VectorDatabase VDB = new VectorDatabase();

    private Fixtures() {}

    /**
     * A small index with everything a file must carry: every metadata type (a long beyond 2^53,
     * unicode, nesting, null, doubles that look like integers), removed and overwritten records
     * (stranded nodes), generated ids and index-level metadata.
     */
    static HnswIndex varied(Space space, int n, long seed) {
        HnswIndex index = VDB.create(IndexConfig.hnsw(12).space(space).m(6).efConstruction(40).insertThreads(1)
                .build());
        Random r = new Random(seed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("i", i);
            meta.put("cat", List.of("science", "tech", "health").get(i % 3));
            meta.put("even", i % 2 == 0);
            meta.put("score", i * 0.25);
            meta.put("whole", (double) i);
            if (i % 7 == 0) {
                meta.put("big", 9_007_199_254_740_993L + i);
                meta.put("text", "h\u00e9llo \u4e16\u754c \ud83d\ude00 \"q\" \\ \n\t" + i);
                meta.put("nested", Map.of("a", List.of(1, 2.5, "x", Map.of("deep", List.of())), "z", Map.of()));
                meta.put("nothing", null);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            if (i % 11 != 5) {
                row.put("id", i % 13 == 0 ? "vec_" + (i + 3) : "doc-" + i + (i % 17 == 0 ? "\u00fc\u00df" : ""));
            }
            row.put("vector", randomVector(r, 12));
            row.put("metadata", i % 19 == 0 ? Map.of() : meta);
            rows.add(row);
        }
        index.add(rows);
        index.addMetadata(Map.of("dataset", "fixture", "z-last", "\u00e9t\u00e9", "a-first", ""));
        // removals and overwrites leave stranded nodes behind
        List<String> ids = index.list(n).stream().map(Record::id).toList();
        index.removePoints(List.of(ids.get(1), ids.get(2), ids.get(ids.size() / 2)));
        index.add(Map.of("id", ids.get(3), "vector", randomVector(r, 12), "metadata", Map.of("overwritten", true)));
        index.removeWhere(Map.of("i", Map.of("in", List.of(40, 41, 42))));
        index.add(Map.of("vector", randomVector(r, 12)));
        return index;
    }

    static float[] randomVector(Random r, int dim) {
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
            v[j] = (float) r.nextGaussian();
        }
        return v;
    }

    static float[][] queries(long seed, int count, int dim) {
        Random r = new Random(seed);
        float[][] q = new float[count][];
        for (int i = 0; i < count; i++) {
            q[i] = randomVector(r, dim);
        }
        return q;
    }

    /** Everything observable must be equal, searches bit for bit. */
    static void assertSameIndex(HnswIndex expected, HnswIndex actual, List<Map<String, ?>> filters) {
        assertEquals(expected.info(), actual.info());
        assertEquals(expected.getVectorCount(), actual.getVectorCount());
        assertEquals(expected.getAllMetadata(), actual.getAllMetadata());
        assertEquals(expected.getStats(), actual.getStats());
        assertEquals(expected.config().toMap().get("indexed_fields"), actual.config().toMap().get("indexed_fields"));
        int n = expected.getVectorCount();
        List<Record> listed = expected.list(n + 10);
        assertEquals(listed, actual.list(n + 10));
        List<String> ids = listed.stream().map(Record::id).toList();
        assertEquals(expected.getRecords(ids), actual.getRecords(ids)); // vectors compared bit for bit
        for (int i = 0; i < ids.size(); i += Math.max(1, ids.size() / 7)) {
            assertEquals(expected.list(5, 0, ids.get(i)), actual.list(5, 0, ids.get(i)));
            assertEquals(expected.list(3, i), actual.list(3, i));
        }
        float[][] qs = queries(99, 12, expected.dim());
        for (float[] q : qs) {
            for (int k : new int[] {1, 5, 20}) {
                assertSameHits(expected.search(q, k), actual.search(q, k));
                assertSameHits(expected.search(q, SearchOptions.topK(k).efSearch(k)),
                        actual.search(q, SearchOptions.topK(k).efSearch(k)));
            }
            // a width covering everything takes the exact-scan path
            SearchOptions exact = SearchOptions.topK(10).efSearch(Math.min(131_072, n + 1)).returnVector(true);
            assertSameHits(expected.search(q, exact), actual.search(q, exact));
            for (Map<String, ?> f : filters) {
                assertSameHits(expected.search(q, f, 10), actual.search(q, f, 10));
                assertEquals(expected.count(f), actual.count(f));
            }
        }
        assertEquals(expected.searchBatch(qs, 7), actual.searchBatch(qs, 7));
    }

    static void assertSameHits(List<SearchResult> expected, List<SearchResult> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            SearchResult e = expected.get(i);
            SearchResult a = actual.get(i);
            assertEquals(e.id(), a.id());
            assertEquals(Double.doubleToRawLongBits(e.score()), Double.doubleToRawLongBits(a.score()),
                    "score bits of " + e.id());
            assertEquals(e.metadata(), a.metadata());
            assertArrayEquals(e.vector(), a.vector());
        }
    }

    static final List<Map<String, ?>> FILTERS = List.of(
            Map.of("cat", "science"),
            Map.of("even", true, "cat", Map.of("ne", "tech")),
            Map.of("i", Map.of("gte", 10, "lt", 300)),
            Map.of("big", Map.of("exists", true)),
            Map.of("nested.a", Map.of("exists", false)),
            Map.of("overwritten", true));

    /** Every file of a directory, name to bytes. */
    static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.comparing(Path::toString)).toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Deletes {@code dir} (files only) and writes {@code files} into a new one. */
    static void replaceDirectory(Path dir, Map<String, byte[]> files) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
            Files.createDirectory(dir);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<String> names(Path dir) {
        return new ArrayList<>(files(dir).keySet());
    }
}
