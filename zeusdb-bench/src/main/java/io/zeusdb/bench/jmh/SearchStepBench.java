package io.zeusdb.bench.jmh;

import io.zeusdb.bench.Dataset;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.SearchResult;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.VectorDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One top-10 search on a prebuilt small ZeusDB index (10,000 vectors of minilm-50k when the data
 * is found above the working folder, else random unit vectors), through the public API, cycling
 * through the data set's queries so no single query's path stays hot in cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SearchStepBench {

    /** Search width. */
    @Param({"64"})
    public int ef;

    private HnswIndex index;
    private float[][] queries;
    private SearchOptions options;
    private int next;

    /** Builds the index once per fork. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
        int n = 10_000;
        float[][] base;
        Path shared = Dataset.findSharedData(Path.of(""));
        Path dir = shared == null ? null : shared.resolve("minilm-50k");
        if (dir != null && Files.isRegularFile(dir.resolve("base.fvecs"))) {
            Dataset ds = new Dataset(dir);
            base = ds.base(n);
            queries = ds.queries(1000);
        } else {
            base = random(n, 384, 1);
            queries = random(1000, 384, 2);
        }
        index = new VectorDatabase().create(IndexConfig.hnsw(base[0].length).space(Space.COSINE).m(16)
                .efConstruction(100).expectedSize(n).build());
        index.add(java.util.Map.of("vectors", base));
        options = SearchOptions.topK(10).efSearch(ef);
    }

    private static float[][] random(int n, int dim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] out = new float[n][dim];
        for (float[] v : out) {
            double norm = 0;
            for (int i = 0; i < dim; i++) {
                v[i] = (float) rnd.nextDouble(-1, 1);
                norm += v[i] * v[i];
            }
            for (int i = 0; i < dim; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
        }
        return out;
    }

    /** One search. */
    @Benchmark
    public List<SearchResult> search() {
        float[] q = queries[next];
        next = next + 1 == queries.length ? 0 : next + 1;
        return index.search(q, options);
    }
}
