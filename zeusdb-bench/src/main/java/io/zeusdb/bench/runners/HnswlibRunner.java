package io.zeusdb.bench.runners;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * hnswlib-java (jelmerk) {@code hnswlib-core}: {@link HnswIndex} with {@code M} and
 * {@code efConstruction}, {@code addAll} on N threads, {@code findNearest} after {@code setEf}.
 * Distance: {@link DistanceFunctions#FLOAT_INNER_PRODUCT}, a scalar loop. Its Vector API distances
 * ship in {@code hnswlib-core-jdk17}, which the registry serves only up to 1.1.2, built for the
 * older {@code com.github.jelmerk.knn} interfaces, so they cannot be plugged into 1.2.1.
 */
public final class HnswlibRunner implements AnnRunner {

    /** One row: hnswlib indexes items, not bare vectors. */
    record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    private HnswIndex<Integer, float[], Row, Float> index;

    @Override
    public String name() {
        return "hnswlib";
    }

    @Override
    public String describe() {
        return "hnswlib-core 1.2.1 HnswIndex(M, efConstruction), addAll(threads), setEf + findNearest;"
                + " distance FLOAT_INNER_PRODUCT (scalar; no SIMD distance is available for 1.2.1)";
    }

    @Override
    public void build(float[][] vectors, List<String> fieldValues, int m, int efConstruction, int threads)
            throws InterruptedException {
        index = HnswIndex.newBuilder(vectors[0].length, DistanceFunctions.FLOAT_INNER_PRODUCT, vectors.length)
                .withM(m).withEfConstruction(efConstruction).withEf(efConstruction).build();
        List<Row> rows = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            rows.add(new Row(i, vectors[i]));
        }
        index.addAll(rows, Math.max(1, threads), (done, max) -> { }, Integer.MAX_VALUE);
    }

    @Override
    public int[] search(float[] query, int k, int ef) {
        if (index.getEf() != ef) {
            index.setEf(ef);
        }
        List<SearchResult<Row, Float>> hits = index.findNearest(query, k);
        int[] out = new int[hits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = hits.get(i).item().id();
        }
        return out;
    }

    @Override
    public void close() {
        index = null;
    }
}
