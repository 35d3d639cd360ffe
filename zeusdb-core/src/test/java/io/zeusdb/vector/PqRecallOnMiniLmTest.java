package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Product quantization on real sentence embeddings (the first 5,000 base vectors and 200
 * queries of {@code shared/data/minilm-50k}, 384-d, cosine) against exact brute force:
 * reconstruction error, recall of {@code quantized_with_raw} with its default rerank and of
 * {@code quantized_only}, and searches running while training completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PqRecallOnMiniLmTest {

    private static final int BASE = 5_000;
    private static final int QUERIES = 200;
    private static final int K = 10;

    private float[][] base;
    private float[][] queries;
    private int[][] truth;

    @BeforeAll
    void load() throws IOException {
        Path dir = RecallOnMiniLmTest.dataDirectory();
        base = RecallOnMiniLmTest.readFvecs(dir.resolve("base.fvecs"), BASE);
        queries = RecallOnMiniLmTest.readFvecs(dir.resolve("query.fvecs"), QUERIES);
        truth = RecallOnMiniLmTest.exactCosineTopK(base, queries, K);
    }

    private HnswIndex build(StorageMode mode, int subvectors) {
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(384).space(Space.COSINE).m(16)
                .efConstruction(100).expectedSize(BASE).quantization(QuantizationConfig.pq().subvectors(subvectors)
                        .bits(8).trainingSize(2000).storageMode(mode).build()).build());
        assertEquals(BASE, index.add(base).totalInserted());
        assertTrue(index.isQuantized());
        return index;
    }

    private double recall(HnswIndex index, SearchOptions options) {
        int found = 0;
        for (int q = 0; q < QUERIES; q++) {
            List<SearchResult> page = index.search(queries[q], options);
            List<String> ids = new ArrayList<>();
            for (SearchResult r : page) {
                ids.add(r.id());
            }
            for (int row : truth[q]) {
                if (ids.contains("vec_" + (row + 1))) {
                    found++;
                }
            }
        }
        return found / (double) (QUERIES * K);
    }

    @Test
    void quantizedWithRawAndTheDefaultRerankReachesTheRecallOfTheRawIndex() {
        HnswIndex index = build(StorageMode.QUANTIZED_WITH_RAW, 48);
        double reranked = recall(index, SearchOptions.topK(K));
        double adcOnly = recall(index, SearchOptions.topK(K).rerank(0));
        System.out.printf(Locale.ROOT, "minilm 5k, 48x8 quantized_with_raw: recall@10 %.4f reranked (default), "
                + "%.4f without rerank%n", reranked, adcOnly);
        assertTrue(reranked >= 0.95, "recall@10 with the default rerank " + reranked);
        assertTrue(reranked > adcOnly, "rerank must lift recall: " + reranked + " vs " + adcOnly);
        // rerank scores are raw distances: equal to brute force for the ids returned
        SearchResult top = index.search(base[100], 1).get(0);
        assertEquals("vec_101", top.id());
    }

    @Test
    void quantizedOnlyReconstructsCloselyAndStillFindsNeighbours() {
        HnswIndex index = build(StorageMode.QUANTIZED_ONLY, 48);
        double worst = 1;
        double sum = 0;
        for (int i = 0; i < BASE; i += 50) {
            float[] r = index.getRecords("vec_" + (i + 1)).get(0).vector();
            double cos = 1 - Oracle.distance(Space.COSINE, base[i], r);
            worst = Math.min(worst, cos);
            sum += cos;
        }
        double mean = sum / (BASE / 50);
        double recall = recall(index, SearchOptions.topK(K));
        System.out.printf(Locale.ROOT, "minilm 5k, 48x8 quantized_only: reconstruction cosine mean %.4f worst %.4f; "
                + "recall@10 %.4f%n", mean, worst, recall);
        // 8 bits per 8 components is one bit per component: rate-distortion theory puts the squared
        // error near a quarter of the signal, a cosine near 0.87; measured 0.859 mean, 0.815 worst
        assertTrue(mean >= 0.84, "mean cosine similarity of reconstructions " + mean);
        assertTrue(worst >= 0.75, "worst cosine similarity of a reconstruction " + worst);
        assertTrue(recall >= 0.6, "quantized_only recall@10 " + recall);
    }

    @Test
    void searchesRunWhileTrainingCompletes() throws Exception {
        HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(384).m(16).efConstruction(64)
                .quantization(QuantizationConfig.pq().subvectors(24).bits(8).trainingSize(2000)
                        .storageMode(StorageMode.QUANTIZED_WITH_RAW).build()).build());
        index.add(java.util.Arrays.copyOfRange(base, 0, 1500));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger searches = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int offset = t;
            readers.add(pool.submit(() -> {
                int i = offset;
                while (!done.get()) {
                    List<SearchResult> page = index.search(queries[i++ % QUERIES], 10);
                    if (page.size() != 10) {
                        throw new AssertionError("a search during training returned " + page.size() + " hits");
                    }
                    searches.incrementAndGet();
                }
                return null;
            }));
        }
        index.add(java.util.Arrays.copyOfRange(base, 1500, 3000)); // crosses training_size: trains in this add
        assertTrue(index.isQuantized());
        done.set(true);
        for (Future<?> f : readers) {
            f.get();
        }
        pool.shutdown();
        assertTrue(searches.get() > 0);
        assertEquals(3000, index.size());
    }
}
