package io.zeusdb.bench.runners;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's HNSW used directly, without the index machinery: {@link HnswGraphBuilder} (one thread)
 * or {@link HnswConcurrentMergeBuilder} (several, the builder Lucene's merges use) over on-heap
 * {@link FloatVectorValues#fromFloats}, searched by {@link HnswGraphSearcher} with a
 * {@link TopKnnCollector} of size ef. This is Lucene's graph at its cheapest: ordinals are rows,
 * no documents, no codecs.
 */
public final class LuceneHnswRunner implements AnnRunner {

    private static final VectorSimilarityFunction SIM = VectorSimilarityFunction.DOT_PRODUCT;
    private static final long SEED = 42;

    private FloatVectorValues values;
    private OnHeapHnswGraph graph;

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public String describe() {
        return "Lucene " + org.apache.lucene.util.Version.LATEST + " HnswGraphBuilder (1 thread) / HnswConcurrentMergeBuilder"
                + " (N threads), HnswGraphSearcher + TopKnnCollector(ef), DefaultFlatVectorScorer, DOT_PRODUCT";
    }

    @Override
    public void build(float[][] vectors, List<String> fieldValues, int m, int efConstruction, int threads)
            throws IOException {
        int n = vectors.length;
        values = FloatVectorValues.fromFloats(Arrays.asList(vectors), vectors[0].length);
        RandomVectorScorerSupplier supplier =
                DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(SIM, values);
        if (threads <= 1) {
            graph = HnswGraphBuilder.create(supplier, m, efConstruction, SEED, n).build(n);
            return;
        }
        // the concurrent builder takes an empty graph; only a builder can make one (its constructor is package-private)
        OnHeapHnswGraph empty = HnswGraphBuilder.create(supplier, m, efConstruction, SEED, n).getGraph();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            graph = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), threads, supplier, m, efConstruction,
                    empty, null).build(n);
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public int[] search(float[] query, int k, int ef) throws IOException {
        RandomVectorScorer scorer = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(SIM, values, query);
        TopKnnCollector collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
        HnswGraphSearcher.search(scorer, collector, graph, null);
        ScoreDoc[] docs = collector.topDocs().scoreDocs;
        int[] out = new int[Math.min(k, docs.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = docs[i].doc; // ordinal == row: fromFloats keeps the list order
        }
        return out;
    }

    @Override
    public long reportedBytes() {
        return graph.ramBytesUsed();
    }

    @Override
    public void close() {
        graph = null;
        values = null;
    }
}
