package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reference 13 and the thread-safety rule: four threads search while another adds,
 * upserts, removes, updates metadata and compacts. No exception; no page ever holds a record
 * removed before the search started; every page is well formed and consistent (each hit's
 * vector is the one its metadata version names, its score the distance to it); afterwards the
 * index equals the writer's model and searches are exact in the exact regime.
 */
class ConcurrentSearchAndWriteTest {

    private static final int DIM = 16;
    private static final Space SPACE = Space.L2;
    private static final long WRITE_MILLIS = 2_500;

    /** The vector a record holds at a version: a pure function, so readers can check hits. */
    static float[] vector(String id, long version) {
        Random r = new Random(id.hashCode() * 1_000_003L + version);
        return Oracle.randomVector(r, DIM, 1f);
    }

    private static Map<String, Object> metadata(String id, long version, int tag) {
        return Map.of("id", id, "v", version, "tag", (long) tag);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void searchesStayCorrectWhileWritersRun() throws Exception {
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(DIM).space(SPACE).m(12).efConstruction(64).build());
        Map<String, Long> model = new HashMap<>(); // written by the writer thread only (and read after it stops)
        Map<String, Integer> tags = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<Map<String, Object>> metas = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            String id = i < 60 ? "u" + i : i < 600 ? "n" + i : "b" + i;
            ids.add(id);
            vectors.add(vector(id, 0));
            metas.add(metadata(id, 0, i % 4));
            model.put(id, 0L);
            tags.put(id, i % 4);
        }
        assertTrue(index.add(Map.of("ids", ids, "vectors", vectors, "metadatas", metas)).isSuccess());

        AtomicLong generation = new AtomicLong();
        Map<String, Long> removedAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong pages = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong shortPages = new AtomicLong();

