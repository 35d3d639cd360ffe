package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.filter.FilterCompiler;
import io.zeusdb.vector.filter.MetadataPredicate;
import io.zeusdb.vector.metadata.MetadataValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Filtered searches (declared and undeclared fields, selective and broad filters, each filter one
 * object reused so the per-filter bitmap cache is hit) run while a writer adds, upserts, removes
 * and updates the metadata of records in a "churn" pool, so they enter and leave the filters'
 * match sets. Records outside the pool never change: every hit outside it must match the filter
 * on its fixed metadata; hits inside it must be pool ids. Afterwards counts equal the writer's
 * model, pages in the exact regime equal brute force, and declared == undeclared page for page.
 * Then, sequentially, every change that moves a record into or out of a filter is reflected by
 * the very next search and count (no stale cached bitmap).
 */
class FilteredSearchUnderConcurrentWritesTest {

    private static final int DIM = 16;
    private static final Space SPACE = Space.L2;
    private static final int STABLE = 6_000;
    private static final int POOL = 400;
    private static final long WRITE_MILLIS = 1_500;

    private static final Map<String, Object> MATCH_ALL = Map.of("tag", 3L, "grp", "g3", "w", 7L);
    private static final Map<String, Object> MATCH_NONE = Map.of("tag", 0L, "grp", "g0", "w", 19L);

    /** The filters, as reused objects; names say which fields and how broad. */
    private static final List<String> NAMES = List.of("declared selective", "declared broad", "undeclared selective",
            "undeclared broad", "declared selective (JSON twin)");
    private static final List<Filter> FILTERS = List.of(
            Filter.of(Map.of("grp", "g3", "tag", 3)),                          // ~300: scanned
            Filter.of(Map.of("grp", Map.of("ne", "g0"))),                      // ~5,760: traversal
            Filter.of(Map.of("w", 7, "tag", Map.of("in", List.of(1, 3)))),     // ~300, w undeclared
            Filter.of(Map.of("w", Map.of("lt", 17))),                          // ~5,440, w undeclared
            Filter.parse("{\"tag\": 3, \"grp\": \"g3\"}"));                    // same canonical form as the first
    private static final List<Map<String, ?>> SPECS = List.of(
            Map.of("grp", "g3", "tag", 3),
            Map.of("grp", Map.of("ne", "g0")),
            Map.of("w", 7, "tag", Map.of("in", List.of(1, 3))),
            Map.of("w", Map.of("lt", 17)),
            Map.of("tag", 3, "grp", "g3"));

    private static Map<String, Object> meta(String id, long tag, String grp, long w) {
        return Map.of("id", id, "tag", tag, "grp", grp, "w", w);
    }

    private static Map<String, Object> withId(String id, Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>(m);
        out.put("id", id);
        return out;
    }

    private static float[] vector(String id, long version) {
        return Oracle.randomVector(new Random(id.hashCode() * 1_000_003L + version), DIM, 1f);
    }

