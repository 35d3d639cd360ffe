package io.zeusdb.vector.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zeusdb.vector.AddResult;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.VectorDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Filtered search measured against an exact oracle: {@code zdb bench --filter JSON} and
 * {@code zdb bench --selectivity-sweep}. Builds two indexes over the same records with their
 * metadata (one declaring the filtered fields, one not), and for each filter reports the
 * selectivity, recall@k against brute force over the matching records, and single-thread QPS of
 * both, next to the unfiltered QPS at the same settings.
 *
 * <p>The sweep picks its filters from the data's own metadata: for each target selectivity, the
 * candidate (one categorical value, a pair of them, a numeric range, or a value with a range)
 * whose exact match count is nearest. Those candidates are simple enough that this class decides
 * membership itself, so the oracle does not depend on the filter engine under test; a
 * {@code --filter} of any other shape takes its matching set from the index's own filter engine
 * (asked with a page as wide as the index), which is tested separately against a reference
 * evaluator.
 */
final class FilterBench {

    static final double[] SWEEP_TARGETS = {0.0001, 0.001, 0.01, 0.1, 0.5};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DISTINCT_CATEGORICAL = 1_000;

    private final PrintWriter out;
    private final int k;
    private final int passes;
    private final int threads;
    private final Space space;

    FilterBench(PrintWriter out, int k, int passes, int threads, Space space) {
        this.out = out;
        this.k = k;
        this.passes = passes;
        this.threads = threads;
        this.space = space;
    }

    /** A filter with the ids of the rows it matches (when this class can decide that itself). */
    record Candidate(Map<String, Object> filter, int[] rows) {}

    /** Reads the first {@code n} JSON objects of a {@code .jsonl} metadata file, without id and text. */
    static List<Map<String, Object>> readMetadata(Path file, int n) throws IOException {
        return readMetadata(file, n, false);
    }