        Thread writer = new Thread(() -> {
            Random random = new Random(1);
            List<String> removable = new ArrayList<>();
            for (String id : ids) {
                if (id.startsWith("n")) {
                    removable.add(id);
                }
            }
            int next = 0;
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_MILLIS);
            try {
                while (System.nanoTime() < end) {
                    int op = random.nextInt(20);
                    if (op < 6) { // add new records
                        int n = 1 + random.nextInt(20);
                        List<String> newIds = new ArrayList<>();
                        List<float[]> newVectors = new ArrayList<>();
                        List<Map<String, Object>> newMetas = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            String id = "a" + next++;
                            int tag = random.nextInt(4);
                            newIds.add(id);
                            newVectors.add(vector(id, 0));
                            newMetas.add(metadata(id, 0, tag));
                        }
                        AddResult r = index.add(Map.of("ids", newIds, "vectors", newVectors, "metadatas", newMetas));
                        if (r.totalInserted() != n) {
                            problems.add("add inserted " + r.totalInserted() + " of " + n + ": " + r.errors());
                        }
                        for (int i = 0; i < n; i++) {
                            model.put(newIds.get(i), 0L);
                            tags.put(newIds.get(i), ((Long) newMetas.get(i).get("tag")).intValue());
                            removable.add(newIds.get(i));
                        }
                    } else if (op < 10) { // upsert some u records with a new version
                        int n = 1 + random.nextInt(3);
                        List<Object> batch = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            String id = "u" + random.nextInt(60);
                            long v = model.get(id) + 1;
                            int tag = random.nextInt(4);
                            batch.add(Map.of("id", id, "vector", vector(id, v), "metadata", metadata(id, v, tag)));
                            model.put(id, v);
                            tags.put(id, tag);
                        }
                        index.add(batch);
                    } else if (op < 15 && removable.size() > 50) { // remove for good
                        int n = 1 + random.nextInt(4);
                        List<String> doomed = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            doomed.add(removable.remove(random.nextInt(removable.size())));
                        }
                        if (n == 1) {
                            if (!index.removePoint(doomed.get(0))) {
                                problems.add("removePoint(" + doomed.get(0) + ") found nothing");
                            }
                        } else {
                            List<String> missing = index.removePoints(doomed);
                            if (!missing.isEmpty()) {
                                problems.add("removePoints missed " + missing);
                            }
                        }
                        long g = generation.incrementAndGet();
                        for (String id : doomed) {
                            removedAt.put(id, g);
                            model.remove(id);
                            tags.remove(id);
                        }
                    } else if (op < 19) { // update metadata, keeping id and version
                        String id = random.nextBoolean() ? "u" + random.nextInt(60) : "b" + (600 + random.nextInt(900));
                        int tag = random.nextInt(4);
                        if (!index.updateMetadata(id, metadata(id, model.get(id), tag))) {
                            problems.add("updateMetadata(" + id + ") found nothing");
                        }
                        tags.put(id, tag);
                    } else {
                        index.compact();
                    }
                    writes.incrementAndGet();
                }
            } catch (Throwable t) {
                problems.add("writer: " + t);
            }
        }, "writer");

        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = 100 + t;
            readers.add(new Thread(() -> {
                Random random = new Random(seed);
                try {
                    while (!stop.get()) {
                        long start = generation.get();
                        float[] q = Oracle.randomVector(random, DIM, 1f);
                        int kind = random.nextInt(5);
                        if (kind == 0) {
                            int tag = random.nextInt(4);
                            List<SearchResult> page = index.search(q, SearchOptions.topK(10).efSearch(40)
                                    .filter(Map.of("tag", tag)).returnVector(true));
                            check(page, q, start, tag, removedAt, problems, shortPages);
                        } else if (kind == 1) {
                            float[][] qs = new float[random.nextBoolean() ? 3 : 7][]; // sequential and parallel batches
                            qs[0] = q;
                            for (int i = 1; i < qs.length; i++) {
                                qs[i] = Oracle.randomVector(random, DIM, 1f);
                            }
                            List<List<SearchResult>> batch = index.searchBatch(qs, SearchOptions.topK(10).efSearch(40).returnVector(true));
                            for (int i = 0; i < qs.length; i++) {
                                check(batch.get(i), qs[i], start, null, removedAt, problems, shortPages);
                            }
                        } else {
                            List<SearchResult> page = index.search(q, SearchOptions.topK(10).efSearch(kind == 2 ? 10 : 40).returnVector(true));
                            check(page, q, start, null, removedAt, problems, shortPages);
                        }
                        pages.incrementAndGet();
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
        System.out.println("concurrent run: " + pages.get() + " searches, " + writes.get() + " writes, "
                + removedAt.size() + " removals, " + index.size() + " records at the end, " + shortPages.get()
                + " short pages");
        assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(20, problems.size())),
                problems.size() + " problems");
        assertTrue(pages.get() > 100, "readers ran " + pages.get() + " searches");
        assertTrue(writes.get() > 100, "writer ran " + writes.get() + " operations");
        assertTrue(removedAt.size() > 20, "removals " + removedAt.size());

        // after the writers stop: the index is the writer's model
        assertEquals(model.size(), index.size());
        List<String> liveIds = new ArrayList<>(model.keySet());
        List<Record> records = index.getRecords(liveIds, true, true);
        Map<String, float[]> current = new HashMap<>();
        for (Record r : records) {
            long v = model.get(r.id());
            assertTrue(Arrays.equals(vector(r.id(), v), r.vector()), r.id());
            assertEquals(metadata(r.id(), v, tags.get(r.id())), r.metadata(), r.id());
            current.put(r.id(), r.vector());
        }
        for (String id : removedAt.keySet()) {
            assertFalse(index.contains(id), id);
        }
        Random random = new Random(9);
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queries.add(Oracle.randomVector(random, DIM, 1f));
        }
        int hits = 0;
        for (float[] q : queries) {
            List<Oracle.Hit> expected = Oracle.bruteForce(SPACE, q, current);
            Oracle.assertExactPage(expected, index.search(q, SearchOptions.topK(50).efSearch(index.size())), 50, "exact after writes");
            List<SearchResult> approx = index.search(q, SearchOptions.topK(10).efSearch(64));
            for (Oracle.Hit h : expected.subList(0, 10)) {
                hits += Oracle.ids(approx).contains(h.id()) ? 1 : 0;
            }
        }
        assertTrue(hits >= 0.9 * 200, "recall@10 at ef 64 after concurrent writes: " + hits / 200.0);
        SearchOptions opts = SearchOptions.topK(10).efSearch(40);
        List<List<SearchResult>> batch = index.searchBatch(queries, opts);
        for (int i = 0; i < queries.size(); i++) {
            Oracle.assertSamePage(index.search(queries.get(i), opts), batch.get(i), "batch query " + i);
        }
    }

    /**
     * Reference 7 and 13: a batch removal is atomic with respect to searches. A writer adds a
     * tight group of 30 records around Q, then removes the whole group with one removePoints call,
     * over and over; readers take exact pages around Q and must see a completed group either whole
     * or not at all.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void batchRemovalsAreAtomicForSearches() throws Exception {
        int dim = 8;
        int group = 30;
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(dim).space(Space.L2).build());
        Random random = new Random(4);
        float[][] background = new float[300][];
        for (int i = 0; i < background.length; i++) {
            background[i] = Oracle.randomVector(random, dim, 1f);
        }
        index.add(background);
        float[] q = new float[dim];
        Arrays.fill(q, 5f);
        AtomicLong seq = new AtomicLong();
        Map<Integer, Long> addEnd = new ConcurrentHashMap<>();
        Map<Integer, Long> removeStart = new ConcurrentHashMap<>();
        Map<Integer, Long> removeEnd = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong checkedPages = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            readers.add(new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long s0 = seq.get();
                        List<SearchResult> page = index.search(q, SearchOptions.topK(40).efSearch(10_000));
                        long s1 = seq.get();
                        Map<Integer, Integer> counts = new HashMap<>();
                        for (SearchResult r : page) {
                            if (r.id().startsWith("g")) {
                                counts.merge(Integer.parseInt(r.id().substring(1, r.id().indexOf('_'))), 1, Integer::sum);
                            }
                        }
                        for (int g = Math.max(0, (int) (s0 / 3) - 2); g <= s1 / 3 + 2; g++) {
                            int c = counts.getOrDefault(g, 0);
                            Long added = addEnd.get(g);
                            Long rs = removeStart.get(g);
                            Long re = removeEnd.get(g);
                            if (re != null && re <= s0 && c != 0) {
                                problems.add("group " + g + " removed before the search, yet " + c + " members seen");
                            } else if (added != null && added <= s0 && (rs == null || rs > s1) && c != group) {
                                problems.add("group " + g + " complete and untouched during the search, yet " + c + " members seen");
                            } else if (added != null && added <= s0 && c != 0 && c != group) {
                                problems.add("group " + g + " half removed: " + c + " of " + group + " members seen");
                            }
                        }
                        checkedPages.incrementAndGet();
                    }
                } catch (Throwable e) {
                    problems.add(e.toString());
                }
            }));
        }
        readers.forEach(Thread::start);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        int groups = 0;
        for (int g = 0; System.nanoTime() < end; g++) {
            List<String> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < group; i++) {
                ids.add("g" + g + "_" + i);
                float[] v = q.clone();
                v[i % dim] += 0.001f * (1 + i);
                vectors.add(v);
            }
            index.add(Map.of("ids", ids, "vectors", vectors));
            addEnd.put(g, seq.incrementAndGet()); // seq = 3g + 1
            Thread.sleep(0, 200_000);
            removeStart.put(g, seq.incrementAndGet()); // 3g + 2
            assertEquals(List.of(), index.removePoints(ids));
            removeEnd.put(g, seq.incrementAndGet()); // 3g + 3
            groups++;
        }
        stop.set(true);
        for (Thread r : readers) {
            r.join();
        }
        assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(10, problems.size())), problems.size() + " problems");
        assertTrue(groups > 10 && checkedPages.get() > 100, groups + " groups, " + checkedPages.get() + " pages");
        assertEquals(background.length, index.size());
    }

    /**
     * Mutators run one at a time: several threads adding at once lose nothing, generated ids are
     * issued once each, and each add() lands as one contiguous run of arrival order.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentWritersAreSerialised() throws Exception {
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(4).space(Space.L2).m(8).efConstruction(32).build());
        ConcurrentLinkedQueue<List<String>> batches = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            writers.add(new Thread(() -> {
                Random random = new Random(thread);
                try {
                    for (int b = 0; b < 60; b++) {
                        float[][] rows = new float[1 + random.nextInt(10)][];
                        for (int i = 0; i < rows.length; i++) {
                            rows[i] = Oracle.randomVector(random, 4, 1f);
                        }
                        batches.add(index.add(rows).ids());
                        if (thread == 0) {
                            List<String> named = List.of("t" + b + "a", "t" + b + "b");
                            batches.add(index.add(Map.of("ids", named, "vectors", List.of(rows[0], rows[0]))).ids());
                            index.updateMetadata(named.get(0), Map.of("b", b));
                        }
                    }
                } catch (Throwable e) {
                    problems.add(e.toString());
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread w : writers) {
            w.join();
        }
        assertEquals(List.of(), List.copyOf(problems));
        int total = batches.stream().mapToInt(List::size).sum();
        assertEquals(total, index.size());
        List<String> order = index.list(Integer.MAX_VALUE).stream().map(Record::id).toList();
        assertEquals(total, order.size());
        assertEquals(total, new java.util.HashSet<>(order).size(), "no id issued twice");
        int generated = total - 120;
        for (int n = 1; n <= generated; n++) {
            assertTrue(index.contains("vec_" + n), "vec_" + n);
        }
        for (List<String> batch : batches) {
            int first = order.indexOf(batch.get(0));
            assertEquals(batch, order.subList(first, first + batch.size()), "an add() is one contiguous run");
        }
        assertEquals(Map.of("b", 59L), index.getRecords("t59a").get(0).metadata());
    }

    // BUG: reads of records are not atomic with an upsert of the same id. An upsert clears the old
    // node's slot and points the id at the new node (and raises the node count) while getRecords()
    // and list() read the id map, the slots and the node count without any lock or validation, so
    // a reader can pair the new state of one with the old state of another. Expected (issue 3:
    // adds "may run meanwhile without wrong results or exceptions"; the id is present before, during
    // and after an upsert): getRecords(["x", ...], strict=true) always returns x, and list() shows x
    // exactly once (at its old or its new position). Actual, in about a second of upserts: list()
    // shows 200 records without x hundreds to ~1,500 times, and getRecords(strict=true) throws
    // NoSuchElementException ("asked for 1 id(s) the index does not hold: x") a few times.
    // Taking the visibility read lock (or validating an optimistic stamp) in getRecords/list would
    // fix it, as searches already do.
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void recordReadsDuringUpsertsAlwaysSeeTheRecordOnce() throws Exception {
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(DIM).space(SPACE).m(8).efConstruction(32).build());
        for (int i = 0; i < 200; i++) {
            index.add(Map.of("id", "b" + i, "vector", vector("b" + i, 0), "metadata", metadata("b" + i, 0, 0)));
        }
        index.add(Map.of("id", "x", "vector", vector("x", 0), "metadata", metadata("x", 0, 0)));
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            boolean lists = t == 1;
            readers.add(new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (lists) {
                            List<String> ids = index.list(Integer.MAX_VALUE).stream().map(Record::id).toList();
                            long xs = ids.stream().filter("x"::equals).count();
                            if (xs != 1 || ids.size() != 201) {
                                problems.add("list() shows 'x' " + xs + " times among " + ids.size() + " records");
                            }
                        } else {
                            List<Record> r = index.getRecords(List.of("x", "b7"), true, true);
                            Record x = r.get(0);
                            long v = (Long) x.metadata().get("v");
                            if (!Arrays.equals(vector("x", v), x.vector())) {
                                problems.add("getRecords: vector of 'x' is not version " + v);
                            }
                        }
                        reads.incrementAndGet();
                    } catch (Throwable e) {
                        problems.add((lists ? "list: " : "getRecords: ") + e);
                    }
                }
            }));
        }
        readers.forEach(Thread::start);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_000);
        for (long v = 1; System.nanoTime() < end; v++) {
            index.add(Map.of("id", "x", "vector", vector("x", v), "metadata", metadata("x", v, 0)));
        }
        stop.set(true);
        for (Thread r : readers) {
            r.join();
        }
        assertTrue(reads.get() > 100, reads.get() + " reads");
        Map<String, Long> kinds = new java.util.TreeMap<>();
        for (String p : problems) {
            kinds.merge(p.length() > 60 ? p.substring(0, 60) : p, 1L, Long::sum);
        }
        assertEquals(Map.of(), kinds, problems.size() + " problems in " + reads.get() + " reads");
    }

    // BUG: a record being added is published (searchable) before it is linked, and it is linked
    // from its top layer down: the upper-layer back-links from its neighbours are written before
    // its own layer-0 list. A search whose greedy descent moves onto the new node on an upper layer
    // then finds it with no (or few) neighbours below and returns a page of just that node (or a
    // handful). Expected (issue 3: adds may run during searches "without wrong results"; reference
    // 5.2: a page holds top_k results unless the index holds fewer): every page has 10 results,
    // the index never holding fewer than 1,000 records. Actual: pages holding only the record being
    // added, e.g. "1 results [a834]", seen in searchesStayCorrectWhileWritersRun about once per few
    // thousand searches; with queries aimed at the records being added (this test, m=4) about one
    // search in five: 108,085 one-result pages in 651,292 searches. Linking a new node's own lists
    // on every layer before publishing it (or before adding any back-link to it) would fix it.
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pagesAreNeverShortWhileRecordsAreAdded() throws Exception {
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(DIM).space(SPACE).m(4).efConstruction(64).build());
        List<float[]> initial = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            initial.add(vector("i" + i, 0));
        }
        index.add(initial);
        java.util.concurrent.atomic.AtomicReference<float[]> next = new java.util.concurrent.atomic.AtomicReference<>(initial.get(0));
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> shortPages = new ConcurrentLinkedQueue<>();
        AtomicLong searches = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            readers.add(new Thread(() -> {
                while (!stop.get()) {
                    List<SearchResult> page = index.search(next.get(), SearchOptions.topK(10).efSearch(20));
                    searches.incrementAndGet();
                    if (page.size() != 10) {
                        shortPages.add(page.size() + " results " + Oracle.ids(page));
                    }
                }
            }));
        }
        readers.forEach(Thread::start);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_MILLIS);
        for (int i = 0; System.nanoTime() < end; i++) {
            float[] v = vector("w" + i, 0);
            next.set(v); // readers aim at the record about to be added
            index.add(Map.of("id", "w" + i, "vector", v));
        }
        stop.set(true);
        for (Thread r : readers) {
            r.join();
        }
        assertTrue(searches.get() > 100);
        assertEquals(List.of(), List.copyOf(shortPages).subList(0, Math.min(10, shortPages.size())),
                shortPages.size() + " short pages in " + searches.get() + " searches");
    }

    /** Checks one page seen while writers ran; records problems instead of throwing. */
    private static void check(List<SearchResult> page, float[] q, long start, Integer tag, Map<String, Long> removedAt,
                              ConcurrentLinkedQueue<String> problems, AtomicLong shortPages) {
        if (tag == null && page.size() != 10) {
            // a BUG (see pagesAreNeverShortWhileRecordsAreAdded): counted, not failed on here
            shortPages.incrementAndGet();
        }
        if (page.size() > 10) {
            problems.add("page longer than top_k: " + page.size());
        }
        try {
            Oracle.assertWellFormed(page, "concurrent page");
        } catch (AssertionError e) {
            problems.add(e.getMessage());
        }
        for (SearchResult r : page) {
            Long removed = removedAt.get(r.id());
            if (removed != null && removed <= start) {
                problems.add("'" + r.id() + "' was removed (generation " + removed + ") before the search started ("
                        + start + ")");
            }
            Object id = r.metadata().get("id");
            Object v = r.metadata().get("v");
            if (!r.id().equals(id) || !(v instanceof Long version)) {
                problems.add("metadata of '" + r.id() + "' does not belong to it: " + r.metadata());
                continue;
            }
            float[] expected = vector(r.id(), version);
            if (!Arrays.equals(expected, r.vector())) {
                problems.add("vector of '" + r.id() + "' is not version " + version);
                continue;
            }
            double d = Oracle.distance(SPACE, q, expected);
            if (Math.abs(d - r.score()) > Oracle.tol(d)) {
                problems.add("score of '" + r.id() + "' " + r.score() + " vs " + d);
            }
            if (tag != null && !Long.valueOf(tag).equals(r.metadata().get("tag"))) {
                problems.add("filter tag=" + tag + " not satisfied by " + r.metadata());
            }
        }
    }
}
