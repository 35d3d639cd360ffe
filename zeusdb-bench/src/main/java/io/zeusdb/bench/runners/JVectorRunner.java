package io.zeusdb.bench.runners;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * JVector's in-memory graph: {@link GraphIndexBuilder} with degree {@code 2M} on layer 0 and
 * {@code M} above (HNSW's shape, so the graph holds as many edges as the others), beam width
 * ef_construction, JVector's default overflow 1.2 and alpha 1.2 (its DiskANN-style pruning), with
 * the hierarchy on; searched by {@link GraphSearcher} asking for k with {@code rerankK = ef} (its
 * overquery, the beam width).
 */
public final class JVectorRunner implements AnnRunner {

    /** Looked up on first use, so merely naming this runner (as compare's parent does) loads no native code. */
    private VectorTypeSupport vts;
    private static final VectorSimilarityFunction SIM = VectorSimilarityFunction.DOT_PRODUCT;

    private RandomAccessVectorValues values;
    private ImmutableGraphIndex graph;
    private GraphSearcher searcher;

    @Override
    public String name() {
        return "jvector";
    }

    @Override
    public String describe() {
        return "JVector GraphIndexBuilder(maxDegrees=[2M, M], beam=efc, overflow 1.2, alpha 1.2, hierarchy)"
                + " + GraphSearcher(topK=k, rerankK=ef); vectorization "
                + VectorizationProvider.getInstance().getClass().getSimpleName();
    }

    @Override
    public void build(float[][] vectors, List<String> fieldValues, int m, int efConstruction, int threads)
            throws Exception {
        vts = VectorizationProvider.getInstance().getVectorTypeSupport();
        List<VectorFloat<?>> list = new ArrayList<>(vectors.length);
        for (float[] v : vectors) {
            list.add(vts.createFloatVector(v));
        }
        values = new ListRandomAccessVectorValues(list, vectors[0].length);
        BuildScoreProvider bsp = BuildScoreProvider.randomAccessScoreProvider(values, SIM);
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try (GraphIndexBuilder builder = new GraphIndexBuilder(bsp, vectors[0].length, List.of(2 * m, m),
                efConstruction, 1.2f, 1.2f, true, true, pool, pool)) {
            graph = builder.build(values);
        } finally {
            pool.shutdown();
        }
        searcher = new GraphSearcher(graph);
    }

    @Override
    public int[] search(float[] query, int k, int ef) {
        VectorFloat<?> q = vts.createFloatVector(query);
        SearchResult result = searcher.search(DefaultSearchScoreProvider.exact(q, SIM, values), k, ef, 0f, 0f,
                Bits.ALL);
        SearchResult.NodeScore[] nodes = result.getNodes();
        int[] out = new int[Math.min(k, nodes.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = nodes[i].node;
        }
        return out;
    }

    @Override
    public long reportedBytes() {
        return graph.ramBytesUsed();
    }

    @Override
    public void close() throws Exception {
        if (searcher != null) {
            searcher.close();
        }
        searcher = null;
        graph = null;
        values = null;
    }
}