    /**
     * Reads the first {@code n} JSON objects of a {@code .jsonl} metadata file; {@code whole} keeps
     * every field, else id and text (which no filter of the sweep reads) are dropped.
     */
    static List<Map<String, Object>> readMetadata(Path file, int n, boolean whole) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(n);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (rows.size() < n && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = JSON.readValue(line, LinkedHashMap.class);
                if (!whole) {
                    m.remove("id");
                    m.remove("text");
                }
                rows.add(m);
            }
        }
        if (rows.size() < n) {
            throw new IOException(file + " holds " + rows.size() + " metadata lines but the base has " + n
                    + " vectors; the two must be row-aligned");
        }
        return rows;
    }

    /** The sweep's filters: for each target selectivity, the nearest candidate by match count. */
    static List<Candidate> sweepFilters(List<Map<String, Object>> meta) {
        int n = meta.size();
        List<Candidate> candidates = candidates(meta);
        List<Candidate> chosen = new ArrayList<>();
        for (double target : SWEEP_TARGETS) {
            double want = Math.max(1, target * n);
            Candidate best = null;
            double bestGap = Double.MAX_VALUE;
            for (Candidate c : candidates) {
                if (c.rows().length == 0) {
                    continue;
                }
                double gap = Math.abs(Math.log(c.rows().length / want));
                if (gap < bestGap) {
                    bestGap = gap;
                    best = c;
                }
            }
            chosen.add(best);
        }
        return chosen;
    }

    private static List<Candidate> candidates(List<Map<String, Object>> meta) {
        // categorical fields: string values with modest cardinality; numeric fields: integers
        Map<String, TreeMap<String, List<Integer>>> categorical = new TreeMap<>();
        Map<String, TreeSet<Long>> numeric = new TreeMap<>();
        for (int row = 0; row < meta.size(); row++) {
            for (Map.Entry<String, Object> e : meta.get(row).entrySet()) {
                if (e.getValue() instanceof String s) {
                    categorical.computeIfAbsent(e.getKey(), f -> new TreeMap<>())
                            .computeIfAbsent(s, v -> new ArrayList<>()).add(row);
                } else if (e.getValue() instanceof Number num && !(e.getValue() instanceof Double)) {
                    numeric.computeIfAbsent(e.getKey(), f -> new TreeSet<>()).add(num.longValue());
                }
            }
        }
        categorical.values().removeIf(values -> values.size() > MAX_DISTINCT_CATEGORICAL);
        List<Candidate> out = new ArrayList<>();
        List<String> fields = new ArrayList<>(categorical.keySet());
        for (String f : fields) {
            for (Map.Entry<String, List<Integer>> v : categorical.get(f).entrySet()) {
                out.add(new Candidate(Map.of(f, v.getKey()), toArray(v.getValue())));
            }
        }
        for (int a = 0; a < fields.size(); a++) {
            for (int b = a + 1; b < fields.size(); b++) {
                for (Map.Entry<String, List<Integer>> va : categorical.get(fields.get(a)).entrySet()) {
                    for (Map.Entry<String, List<Integer>> vb : categorical.get(fields.get(b)).entrySet()) {
                        int[] both = intersect(va.getValue(), vb.getValue());
                        if (both.length > 0) {
                            out.add(new Candidate(Map.of(fields.get(a), va.getKey(), fields.get(b), vb.getKey()), both));
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, TreeSet<Long>> num : numeric.entrySet()) {
            String f = num.getKey();
            for (long bound : num.getValue()) {
                List<Integer> rows = new ArrayList<>();
                for (int row = 0; row < meta.size(); row++) {
                    if (meta.get(row).get(f) instanceof Number x && !(x instanceof Double) && x.longValue() < bound) {
                        rows.add(row);
                    }
                }
                out.add(new Candidate(Map.of(f, Map.of("lt", bound)), toArray(rows)));
            }
        }
        return out;
    }

    private static int[] toArray(List<Integer> rows) {
        int[] a = new int[rows.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rows.get(i);
        }
        return a;
    }

    private static int[] intersect(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int x = a.get(i);
            int y = b.get(j);
            if (x == y) {
                out.add(x);
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return toArray(out);
    }

    /**
     * Runs the filters against both indexes and prints one row each.
     *
     * @param filters        the filters; a candidate's {@code rows} may be null (ask the index)
     * @param declaredFields fields the declared index declares
     */
    int run(float[][] rows, float[][] queries, List<Map<String, Object>> meta, List<Candidate> filters,
            IndexConfig.Builder declaredConfig, IndexConfig.Builder plainConfig, List<String> declaredFields,
            Integer efSearch, boolean json) {
        int n = rows.length;
        List<Map<String, Object>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(Map.of("id", "vec_" + (i + 1), "vector", rows[i], "metadata", meta.get(i)));
        }
        VectorDatabase vdb = new VectorDatabase();
        HnswIndex declared = vdb.create(declaredConfig.indexedFields(declaredFields.toArray(String[]::new)).build());
        HnswIndex plain = vdb.create(plainConfig.build());
        long t0 = System.nanoTime();
        for (HnswIndex index : new HnswIndex[] {declared, plain}) {
            for (int from = 0; from < n; from += 5_000) {
                AddResult r = index.add(records.subList(from, Math.min(n, from + 5_000)));
                if (!r.isSuccess()) {
                    throw new IllegalStateException("the index rejected records: " + r.errors().get(0));
                }
            }
        }
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        SearchOptions unfiltered = SearchOptions.topK(k).efSearch(efSearch);
        int[][] truthAll = ExactNeighbours.topK(rows, queries, k, space, threads);
        double unfilteredQps = qps(plain, queries, unfiltered);
        double unfilteredRecall = recall(plain, queries, unfiltered, truthAll);
        if (!json) {
            out.printf(Locale.ROOT, "%nfiltered search: %,d records with metadata, two indexes built in %.1f s; declared "
                    + "fields %s; %,d queries, top-%d, ef_search %s, single thread%n", n, buildSeconds, declaredFields,
                    queries.length, k, efSearch == null ? "default" : efSearch.toString());
            out.printf(Locale.ROOT, "unfiltered: recall@%d %.4f, %,.0f QPS%n", k, unfilteredRecall, unfilteredQps);
            out.printf(Locale.ROOT, "%10s %8s %10s %10s %10s %10s %8s %8s %9s %9s  %s%n", "selectivity", "matches",
                    "recall decl", "recall und", "QPS decl", "QPS und", "x decl", "x und", "1st ms d", "1st ms u",
                    "filter");
            out.printf(Locale.ROOT, "(QPS: a filter repeated over every query, its match set cached after the first; "
                    + "1st ms: that first query, which resolves the match set)%n");
        } else {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("phase", "unfiltered");
            line.put("recall", unfilteredRecall);
            line.put("qps", Math.round(unfilteredQps * 10) / 10.0);
            out.println(toJson(line));
        }
        for (Candidate c : filters) {
            SearchOptions opts = SearchOptions.topK(k).efSearch(efSearch).filter(c.filter());
            // the first query of a filter resolves its match set (columns or a metadata pass); later
            // queries of the same filter find it cached until the records change
            long f0 = System.nanoTime();
            declared.search(queries[0], opts);
            double firstDeclaredMs = (System.nanoTime() - f0) / 1e6;
            long f1 = System.nanoTime();
            plain.search(queries[0], opts);
            double firstPlainMs = (System.nanoTime() - f1) / 1e6;
            int[] matching = c.rows() != null ? c.rows() : matchingRows(plain, c.filter());
            int[][] truth = filteredTruth(rows, queries, matching);
            double rd = recall(declared, queries, opts, truth);
            double ru = recall(plain, queries, opts, truth);
            double qd = qps(declared, queries, opts);
            double qu = qps(plain, queries, opts);
            double selectivity = (double) matching.length / n;
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("phase", "filter");
                line.put("filter", c.filter());
                line.put("selectivity", selectivity);
                line.put("matches", matching.length);
                line.put("recall_declared", rd);
                line.put("recall_undeclared", ru);
                line.put("qps_declared", Math.round(qd * 10) / 10.0);
                line.put("qps_undeclared", Math.round(qu * 10) / 10.0);
                line.put("unfiltered_qps", Math.round(unfilteredQps * 10) / 10.0);
                line.put("first_query_ms_declared", Math.round(firstDeclaredMs * 1000) / 1000.0);
                line.put("first_query_ms_undeclared", Math.round(firstPlainMs * 1000) / 1000.0);
                out.println(toJson(line));
            } else {
                out.printf(Locale.ROOT, "%9.3f%% %8d %10.4f %10.4f %,10.0f %,10.0f %8.2f %8.2f %9.2f %9.2f  %s%n",
                        100 * selectivity, matching.length, rd, ru, qd, qu, qd / unfilteredQps, qu / unfilteredQps,
                        firstDeclaredMs, firstPlainMs, toJson(c.filter()));
            }
            out.flush();
        }
        return 0;
    }

    /** Rows matching {@code filter} according to the index (a page as wide as the index). */
    private static int[] matchingRows(HnswIndex index, Map<String, Object> filter) {
        int count = index.count(filter);
        int[] out = new int[count];
        if (count == 0) {
            return out;
        }
        float[] any = new float[index.dim()];
        any[0] = 1;
        List<SearchResult> all = index.search(any, SearchOptions.topK(count).filter(filter).efSearch(
                Math.min(131_072, Math.max(count, index.size()))));
        for (int i = 0; i < all.size(); i++) {
            out[i] = BenchCommand.rowOf(all.get(i).id());
        }
        Arrays.sort(out);
        return out;
    }

    /** Exact top-k among {@code matching} rows, as base row numbers. */
    private int[][] filteredTruth(float[][] rows, float[][] queries, int[] matching) {
        float[][] subset = new float[matching.length][];
        for (int i = 0; i < matching.length; i++) {
            subset[i] = rows[matching[i]];
        }
        if (matching.length == 0) {
            return new int[queries.length][0];
        }
        int[][] local = ExactNeighbours.topK(subset, queries, k, space, threads);
        for (int[] r : local) {
            for (int i = 0; i < r.length; i++) {
                r[i] = matching[r[i]];
            }
        }
        return local;
    }

    private double recall(HnswIndex index, float[][] queries, SearchOptions options, int[][] truth) {
        long found = 0;
        long wanted = 0;
        for (int q = 0; q < queries.length; q++) {
            int[] t = truth[q].clone();
            Arrays.sort(t);
            for (SearchResult hit : index.search(queries[q], options)) {
                if (Arrays.binarySearch(t, BenchCommand.rowOf(hit.id())) >= 0) {
                    found++;
                }
            }
            wanted += t.length;
        }
        return wanted == 0 ? 1.0 : (double) found / wanted;
    }

    private double qps(HnswIndex index, float[][] queries, SearchOptions options) {
        long sink = 0;
        for (float[] q : queries) {
            sink += index.search(q, options).size();
        }
        long best = Long.MAX_VALUE;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            for (float[] q : queries) {
                sink += index.search(q, options).size();
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (sink < 0) {
            throw new AssertionError();
        }
        return queries.length / (best / 1e9);
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields a filter names at its top level (enough for the sweep's and most user filters). */
    static List<String> fieldsOf(List<Candidate> filters) {
        TreeSet<String> fields = new TreeSet<>();
        for (Candidate c : filters) {
            collectFields(c.filter(), fields);
        }
        return new ArrayList<>(fields);
    }

    private static void collectFields(Object filter, TreeSet<String> into) {
        if (filter instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals("$and") || key.equals("$or")) {
                    if (e.getValue() instanceof List<?> l) {
                        for (Object sub : l) {
                            collectFields(sub, into);
                        }
                    }
                } else if (key.equals("$not")) {
                    collectFields(e.getValue(), into);
                } else {
                    into.add(key);
                }
            }
        }
    }

    /** Parses a {@code --filter} JSON object. */
    static Map<String, Object> parseFilter(String json) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(json, LinkedHashMap.class);
        return new HashMap<>(m);
    }
}
