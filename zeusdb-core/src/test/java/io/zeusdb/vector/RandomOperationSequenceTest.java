package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model-based test: seeded random sequences of add (single and batch, with and without ids,
 * overwrite true and false, some invalid rows), removePoint(s), removeWhere, updateMetadata,
 * clear, compact, rebuild and shrinkToFit, each followed by a full comparison with a simple
 * in-memory model (id to vector and metadata, in arrival order).
 */
class RandomOperationSequenceTest {

    private static final int DIM = 5;
    private static final int STEPS = 260;

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (Space space : Space.values()) {
            for (int rep = 0; rep < 2; rep++) {
                out.add(Arguments.of(space, seed++));
            }
        }
        return out.stream();
    }

    /** The model's view of one live record. */
    private record Entry(float[] stored, Map<String, Object> metadata) {}

    /** One record of an add() call as the test builds it, with what the model expects of it. */
    private record Row(String id, Object vector, float[] floats, Map<String, Object> metadata, boolean valid) {}

    private final class Run {
        final Random random;
        final Space space;
        final HnswIndex index;
        final LinkedHashMap<String, Entry> live = new LinkedHashMap<>();
        final Set<String> everSeen = new HashSet<>();
        final List<float[]> templates = new ArrayList<>();
        /** Graph nodes (live or stranded) that may hold each template, counted generously. */
        final int[] templateNodes = new int[7];
        long generated;
        int graphNodes;
        int m = 16;
        int efConstruction = 200;
        int expectedSize = 10_000;
        int step;
        String op = "";

        Run(Space space, long seed) {
            this.space = space;
            this.random = new Random(seed);
            this.index = new VectorDatabase().create(IndexConfig.hnsw(DIM).space(space).build());
            for (int i = 0; i < 6; i++) {
                templates.add(Oracle.randomVector(random, DIM, 1f));
            }
            templates.add(new float[DIM]); // the zero vector: at 1.0 from everything under cosine
        }

        String ctx() {
            return space + " step " + step + " (" + op + ")";
        }

        // ------------------------------------------------------------ generators

        float[] vector() {
            int r = random.nextInt(10);
            int t = random.nextInt(templates.size());
            // exact duplicates make ties; at most 5 nodes per vector, because more than 2m copies of
            // one vector trap searches (a BUG, see DuplicateVectorsTest) and m can be rebuilt to 4
            if (r < 3 && templateNodes[t] < 5) {
                templateNodes[t]++;
                return templates.get(t).clone();
            }
            float[] v = Oracle.randomVector(random, DIM, 1f);
            if (r == 3) {
                for (int i = 0; i < DIM; i++) {
                    v[i] = Math.round(v[i] * 2) / 2f; // coarse values: more ties
                }
            }
            return v;
        }

        /** A row the index must refuse: wrong width, empty, or non-finite. */
        float[] invalidVector() {
            return switch (random.nextInt(4)) {
                case 0 -> new float[DIM + 1];
                case 1 -> new float[0];
                case 2 -> {
                    float[] v = vector();
                    v[random.nextInt(DIM)] = Float.NaN;
                    yield v;
                }
                default -> {
                    float[] v = vector();
                    v[random.nextInt(DIM)] = random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                    yield v;
                }
            };
        }

        /** Metadata as the caller gives it; the model keeps its canonical form. */
        Map<String, Object> metadata() {
            Map<String, Object> m = new HashMap<>();
            m.put("g", (long) random.nextInt(3));
            if (random.nextBoolean()) {
                m.put("s", "s" + random.nextInt(100) + (random.nextInt(5) == 0 ? "\u00e9\uD83D\uDE00" : ""));
            }
            if (random.nextInt(3) == 0) {
                m.put("f", random.nextInt(100) / 8.0);
            }
            if (random.nextInt(4) == 0) {
                m.put("tags", List.of("t" + random.nextInt(3), random.nextBoolean()));
            }
            if (random.nextInt(6) == 0) {
                Map<String, Object> inner = new HashMap<>();
                inner.put("k", random.nextInt(4) == 0 ? null : (long) random.nextInt(9));
                m.put("nested", inner);
            }
            return m;
        }

        String existingOrNewId() {
            if (!live.isEmpty() && random.nextInt(3) > 0) {
                List<String> ids = new ArrayList<>(live.keySet());
                return ids.get(random.nextInt(ids.size()));
            }
            return "k" + random.nextInt(40);
        }

        Object asInput(float[] v) {
            return switch (random.nextInt(4)) {
                case 0 -> {
                    double[] d = new double[v.length];
                    for (int i = 0; i < v.length; i++) {
                        d[i] = v[i];
                    }
                    yield d;
                }
                case 1 -> {
                    List<Double> l = new ArrayList<>();
                    for (float x : v) {
                        l.add((double) x);
                    }
                    yield l;
                }
                default -> v.clone();
            };
        }

        Row row(boolean withId, boolean withMetadata) {
            boolean valid = random.nextInt(8) > 0;
            float[] v = valid ? vector() : invalidVector();
            String id = withId ? existingOrNewId() : null;
            return new Row(id, asInput(v), v, withMetadata ? metadata() : null, valid);
        }

        // ------------------------------------------------------------ operations

        void addSingle() {
            boolean overwrite = random.nextInt(4) > 0;
            int form = random.nextInt(4);
            Row r;
            Object input;
            if (form == 0) {
                r = row(false, false);
                // an empty List would read as an empty batch, not as one empty vector
                input = r.floats().length == 0 ? r.floats().clone() : r.vector();
                op = "add bare vector";
            } else if (form == 1) {
                r = row(true, true);
                input = Record.of(r.id(), r.floats(), r.metadata());
                op = "add Record " + r.id();
            } else {
                r = row(true, true);
                if (random.nextInt(8) == 0) {
                    // a caller-chosen vec_N near the generated counter
                    r = new Row("vec_" + (generated + random.nextInt(4)), r.vector(), r.floats(), r.metadata(), r.valid());
                }
                input = Map.of("id", r.id(), "vector", r.vector(), "metadata", r.metadata());
                op = "add Map " + r.id();
            }
            op += " overwrite=" + overwrite;
            apply(List.of(r), input, overwrite);
        }

        void addBatch() {
            boolean overwrite = random.nextInt(4) > 0;
            int n = 1 + random.nextInt(8);
            int form = random.nextInt(3);
            boolean withIds = form != 2 && random.nextInt(4) > 0;
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(row(withIds, form != 2));
            }
            Object input;
            if (form == 0) {
                List<Object> list = new ArrayList<>();
                for (Row r : rows) {
                    Map<String, Object> m = new HashMap<>();
                    if (r.id() != null) {
                        m.put("id", r.id());
                    }
                    m.put("vector", r.vector());
                    m.put("metadata", r.metadata());
                    list.add(m);
                }
                input = list;
                op = "add list of maps";
            } else if (form == 1) {
                Map<String, Object> columns = new HashMap<>();
                List<Object> vectors = new ArrayList<>();
                List<Object> metas = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (Row r : rows) {
                    vectors.add(r.vector());
                    metas.add(r.metadata());
                    ids.add(r.id());
                }
                columns.put(random.nextBoolean() ? "vectors" : "embeddings", vectors);
                columns.put("metadatas", metas);
                if (withIds) {
                    columns.put("ids", ids);
                }
                input = columns;
                op = "add columnar";
            } else {
                float[][] arr = new float[n][];
                for (int i = 0; i < n; i++) {
                    arr[i] = rows.get(i).floats().clone();
                }
                input = arr;
                op = "add float[][]";
            }
            op += " x" + n + " ids=" + rows.stream().map(Row::id).toList() + " overwrite=" + overwrite;
            apply(rows, input, overwrite);
        }

        /** Predicts an add with the model, runs it, compares the AddResult, updates the model. */
        void apply(List<Row> rows, Object input, boolean overwrite) {
            List<Row> valid = new ArrayList<>();
            int errors = 0;
            List<String> collisions = new ArrayList<>();
            for (Row r : rows) {
                if (r.valid()) {
                    valid.add(r);
                } else {
                    errors++;
                }
            }
            List<Row> kept = new ArrayList<>();
            if (overwrite) {
                Map<String, Integer> last = new HashMap<>();
                for (int i = 0; i < valid.size(); i++) {
                    if (valid.get(i).id() != null) {
                        last.put(valid.get(i).id(), i);
                    }
                }
                for (int i = 0; i < valid.size(); i++) {
                    Row r = valid.get(i);
                    if (r.id() == null || last.get(r.id()) == i) {
                        kept.add(r);
                    }
                }
            } else {
                Set<String> seen = new HashSet<>();
                for (Row r : valid) {
                    if (r.id() != null && (live.containsKey(r.id()) || !seen.add(r.id()))) {
                        errors++;
                        collisions.add("Vector " + r.id() + ": Vector with ID '" + r.id() + "' already exists");
                    } else {
                        kept.add(r);
                    }
                }
            }
            for (Row r : kept) {
                if (r.id() != null && r.id().matches("vec_[0-9]+")) {
                    generated = Math.max(generated, Long.parseLong(r.id().substring(4)));
                }
            }
            List<String> ids = new ArrayList<>();
            for (Row r : kept) {
                ids.add(r.id() != null ? r.id() : "vec_" + (++generated));
            }

            AddResult result = index.add(input, overwrite);

            assertEquals(ids, result.ids(), ctx() + ": ids " + result.errors());
            assertEquals(errors, result.totalErrors(), ctx() + ": errors " + result.errors());
            assertEquals(errors, result.errors().size(), ctx());
            assertEquals(ids.size(), result.totalInserted(), ctx());
            assertEquals(new Shape(rows.size(), DIM), result.vectorShape(), ctx());
            assertTrue(result.errors().containsAll(collisions), ctx() + ": collision messages " + result.errors());
            for (int i = 0; i < kept.size(); i++) {
                Row r = kept.get(i);
                live.remove(ids.get(i));
                live.put(ids.get(i), new Entry(stored(r.floats()), canonical(r.metadata())));
                everSeen.add(ids.get(i));
            }
            graphNodes += kept.size();
        }

        void removePoint() {
            String id = random.nextInt(4) == 0 ? "k" + random.nextInt(40) : existingOrNewId();
            op = "removePoint " + id;
            boolean present = live.containsKey(id);
            assertEquals(present, index.removePoint(id), ctx());
            live.remove(id);
        }

        void removePoints() {
            List<String> ids = new ArrayList<>();
            Set<String> absentUsed = new HashSet<>();
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                String id = existingOrNewId();
                if (!live.containsKey(id) && !absentUsed.add(id)) {
                    continue; // an absent id at most once: how often it is reported is not pinned
                }
                ids.add(id);
            }
            op = "removePoints " + ids;
            List<String> missing = new ArrayList<>();
            Set<String> removed = new HashSet<>();
            for (String id : ids) {
                if (live.remove(id) != null) {
                    removed.add(id);
                } else if (!removed.contains(id)) {
                    missing.add(id);
                }
            }
            assertEquals(missing, index.removePoints(ids), ctx());
        }

        void removeWhere() {
            long g = random.nextInt(3);
            op = "removeWhere g=" + g;
            List<String> doomed = new ArrayList<>();
            for (Map.Entry<String, Entry> e : live.entrySet()) {
                if (Long.valueOf(g).equals(e.getValue().metadata().get("g"))) {
                    doomed.add(e.getKey());
                }
            }
            assertEquals(doomed.size(), random.nextBoolean() ? index.removeWhere(Map.of("g", g))
                    : index.deleteWhere(Map.of("g", (int) g)), ctx());
            doomed.forEach(live::remove);
        }

        void updateMetadata() {
            String id = existingOrNewId();
            Map<String, Object> meta = random.nextInt(5) == 0 ? Map.of() : metadata();
            op = "updateMetadata " + id;
            boolean present = live.containsKey(id);
            assertEquals(present, index.updateMetadata(id, meta), ctx());
            if (present) {
                live.put(id, new Entry(live.get(id).stored(), canonical(meta))); // same position
            }
        }

        void clear() {
            op = "clear";
            assertEquals(live.size(), index.clear(), ctx());
            live.clear();
            graphNodes = 0;
            recountTemplates();
        }

        void compact() {
            op = "compact";
            int stranded = graphNodes - live.size();
            assertEquals(Math.max(0, stranded), index.compact(), ctx());
            graphNodes = live.size();
            recountTemplates();
        }

        void rebuild() {
            Integer newM = random.nextBoolean() ? List.of(4, 8, 16).get(random.nextInt(3)) : null;
            Integer newEf = random.nextBoolean() ? List.of(12, 40, 100).get(random.nextInt(3)) : null;
            Integer newSize = newM == null && newEf == null || random.nextBoolean() ? List.of(50, 5000).get(random.nextInt(2)) : null;
            op = "rebuild m=" + newM + " expected_size=" + newSize + " ef_construction=" + newEf;
            assertEquals(live.size(), index.rebuild(newM, newSize, newEf), ctx());
            m = newM == null ? m : newM;
            efConstruction = newEf == null ? efConstruction : newEf;
            expectedSize = newSize == null ? expectedSize : newSize;
            graphNodes = live.size();
            recountTemplates();
        }

        void recountTemplates() {
            Arrays.fill(templateNodes, 0);
            for (Entry e : live.values()) {
                for (int t = 0; t < templates.size(); t++) {
                    if (Arrays.equals(stored(templates.get(t)), e.stored())) {
                        templateNodes[t]++;
                    }
                }
            }
        }

        void shrinkToFit() {
            op = "shrinkToFit";
            assertTrue(index.shrinkToFit() >= 0, ctx());
            assertEquals(0, index.shrinkToFit(), ctx() + ": a second shrink has nothing to release");
        }

        // ------------------------------------------------------------ the model's view

        float[] stored(float[] v) {
            if (space != Space.COSINE) {
                return v.clone();
            }
            double s = 0;
            for (float x : v) {
                s += (double) x * x;
            }
            float[] out = v.clone();
            if (s > 0) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (v[i] / Math.sqrt(s));
                }
            }
            return out;
        }

        Map<String, Object> canonical(Map<String, Object> meta) {
            return meta == null ? Map.of() : new TreeMap<>(meta);
        }

        // ------------------------------------------------------------ checks

        void check() {
            int n = live.size();
            assertEquals(n, index.size(), ctx() + ": size");
            assertEquals(n, index.getVectorCount(), ctx());
            assertEquals(n, index.count(), ctx());
            assertTrue(index.info().contains(", vectors=" + n + ","), ctx() + ": " + index.info());
            Map<String, String> stats = index.getStats();
            assertEquals(Integer.toString(graphNodes), stats.get("graph_nodes"), ctx() + ": graph_nodes");
            assertEquals(Integer.toString(graphNodes - n), stats.get("stranded_graph_nodes"), ctx());
            assertEquals(Integer.toString(n), stats.get("total_vectors"), ctx());
            assertEquals(m, index.m(), ctx());
            assertEquals(efConstruction, index.efConstruction(), ctx());
            assertEquals(expectedSize, index.expectedSize(), ctx());

            // contains, for live ids and some that were removed or never added
            for (String id : live.keySet()) {
                assertTrue(index.contains(id), ctx() + ": contains " + id);
            }
            for (String id : everSeen) {
                assertEquals(live.containsKey(id), index.contains(id), ctx() + ": contains " + id);
            }

            // getRecords, strict, in request order: vectors bit-identical (cosine: the normalised
            // form, to within the last bit of the normalisation), metadata equal
            List<String> ids = new ArrayList<>(live.keySet());
            List<String> request = new ArrayList<>(ids);
            java.util.Collections.shuffle(request, random);
            List<Record> records = index.getRecords(request, true, true);
            assertEquals(request, records.stream().map(Record::id).toList(), ctx() + ": getRecords order");
            for (Record r : records) {
                Entry e = live.get(r.id());
                assertVector(e.stored(), r.vector(), r.id());
                assertEquals(e.metadata(), r.metadata(), ctx() + ": metadata of " + r.id());
            }
            List<String> absent = new ArrayList<>(everSeen);
            absent.removeAll(live.keySet());
            assertEquals(List.of(), index.getRecords(absent), ctx() + ": removed ids are not returned");

            // list(): arrival order, metadata, no vectors; cursor paging and offset paging
            List<Record> listed = index.list(Integer.MAX_VALUE);
            assertEquals(ids, listed.stream().map(Record::id).toList(), ctx() + ": list order");
            for (Record r : listed) {
                assertNull(r.vector(), ctx());
                assertEquals(live.get(r.id()).metadata(), r.metadata(), ctx() + ": listed metadata of " + r.id());
            }
            int page = 1 + random.nextInt(5);
            List<String> byCursor = new ArrayList<>();
            String after = null;
            while (true) {
                List<Record> p = index.list(page, 0, after);
                assertTrue(p.size() <= page, ctx());
                if (p.isEmpty()) {
                    break;
                }
                p.forEach(r -> byCursor.add(r.id()));
                after = p.get(p.size() - 1).id();
            }
            assertEquals(ids, byCursor, ctx() + ": cursor paging by " + page);
            List<String> byOffset = new ArrayList<>();
            for (int off = 0; off <= n; off += page) {
                index.list(page, off).forEach(r -> byOffset.add(r.id()));
            }
            assertEquals(ids, byOffset, ctx() + ": offset paging by " + page);

            // search
            Map<String, float[]> vectors = new LinkedHashMap<>();
            live.forEach((id, e) -> vectors.put(id, e.stored()));
            float[] q = !ids.isEmpty() && random.nextBoolean() ? live.get(ids.get(random.nextInt(n))).stored() : vector();
            int k = 1 + random.nextInt(12);
            Integer ef = List.of(0, 3, 8, 20).get(random.nextInt(4));
            if (random.nextInt(4) == 0) {
                ef = null;
            }
            List<SearchResult> approx = index.search(q, SearchOptions.topK(k).efSearch(ef).returnVector(random.nextBoolean()));
            assertEquals(Math.min(k, n), approx.size(), ctx() + ": a page is never short (k=" + k + ", ef=" + ef + ")");
            assertLegalPage(approx, q, null);
            List<SearchResult> exact = index.search(q, SearchOptions.topK(Math.max(n, 1)).efSearch(n));
            Oracle.assertExactPage(Oracle.bruteForce(space, q, vectors), exact, Math.max(n, 1), ctx() + ": exact page");

            long g = random.nextInt(3);
            Map<String, float[]> matching = new LinkedHashMap<>();
            live.forEach((id, e) -> {
                if (Long.valueOf(g).equals(e.metadata().get("g"))) {
                    matching.put(id, e.stored());
                }
            });
            List<SearchResult> filtered = index.search(q, SearchOptions.topK(k).efSearch(ef).filter(Map.of("g", g)));
            assertTrue(filtered.size() <= Math.min(k, matching.size()), ctx());
            assertLegalPage(filtered, q, g);
            List<SearchResult> filteredExact = index.search(q, SearchOptions.topK(k).efSearch(Math.max(n, k)).filter(Map.of("g", g)));
            Oracle.assertExactPage(Oracle.bruteForce(space, q, matching), filteredExact, k, ctx() + ": exact filtered page");
            assertEquals(matching.size(), index.count(Map.of("g", g)), ctx() + ": count");

            if (random.nextInt(5) == 0) {
                List<float[]> qs = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    qs.add(vector());
                }
                SearchOptions opts = SearchOptions.topK(k).efSearch(ef);
                List<List<SearchResult>> batch = index.searchBatch(qs, opts);
                for (int i = 0; i < qs.size(); i++) {
                    Oracle.assertSamePage(index.search(qs.get(i), opts), batch.get(i), ctx() + ": batch query " + i);
                }
            }
        }

        void assertVector(float[] expected, float[] actual, String id) {
            if (space != Space.COSINE) {
                if (!Arrays.equals(expected, actual)) {
                    fail(ctx() + ": vector of " + id + " " + Arrays.toString(actual) + " expected " + Arrays.toString(expected));
                }
                return;
            }
            for (int i = 0; i < expected.length; i++) {
                if (Math.abs(expected[i] - actual[i]) > 2 * Math.ulp(expected[i]) + 1e-12) {
                    fail(ctx() + ": normalised vector of " + id + " " + Arrays.toString(actual) + " expected "
                            + Arrays.toString(expected));
                }
            }
        }

        /** Only live ids, each once, scores non-decreasing and equal to the exact distance. */
        void assertLegalPage(List<SearchResult> page, float[] q, Long g) {
            Oracle.assertWellFormed(page, ctx());
            for (SearchResult r : page) {
                Entry e = live.get(r.id());
                if (e == null) {
                    fail(ctx() + ": result holds '" + r.id() + "', which is not live");
                }
                double d = Oracle.distance(space, q, e.stored());
                assertTrue(Math.abs(d - r.score()) <= Oracle.tol(d), ctx() + ": score of " + r.id() + " " + r.score() + " vs " + d);
                assertEquals(e.metadata(), r.metadata(), ctx() + ": result metadata of " + r.id());
                if (r.vector() != null) {
                    assertVector(e.stored(), r.vector(), r.id());
                }
                if (g != null) {
                    assertEquals(g, r.metadata().get("g"), ctx() + ": filter not satisfied by " + r.id());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("runs")
    void randomSequencesMatchTheModel(Space space, long seed) {
        Run run = new Run(space, seed);
        run.check();
        for (run.step = 1; run.step <= STEPS; run.step++) {
            int r = run.random.nextInt(200);
            if (r < 50) {
                run.addSingle();
            } else if (r < 110) {
                run.addBatch();
            } else if (r < 130) {
                run.removePoint();
            } else if (r < 144) {
                run.removePoints();
            } else if (r < 148) {
                run.removeWhere();
            } else if (r < 172) {
                run.updateMetadata();
            } else if (r < 173) {
                run.clear();
            } else if (r < 185) {
                run.compact();
            } else if (r < 193) {
                run.rebuild();
            } else {
                run.shrinkToFit();
            }
            run.check();
        }
        assertFalse(run.everSeen.isEmpty());
    }
}
