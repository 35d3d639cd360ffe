package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * searchBatch with a filter returns, per query, the page a single search with the same options
 * returns: for the Map, typed Filter and JSON text forms of one filter, for batches run
 * sequentially (<= 5 queries) and in parallel (> 5), on declared and undeclared indexes, and on
 * both sides of the scan/traversal crossover.
 */
class FilteredBatchEqualsSingleTest {

    private static final int N = 7_000;
    private static final int DIM = 16;
    private static final int WIDTH = 40;
    private static HnswIndex declared;
    private static HnswIndex undeclared;

    @BeforeAll
    static void build() {
        Random random = new Random(8);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            records.add(Map.of("id", "d" + i, "vector", Oracle.randomVector(random, DIM, 1f),
                    "metadata", Map.of("cat", "c" + (i % 10), "n", i % 100)));
        }
        VectorDatabase vdb = new VectorDatabase();
        // insertThreads(1): reproducible graphs, so declared and undeclared indexes hold the same graph and
        // any page difference comes from filtering (with parallel linking the graphs differ run to run)
        declared = vdb.create(IndexConfig.hnsw(DIM).space(Space.L2).m(12).efConstruction(64).insertThreads(1).expectedSize(N)
                .indexedFields("cat", "n").build());
        undeclared = vdb.create(IndexConfig.hnsw(DIM).space(Space.L2).m(12).efConstruction(64).insertThreads(1).expectedSize(N).build());
        declared.add(records);
        undeclared.add(records);
    }

    /** One filter in its three forms, and the match count it has. */
    private record Forms(String name, Map<String, ?> map, Filter typed, String json) {}

    private static List<Forms> forms() {
        return List.of(
                // 10 %: scanned
                new Forms("cat=c3", Map.of("cat", "c3"), Filter.eq("cat", "c3"), "{\"cat\": \"c3\"}"),
                // 1 %: scanned
                new Forms("cat=c3 and n=13", Map.of("cat", "c3", "n", 13), Filter.eq("cat", "c3").and(Filter.eq("n", 13)),
                        "{\"cat\": \"c3\", \"n\": 13}"),
                // 90 %: traversal
                new Forms("cat!=c0", Map.of("cat", Map.of("ne", "c0")), Filter.ne("cat", "c0"),
                        "{\"cat\": {\"ne\": \"c0\"}}"),
                // 80 %: traversal
                new Forms("n>=20", Map.of("n", Map.of("gte", 20)), Filter.gte("n", 20), "{\"n\": {\"gte\": 20}}"),
                // 60 %: scanned (under the 5,000 floor)
                new Forms("n<60", Map.of("n", Map.of("lt", 60)), Filter.lt("n", 60), "{\"n\": {\"lt\": 60}}"));
    }

    private static List<float[]> queries(Random random, int n) {
        List<float[]> qs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            qs.add(Oracle.randomVector(random, DIM, 1f));
        }
        return qs;
    }

    @Test
    void filtersSpanBothSidesOfTheCrossover() {
        int limit = HnswIndex.scanLimit(WIDTH, declared.size());
        int scanned = 0;
        int traversed = 0;
        for (Forms f : forms()) {
            int count = declared.count(f.map());
            assertEquals(count, undeclared.count(f.map()), f.name());
            assertEquals(count, declared.count(f.typed()), f.name());
            if (count <= limit) {
                scanned++;
            } else {
                traversed++;
            }
        }
        assertTrue(scanned >= 2 && traversed >= 2, scanned + " scanned, " + traversed + " traversed; limit " + limit);
    }

    @Test
    void batchesEqualSingleSearchesForEveryForm() {
        Random random = new Random(17);
        for (HnswIndex index : List.of(declared, undeclared)) {
            String which = index == declared ? "declared" : "undeclared";
            for (Forms f : forms()) {
                for (int size : new int[] {1, 5, 6, 13}) {
                    List<float[]> qs = queries(random, size);
                    SearchOptions base = SearchOptions.topK(10).efSearch(WIDTH).returnVector(true);
                    List<SearchOptions> variants = List.of(base.filter(f.map()), base.filter(f.typed()), base.filter(f.json()));
                    List<List<SearchResult>> singles = new ArrayList<>();
                    for (float[] q : qs) {
                        singles.add(index.search(q, variants.get(0)));
                    }
                    for (int v = 0; v < variants.size(); v++) {
                        String ctx = which + ", " + f.name() + ", form " + v + ", batch of " + size;
                        List<List<SearchResult>> batch = index.searchBatch(qs, variants.get(v));
                        assertEquals(size, batch.size(), ctx);
                        for (int i = 0; i < size; i++) {
                            assertEquals(10, singles.get(i).size(), ctx + " query " + i);
                            Oracle.assertSamePage(singles.get(i), batch.get(i), ctx + " query " + i);
                            assertEquals(Oracle.ids(singles.get(i)), Oracle.ids(batch.get(i)), ctx + " query " + i);
                            assertEquals(singles.get(i), index.search(qs.get(i), variants.get(v)), ctx + " single, query " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void declaredAndUndeclaredBatchesAreIdentical() {
        Random random = new Random(23);
        List<float[]> qs = queries(random, 12);
        for (Forms f : forms()) {
            SearchOptions opts = SearchOptions.topK(10).efSearch(WIDTH).filter(f.typed());
            assertEquals(undeclared.searchBatch(qs, opts), declared.searchBatch(qs, opts), f.name());
            List<List<SearchResult>> small = declared.searchBatch(qs.subList(0, 4), opts);
            assertEquals(undeclared.searchBatch(qs.subList(0, 4), opts), small, f.name() + " (sequential)");
        }
    }

    @Test
    void everyBatchHitSatisfiesItsFilter() {
        Random random = new Random(29);
        List<float[]> qs = queries(random, 9);
        for (Forms f : forms()) {
            io.zeusdb.vector.filter.MetadataPredicate p = io.zeusdb.vector.filter.FilterCompiler.compile(f.map());
            for (List<SearchResult> page : declared.searchBatch(qs, SearchOptions.topK(25).efSearch(WIDTH).filter(f.json()))) {
                Oracle.assertWellFormed(page, f.name());
                assertEquals(Math.min(25, declared.count(f.map())), page.size(), f.name());
                for (SearchResult r : page) {
                    assertTrue(p.test(io.zeusdb.vector.metadata.MetadataValues.canonicalMap(r.metadata())),
                            f.name() + ": " + r.id() + " " + r.metadata());
                }
            }
        }
    }
}
