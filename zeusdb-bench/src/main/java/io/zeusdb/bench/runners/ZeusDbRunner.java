package io.zeusdb.bench.runners;

import io.zeusdb.bench.Dataset;
import io.zeusdb.bench.FilterSpec;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.VectorDatabase;
import io.zeusdb.vector.distance.Kernels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ZeusDB through its public API only, as an application uses it: one columnar {@code add} of
 * string ids, vectors and metadata; {@code search} with {@link SearchOptions} reused per ef; ids
 * parsed back to rows. So its numbers include what the API costs (id strings, result objects),
 * which the peers' lower-level entry points do not pay.
 */
public final class ZeusDbRunner implements AnnRunner {

    private HnswIndex index;
    private final Map<Integer, SearchOptions> byEf = new HashMap<>();
    private final Map<Integer, SearchOptions> filteredByEf = new HashMap<>();
    private Map<String, Object> filter;

    @Override
    public String name() {
        return "zeusdb";
    }

    @Override
    public String describe() {
        return "ZeusDB " + VectorDatabase.version() + " public API: cosine space, columnar add with insert_threads,"
                + " search(SearchOptions.efSearch); kernels " + Kernels.best().name();
    }

    @Override
    public void build(float[][] vectors, List<String> fieldValues, int m, int efConstruction, int threads) {
        int n = vectors.length;
        IndexConfig cfg = IndexConfig.hnsw(vectors[0].length).space(Space.COSINE).m(m).efConstruction(efConstruction)
                .expectedSize(n).insertThreads(threads).build();
        index = new VectorDatabase().create(cfg);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(i));
        }
        Map<String, Object> batch = new HashMap<>();
        batch.put("ids", ids);
        batch.put("vectors", vectors);
        if (fieldValues != null) {
            List<Map<String, Object>> metas = new ArrayList<>(n);
            for (String v : fieldValues) {
                metas.add(Map.of(Dataset.FILTER_FIELD, v));
            }
            batch.put("metadatas", metas);
        }
        var result = index.add(batch);
        if (result.totalErrors() > 0) {
            throw new IllegalStateException("zeusdb rejected " + result.totalErrors() + " records: " + result.errors());
        }
    }

    @Override
    public int[] search(float[] query, int k, int ef) {
        SearchOptions opts = byEf.computeIfAbsent(ef, e -> SearchOptions.topK(k).efSearch(e));
        return rows(index.search(query, opts));
    }

    @Override
    public boolean supportsFilter() {
        return true;
    }

    @Override
    public void prepareFilter(FilterSpec spec) {
        filter = spec.values().size() == 1
                ? Map.of(Dataset.FILTER_FIELD, spec.values().get(0))
                : Map.of(Dataset.FILTER_FIELD, Map.of("in", spec.values()));
        filteredByEf.clear();
    }

    @Override
    public int[] searchFiltered(float[] query, int k, int ef) {
        SearchOptions opts = filteredByEf.computeIfAbsent(ef, e -> SearchOptions.topK(k).filter(filter).efSearch(e));
        return rows(index.search(query, opts));
    }

    private static int[] rows(List<SearchResult> hits) {
        int[] out = new int[hits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(hits.get(i).id());
        }
        return out;
    }

    @Override
    public long reportedBytes() {
        return index.memoryBytes();
    }

    @Override
    public void close() {
        index = null;
    }
}