    private static HnswIndex[] build(Map<String, float[]> vectors, Map<String, Map<String, Object>> metas) {
        VectorDatabase vdb = new VectorDatabase();
        // insertThreads(1): reproducible graphs, so declared and undeclared indexes hold the same graph and
        // any page difference comes from filtering (with parallel linking the graphs differ run to run)
        HnswIndex declared = vdb.create(IndexConfig.hnsw(DIM).space(SPACE).m(8).efConstruction(48).insertThreads(1)
                .expectedSize(STABLE + POOL).indexedFields("tag", "grp").build());
        HnswIndex undeclared = vdb.create(IndexConfig.hnsw(DIM).space(SPACE).m(8).efConstruction(48).insertThreads(1)
                .expectedSize(STABLE + POOL).build());
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < STABLE + POOL; i++) {
            String id = i < STABLE ? "s" + i : "c" + (i - STABLE);
            Map<String, Object> m = meta(id, i % 4, "g" + (i % 10), i % 20);
            vectors.put(id, vector(id, 0));
            metas.put(id, m);
            records.add(Map.of("id", id, "vector", vectors.get(id), "metadata", m));
        }
        assertTrue(declared.add(records).isSuccess());
        assertTrue(undeclared.add(records).isSuccess());
        return new HnswIndex[] {declared, undeclared};
    }

    private static boolean matches(int f, Map<String, Object> m) {
        MetadataPredicate p = FilterCompiler.compile(SPECS.get(f));
        return p.test(MetadataValues.canonicalMap(m));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void filteredSearchesStayCorrectWhileRecordsMoveInAndOut() throws Exception {
        Map<String, float[]> vectors = new HashMap<>();
        Map<String, Map<String, Object>> metas = new LinkedHashMap<>();
        HnswIndex[] indexes = build(vectors, metas);
        HnswIndex declared = indexes[0];
        HnswIndex undeclared = indexes[1];
        List<MetadataPredicate> predicates = new ArrayList<>();
        for (Map<String, ?> s : SPECS) {
            predicates.add(FilterCompiler.compile(s));
        }
        int[] stableCount = new int[FILTERS.size()];
        for (int f = 0; f < FILTERS.size(); f++) {
            for (int i = 0; i < STABLE; i++) {
                stableCount[f] += matches(f, metas.get("s" + i)) ? 1 : 0;
            }
        }

        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong searches = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        long[] moves = new long[2]; // [into a filter, out of a filter] by metadata updates, for the report

        Thread writer = new Thread(() -> {
            Random random = new Random(1);
            Map<String, Long> version = new HashMap<>();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_MILLIS);
            try {
                while (System.nanoTime() < end) {
                    String id = "c" + random.nextInt(POOL);
                    int kind = random.nextInt(3); // in every filter, in none, or random
                    Map<String, Object> m = kind == 0 ? withId(id, MATCH_ALL) : kind == 1 ? withId(id, MATCH_NONE)
                            : meta(id, random.nextInt(4), "g" + random.nextInt(10), random.nextInt(20));
                    boolean present = metas.containsKey(id);
                    int op = random.nextInt(10);
                    long v = version.merge(id, 1L, Long::sum);
                    float[] vec = vector(id, v);
                    if (!present) {
                        for (HnswIndex index : indexes) {
                            AddResult r = index.add(Map.of("id", id, "vector", vec, "metadata", m));
                            if (r.totalInserted() != 1) {
                                problems.add("add " + id + ": " + r.errors());
                            }
                        }
                        metas.put(id, m);
                        vectors.put(id, vec);
                    } else if (op < 3) { // upsert: new vector and metadata
                        for (HnswIndex index : indexes) {
                            index.add(Map.of("id", id, "vector", vec, "metadata", m));
                        }
                        metas.put(id, m);
                        vectors.put(id, vec);
                    } else if (op < 5) {
                        for (HnswIndex index : indexes) {
                            if (!index.removePoint(id)) {
                                problems.add("removePoint(" + id + ") found nothing");
                            }
                        }
                        metas.remove(id);
                        vectors.remove(id);
                    } else if (op < 9) {
                        int f = random.nextInt(4);
                        boolean was = matches(f, metas.get(id));
                        for (HnswIndex index : indexes) {
                            if (!index.updateMetadata(id, m)) {
                                problems.add("updateMetadata(" + id + ") found nothing");
                            }
                        }
                        metas.put(id, m);
                        boolean now = matches(f, m);
                        if (was != now) {
                            moves[now ? 0 : 1]++;
                        }
                    } else if (random.nextInt(20) == 0) {
                        for (HnswIndex index : indexes) {
                            index.compact();
                        }
                    }
                    writes.incrementAndGet();
                }
            } catch (Throwable t) {
                problems.add("writer: " + t);
            }
        }, "writer");

        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            long seed = 100 + t;
            readers.add(new Thread(() -> {
                Random random = new Random(seed);
                try {
                    while (!stop.get()) {
                        int f = random.nextInt(FILTERS.size());
                        HnswIndex index = random.nextBoolean() ? declared : undeclared;
                        float[] q = Oracle.randomVector(random, DIM, 1f);
                        List<SearchResult> page;
                        if (random.nextInt(4) == 0) {
                            page = index.searchBatch(List.of(q, q, q, q, q, q, q),
                                    SearchOptions.topK(10).efSearch(40).filter(FILTERS.get(f))).get(random.nextInt(7));
                        } else {
                            page = index.search(q, SearchOptions.topK(10).efSearch(40).filter(FILTERS.get(f)));
                        }
                        String ctx = NAMES.get(f) + (index == declared ? " (declared index)" : " (undeclared index)");
                        if (page.size() > 10) {
                            problems.add(ctx + ": page of " + page.size());
                        }
                        try {
                            Oracle.assertWellFormed(page, ctx);
                        } catch (AssertionError e) {
                            problems.add(e.getMessage());
                        }
                        for (SearchResult r : page) {
                            if (!r.id().equals(r.metadata().get("id"))) {
                                problems.add(ctx + ": metadata of '" + r.id() + "' is " + r.metadata());
                            }
                            if (r.id().startsWith("s")) {
                                int i = Integer.parseInt(r.id().substring(1));
                                Map<String, Object> fixed = meta(r.id(), i % 4, "g" + (i % 10), i % 20);
                                if (!predicates.get(f).test(MetadataValues.canonicalMap(fixed))) {
                                    problems.add(ctx + ": stable '" + r.id() + "' does not match " + fixed);
                                }
                            } else if (!r.id().startsWith("c") || Integer.parseInt(r.id().substring(1)) >= POOL) {
                                problems.add(ctx + ": '" + r.id() + "' never existed");
                            }
                        }
                        int count = index.count(FILTERS.get(f));
                        if (count < stableCount[f] || count > stableCount[f] + POOL) {
                            problems.add(ctx + ": count " + count + " outside [" + stableCount[f] + ", "
                                    + (stableCount[f] + POOL) + "]");
                        }
                        searches.incrementAndGet();
                    }
                } catch (Throwable e) {
                    problems.add(Thread.currentThread().getName() + ": " + e);
                }
            }, "reader-" + t));
        }
        readers.forEach(Thread::start);
        writer.start();
        writer.join(TimeUnit.SECONDS.toMillis(60));
        stop.set(true);
        for (Thread r : readers) {
            r.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(writer.isAlive(), "writer still running");
        for (Thread r : readers) {
            assertFalse(r.isAlive(), r.getName() + " still running");
        }
        System.out.println("filtered concurrent run: " + searches.get() + " searches, " + writes.get() + " writes, "
                + moves[0] + " moves into and " + moves[1] + " out of a filter by metadata updates");
        assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(20, problems.size())),
                problems.size() + " problems");
        assertTrue(searches.get() > 100, searches.get() + " searches");
        assertTrue(writes.get() > 100, writes.get() + " writes");
        assertTrue(moves[0] > 5 && moves[1] > 5, "moves " + moves[0] + "/" + moves[1]);

        // quiescent: counts equal the model, exact pages equal brute force, declared == undeclared
        assertEquals(metas.size(), declared.size());
        assertEquals(metas.size(), undeclared.size());
        Random random = new Random(77);
        for (int f = 0; f < FILTERS.size(); f++) {
            Map<String, float[]> matching = new HashMap<>();
            for (Map.Entry<String, Map<String, Object>> e : metas.entrySet()) {
                if (matches(f, e.getValue())) {
                    matching.put(e.getKey(), vectors.get(e.getKey()));
                }
            }
            assertEquals(matching.size(), declared.count(FILTERS.get(f)), "declared count, " + NAMES.get(f));
            assertEquals(matching.size(), undeclared.count(FILTERS.get(f)), "undeclared count, " + NAMES.get(f));
            for (int qi = 0; qi < 5; qi++) {
                float[] q = Oracle.randomVector(random, DIM, 1f);
                SearchOptions opts = SearchOptions.topK(10).efSearch(40).filter(FILTERS.get(f));
                List<SearchResult> a = declared.search(q, opts);
                assertEquals(a, undeclared.search(q, opts), "declared vs undeclared, " + NAMES.get(f));
                if (matching.size() <= HnswIndex.EXACT_SCAN_LIMIT) {
                    Oracle.assertExactPage(Oracle.bruteForce(SPACE, q, matching), a, 10, "after writes, " + NAMES.get(f));
                }
            }
        }
    }

    /**
     * After each change that moves a record into or out of a filter's match set, the very next
     * search and count with the same (cached) filter object reflect it: metadata update in, out,
     * removal, re-add, upsert out and upsert in; on declared and undeclared indexes, for scanned
     * and traversed filters, on declared and undeclared fields.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nextSearchAndCountSeeEachMoveIntoOrOutOfAFilter() {
        HnswIndex[] indexes = build(new HashMap<>(), new LinkedHashMap<>());
        for (HnswIndex index : indexes) {
            String which = index == indexes[0] ? "declared index" : "undeclared index";
            for (int f = 0; f < FILTERS.size(); f++) {
                Filter filter = FILTERS.get(f);
                String x = "c" + (10 + f);
                String ctx = which + ", " + NAMES.get(f);
                assertTrue(matches(f, MATCH_ALL) && !matches(f, MATCH_NONE), ctx);

                assertTrue(index.updateMetadata(x, withId(x, MATCH_NONE)));
                float[] q = index.getRecords(x, true).get(0).vector();
                int base = primeAndCount(index, q, filter, x, false, ctx + ": miss (primed)");

                assertTrue(index.updateMetadata(x, withId(x, MATCH_ALL)));
                expect(index, q, filter, x, true, base + 1, ctx + ": after updateMetadata into the filter");

                assertTrue(index.updateMetadata(x, withId(x, MATCH_NONE)));
                expect(index, q, filter, x, false, base, ctx + ": after updateMetadata out of the filter");

                assertTrue(index.updateMetadata(x, withId(x, MATCH_ALL)));
                primeAndCount(index, q, filter, x, true, ctx + ": back in (primed)");
                assertTrue(index.removePoint(x));
                expect(index, q, filter, x, false, base, ctx + ": after removePoint");

                float[] q2 = vector(x, 1_000 + f);
                assertEquals(1, index.add(Map.of("id", x, "vector", q2, "metadata", withId(x, MATCH_ALL))).totalInserted());
                expect(index, q2, filter, x, true, base + 1, ctx + ": after re-adding a matching record");

                float[] q3 = vector(x, 2_000 + f);
                index.add(Map.of("id", x, "vector", q3, "metadata", withId(x, MATCH_NONE)));
                expect(index, q3, filter, x, false, base, ctx + ": after an upsert out of the filter");

                index.add(Map.of("id", x, "vector", q3, "metadata", withId(x, MATCH_ALL)));
                expect(index, q3, filter, x, true, base + 1, ctx + ": after an upsert into the filter");

                assertTrue(index.updateMetadata(x, withId(x, MATCH_NONE)));
                index.compact();
                expect(index, q3, filter, x, false, base, ctx + ": after updateMetadata out and compact");
            }
        }
    }

    /** Runs the search twice (filling, then hitting the cache) and returns the count. */
    private static int primeAndCount(HnswIndex index, float[] q, Filter filter, String x, boolean in, String ctx) {
        for (int i = 0; i < 2; i++) {
            List<SearchResult> page = index.search(q, SearchOptions.topK(10).efSearch(40).filter(filter));
            assertEquals(in, Oracle.ids(page).contains(x), ctx + ": " + Oracle.ids(page));
        }
        int c1 = index.count(filter);
        assertEquals(c1, index.count(filter), ctx);
        return c1;
    }

    private static void expect(HnswIndex index, float[] q, Filter filter, String x, boolean in, int count, String ctx) {
        List<SearchResult> page = index.search(q, SearchOptions.topK(10).efSearch(40).filter(filter));
        if (in) {
            assertTrue(!page.isEmpty() && page.get(0).id().equals(x) && page.get(0).score() == 0.0,
                    ctx + ": expected '" + x + "' first at distance 0, got " + Oracle.ids(page));
        } else {
            assertFalse(Oracle.ids(page).contains(x), ctx + ": '" + x + "' still in " + Oracle.ids(page));
        }
        assertEquals(10, page.size(), ctx);
        assertEquals(count, index.count(filter), ctx + ": count");
        List<List<SearchResult>> batch = index.searchBatch(List.of(q, q, q, q, q, q),
                SearchOptions.topK(10).efSearch(40).filter(filter));
        for (List<SearchResult> p : batch) {
            assertEquals(in, Oracle.ids(p).contains(x), ctx + ": batch page " + Oracle.ids(p));
        }
    }
}
