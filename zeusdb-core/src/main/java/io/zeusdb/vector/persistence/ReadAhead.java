package io.zeusdb.vector.persistence;

import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.graph.HnswGraph;
import io.zeusdb.vector.storage.VectorStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads {@code vectors.bin} and the graph (together most of a typical index's bytes) on a second
 * thread, and parses {@code metadata.json} on a third, while the loading thread reads the
 * manifest, configuration and mappings; each file's CRC32C is computed from the same reads that
 * decode it, so those files are read once. (The metadata has a thread of its own because, rich
 * or not, it is per-record work that would otherwise follow the mappings on the loading thread.)
 * Each file is read only once the manifest is read and only if it has the length the manifest
 * records, see {@link #vouched}.
 *
 * <p>Why this keeps the loader's guarantees: nothing read here is used unless the file's length
 * and CRC32C equal the manifest's record and its counts equal mappings.bin's and config.json's;
 * until then it is a provisional structure, bounded by the length the manifest records. Any
 * mismatch or failure makes {@link #vectors}, {@link #graph} or {@link #metadata} throw, and {@link ZdbReader} then
 * discards everything and loads again the sequential way (every digest before any parse, files in
 * a fixed order), which produces exactly the error it always produced. So the first failing file
 * is named deterministically and a damaged file is never accepted.
 *
 * <p>Internal: not part of the public API.
 */
final class ReadAhead {

    /**
     * Pooled daemon threads (loads read ahead on them, saves write vectors.bin on them): a thread's 1 MiB direct buffer ({@link DirectBuffers}) is reused by
     * the next load instead of allocated again (direct memory is freed only by a GC).
     */
    static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new java.util.concurrent.ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "zdb-io-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

    /** What the graph needs from config.json, handed over once the loading thread has read it. */
    private record GraphInputs(IndexConfig config, boolean codes) {}

    private final Path dir;
    private final boolean readGraph;
    private final CompletableFuture<GraphInputs> graphInputs = new CompletableFuture<>();
    private final CountDownLatch vectorsDone = new CountDownLatch(1);
    private final CountDownLatch graphDone = new CountDownLatch(1);
    private final CountDownLatch metadataDone = new CountDownLatch(1);
    /** The manifest, once the loading thread has read it; null when the load ended first. */
    private final CompletableFuture<ZdbManifest> manifest = new CompletableFuture<>();
    private volatile boolean cancelled;

    private VectorsFile.Contents vectors;
    private FileDigest vectorsDigest;
    private Throwable vectorsFailure;
    private GraphFile.Contents graph;
    private FileDigest graphDigest;
    private IndexConfig graphConfig;
    private boolean graphCodes;
    private Throwable graphFailure;
    private MetadataFile.Records metadata;
    private FileDigest metadataDigest;
    private Throwable metadataFailure;

    private ReadAhead(Path dir, boolean readGraph) {
        this.dir = dir;
        this.readGraph = readGraph;
    }

    /**
     * Starts reading {@code dir}'s vectors and (unless {@code readGraph} is false) graph, or
     * returns null when this JVM has a single processor (nothing would run side by side).
     */
    static ReadAhead start(Path dir, boolean readGraph) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return null;
        }
        ReadAhead ahead = new ReadAhead(dir, readGraph);
        POOL.execute(ahead::run);
        POOL.execute(ahead::runMetadata);
        return ahead;
    }

    private void run() {
        try {
            readVectors();
        } finally {
            vectorsDone.countDown();
        }
        try {
            if (readGraph) {
                readGraph();
            }
        } finally {
            graphDone.countDown();
        }
    }

    private void runMetadata() {
        try {
            if (vouched(ZdbLayout.METADATA)) {
                try (BinaryIn in = BinaryIn.openDigesting(dir, ZdbLayout.METADATA)) {
                    MetadataFile.Records r = MetadataFile.parse(in, -1);
                    metadataDigest = in.digest();
                    metadata = r;
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    metadataFailure = e;
                }
            }
        } finally {
            metadataDone.countDown();
        }
    }

    /**
     * Whether {@code name} may be read ahead: waits for the manifest, then requires a regular file
     * of exactly the length the manifest records. Decoding allocates in proportion to a file's
     * length (JSON several times over), so a file of another length (replaced, or grown to
     * exhaust the heap) is left to the sequential path, which refuses it by its length before
     * reading it. A file of the recorded length is decoded before its CRC is compared; what it
     * built is used only if the CRC matches.
     */
    private boolean vouched(String name) {
        ZdbManifest m;
        try {
            m = manifest.get();
        } catch (InterruptedException | ExecutionException e) {
            return false;
        }
        if (m == null || cancelled || !present(name)) {
            return false;
        }
        FileDigest recorded = m.fileDigests().get(name);
        try {
            return recorded != null && Files.size(dir.resolve(name)) == recorded.bytes();
        } catch (IOException e) {
            return false;
        }
    }

    /** Hands the manifest to the reads waiting for it. */
    void manifestRead(ZdbManifest m) {
        manifest.complete(m);
    }

    /** Only regular files: a FIFO or device named like an artefact must not block or stream forever. */
    private boolean present(String name) {
        return Files.isRegularFile(dir.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    private void readVectors() {
        Kernels.best(); // the JDK's Vector API set-up (~0.1 s in a fresh JVM) overlaps the manifest read
        if (!vouched(ZdbLayout.VECTORS)) {
            return;
        }
        // the metric is unknown until config.json is read; withMetric sets it without copying
        try (BinaryIn in = BinaryIn.openDigesting(dir, ZdbLayout.VECTORS)) {
            VectorsFile.Contents c = VectorsFile.read(in, -1, -1, Metric.L2, null);
            vectorsDigest = in.digest();
            vectors = c;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            vectorsFailure = e;
        }
    }

    private void readGraph() {
        GraphInputs inputs;
        try {
            inputs = graphInputs.get();
        } catch (InterruptedException | ExecutionException e) {
            return;
        }
        if (inputs == null || !vouched(ZdbLayout.GRAPH)) {
            return;
        }
        try (BinaryIn in = BinaryIn.openDigesting(dir, ZdbLayout.GRAPH)) {
            GraphFile.Contents c = GraphFile.read(in, -1, inputs.config(), inputs.codes());
            graphDigest = in.digest();
            graphConfig = inputs.config();
            graphCodes = inputs.codes();
            graph = c;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            graphFailure = e;
        }
    }

    /**
     * Hands config.json's configuration to the graph read; {@code codes} is whether the graph
     * should run on PQ codes as the manifest and quantization.json describe it.
     */
    void configRead(IndexConfig config, boolean codes) {
        graphInputs.complete(new GraphInputs(config, codes));
    }

    /**
     * The vectors, once read and found to be exactly what the manifest, mappings.bin and
     * config.json describe; otherwise a {@link ZdbFormatException} (whose text is never shown: the
     * caller loads again sequentially).
     */
    VectorStore vectors(int nodeCount, int dim, Metric metric, FileDigest recorded) throws IOException {
        await(vectorsDone);
        VectorsFile.Contents c = vectors;
        if (c == null || recorded == null || !recorded.equals(vectorsDigest) || c.nodeCount() != nodeCount || c.store().dim() != dim) {
            throw mismatch(ZdbLayout.VECTORS, vectorsFailure);
        }
        vectors = null;
        return c.store().withMetric(metric);
    }

    /** The graph, on the same terms as {@link #vectors}. */
    HnswGraph graph(int nodeCount, IndexConfig config, boolean codes, FileDigest recorded) throws IOException {
        await(graphDone);
        GraphFile.Contents c = graph;
        if (c == null || recorded == null || !recorded.equals(graphDigest) || c.nodeCount() != nodeCount || graphConfig != config
                || graphCodes != codes) {
            throw mismatch(ZdbLayout.GRAPH, graphFailure);
        }
        graph = null;
        return c.graph();
    }

    /** metadata.json's records, on the same terms as {@link #vectors}. */
    MetadataFile.Records metadata(FileDigest recorded) throws IOException {
        await(metadataDone);
        MetadataFile.Records r = metadata;
        if (r == null || recorded == null || !recorded.equals(metadataDigest)) {
            throw mismatch(ZdbLayout.METADATA, metadataFailure);
        }
        metadata = null;
        return r;
    }

    private static ZdbFormatException mismatch(String file, Throwable failure) {
        if (failure instanceof Error error) {
            throw error; // out of memory: loading again would only fail again
        }
        ZdbFormatException e = new ZdbFormatException(file, "was not read ahead as the manifest describes it");
        if (failure != null) {
            e.initCause(failure);
        }
        return e;
    }

    /**
     * Stops what has not started, waits for what has (so a second read never runs beside it,
     * which would double the memory), and drops what was read.
     */
    void cancel() {
        cancelled = true;
        graphInputs.complete(null);
        manifest.complete(null);
        boolean interrupted = false;
        while (true) {
            try {
                vectorsDone.await();
                graphDone.await();
                metadataDone.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        vectors = null;
        graph = null;
        metadata = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedIOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while loading an index");
        }
    }
}
