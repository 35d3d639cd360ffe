package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Recall against brute force on real sentence embeddings: the first 5,000 base vectors and 200
 * queries of {@code shared/data/minilm-50k} (all-MiniLM-L6-v2, 384-d, cosine), M=16,
 * ef_construction=100. The exact top-10 is computed here in double precision.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecallOnMiniLmTest {

    private static final int BASE = 5_000;
    private static final int QUERIES = 200;
    private static final int K = 10;

    private float[][] base;
    private float[][] queries;
    /** Exact top-10 row numbers per query, ties to the lower row. */
    private int[][] truth;

    @BeforeAll
    void load() throws IOException {
        Path dir = dataDirectory();
        base = readFvecs(dir.resolve("base.fvecs"), BASE);
        queries = readFvecs(dir.resolve("query.fvecs"), QUERIES);
        truth = exactCosineTopK(base, queries, K);
    }

    /** Exact cosine top-{@code k} row numbers per query, in double precision, ties to the lower row. */
    static int[][] exactCosineTopK(float[][] base, float[][] queries, int k) {
        int[][] out = new int[queries.length][];
        double[] norms = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            norms[i] = norm(base[i]);
        }
        for (int q = 0; q < queries.length; q++) {
            double qn = norm(queries[q]);
            double[] dist = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                double dot = 0;
                float[] v = base[i];
                float[] x = queries[q];
                for (int j = 0; j < v.length; j++) {
                    dot += (double) v[j] * x[j];
                }
                dist[i] = 1 - dot / (norms[i] * qn);
            }
            out[q] = topK(dist, k);
        }
        return out;
    }

    /** Finds {@code shared/data/minilm-50k} by walking up from the working directory. */
    static Path dataDirectory() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/minilm-50k");
            if (Files.isRegularFile(candidate.resolve("base.fvecs")) && Files.isRegularFile(candidate.resolve("query.fvecs"))) {
                return candidate;
            }
        }
        fail("The recall data set is missing: no directory shared/data/minilm-50k holding base.fvecs and "
                + "query.fvecs was found in " + start + " or any directory above it. It is expected at "
                + "../shared/data/minilm-50k relative to the repository's parent directory.");
        return null;
    }

    static float[][] readFvecs(Path file, int rows) throws IOException {
        float[][] out = new float[rows][];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < rows; r++) {
                head.clear();
                readFully(ch, head, file);
                int dim = head.getInt(0);
                if (dim != 384) {
                    fail(file + ": row " + r + " declares width " + dim + ", expected 384");
                }
                ByteBuffer body = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, body, file);
                body.flip();
                out[r] = new float[dim];
                body.asFloatBuffer().get(out[r]);
            }
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                fail(file + " ends early");
            }
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static int[] topK(double[] dist, int k) {
        Integer[] order = new Integer[dist.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : Integer.compare(a, b));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private HnswIndex build(Integer insertThreads) {
        IndexConfig.Builder b = IndexConfig.hnsw(384).space(Space.COSINE).m(16).efConstruction(100).expectedSize(BASE);
        if (insertThreads != null) {
            b.insertThreads(insertThreads);
        }
        HnswIndex index = new VectorDatabase().create(b.build());
        AddResult r = index.add(base); // one float[][] batch: generated ids vec_1.. in row order
        assertEquals(BASE, r.totalInserted());
        assertTrue(r.isSuccess(), r.errors().toString());
        assertEquals("vec_1", r.ids().get(0));
        assertEquals("vec_" + BASE, r.ids().get(BASE - 1));
        return index;
    }

    private List<List<SearchResult>> searchAll(HnswIndex index, int ef) {
        List<List<SearchResult>> out = new ArrayList<>();
        for (float[] q : queries) {
            out.add(index.search(q, SearchOptions.topK(K).efSearch(ef)));
        }
        return out;
    }

    private double recall(List<List<SearchResult>> pages) {
        int hits = 0;
        for (int q = 0; q < QUERIES; q++) {
            List<SearchResult> page = pages.get(q);
            assertEquals(K, page.size(), "query " + q + ": page size");
            Oracle.assertWellFormed(page, "query " + q);
            for (int row : truth[q]) {
                if (Oracle.ids(page).contains("vec_" + (row + 1))) {
                    hits++;
                }
            }
        }
        return hits / (double) (QUERIES * K);
    }

    private void assertRecallTargets(HnswIndex index, String build) {
        double r64 = recall(searchAll(index, 64));
        double r256 = recall(searchAll(index, 256));
        String figures = String.format(Locale.ROOT, "%s build: recall@10 %.4f at ef 64, %.4f at ef 256", build, r64, r256);
        System.out.println(figures);
        assertTrue(r64 >= 0.95, figures + " (target 0.95 at ef 64)");
        assertTrue(r256 >= 0.99, figures + " (target 0.99 at ef 256)");
    }

    @Test
    void parallelBuildReachesRecallTargets() {
        HnswIndex index = build(null);
        assertRecallTargets(index, "parallel");
        // scores are the cosine distances of the returned records
        for (int q = 0; q < 20; q++) {
            for (SearchResult r : index.search(queries[q], SearchOptions.topK(K).efSearch(64))) {
                int row = Integer.parseInt(r.id().substring(4)) - 1;
                double d = Oracle.distance(Space.COSINE, queries[q], base[row]);
                assertEquals(d, r.score(), 1e-5, "score of " + r.id());
            }
        }
        // a batch (run in parallel) equals single searches
        SearchOptions opts = SearchOptions.topK(K).efSearch(64);
        List<List<SearchResult>> batch = index.searchBatch(queries, opts);
        assertEquals(QUERIES, batch.size());
        for (int q = 0; q < QUERIES; q++) {
            Oracle.assertSamePage(index.search(queries[q], opts), batch.get(q), "batch query " + q);
        }
    }

    @Test
    void singleThreadBuildReachesRecallTargetsAndIsDeterministic() {
        HnswIndex first = build(1);
        assertRecallTargets(first, "one-thread");
        HnswIndex second = build(1);
        for (int ef : new int[] {64, 256}) {
            List<List<SearchResult>> a = searchAll(first, ef);
            List<List<SearchResult>> b = searchAll(second, ef);
            for (int q = 0; q < QUERIES; q++) {
                // bit-identical: same ids, same float scores, same order
                assertEquals(a.get(q), b.get(q), "ef " + ef + " query " + q + ": two one-thread builds differ");
            }
        }
        assertEquals(first.getStats().get("graph_memory_mb"), second.getStats().get("graph_memory_mb"));
    }
}
