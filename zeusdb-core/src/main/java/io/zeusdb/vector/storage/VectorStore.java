package io.zeusdb.vector.storage;

import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.distance.NodeScorer;
import io.zeusdb.vector.distance.NodeSpace;
import io.zeusdb.vector.distance.VectorKernels;

/**
 * Raw float vectors by node number, in fixed-size chunks of one flat {@code float[]} each.
 *
 * <p>Chunks (at most 256 KiB each) avoid copying every vector when the store grows and keep
 * each array far below the 2^31 element limit. A chunk is allocated by the single writer before
 * any node in it is published; readers read the chunk directory through a volatile field, so a
 * reader that learned a node number from a published structure always finds its chunk.
 *
 * <p>Internal: not part of the public API.
 */
public final class VectorStore implements NodeSpace {

    private final int dim;
    private final ChunkShape shape;
    /** The shape's fields, read on every distance computation. */
    private final int shift;
    private final int mask;
    private final Metric metric;
    private final VectorKernels kernels;
    private volatile float[][] chunks = new float[0][];

    /**
     * @param dim     floats per vector
     * @param metric  the space distances are computed in
     * @param kernels the SIMD or scalar kernels
     */
    public VectorStore(int dim, Metric metric, VectorKernels kernels) {
        this.dim = dim;
        this.shape = ChunkShape.forNodeBytes(dim * Float.BYTES);
        this.shift = shape.shift();
        this.mask = shape.mask();
        this.metric = metric;
        this.kernels = kernels;
    }

    /**
     * The same vectors, shared and not copied, measured in {@code metric}: a load reads
     * vectors.bin before it has read which space the index uses. The writer moves to the new
     * store; this one is not used again.
     */
    public VectorStore withMetric(Metric metric) {
        VectorStore other = new VectorStore(dim, metric, kernels);
        other.chunks = chunks;
        return other;
    }

    /** Floats per vector. */
    public int dim() {
        return dim;
    }

    /** The metric distances are computed in. */
    public Metric metric() {
        return metric;
    }

    /** Nodes the allocated chunks can hold. */
    public int capacity() {
        return shape.capacity(chunks.length);
    }

    /** Allocates chunks until {@code nodes} fit. Writer only. */
    public void ensureCapacity(int nodes) {
        float[][] cur = chunks;
        int needed = shape.chunksFor(nodes);
        if (needed <= cur.length) {
            return;
        }
        float[][] next = java.util.Arrays.copyOf(cur, needed);
        for (int i = cur.length; i < needed; i++) {
            next[i] = new float[shape.nodesPerChunk() * dim];
        }
        chunks = next;
    }

    /** Drops chunks beyond those needed for {@code nodes}; returns the bytes released. */
    public long trimTo(int nodes) {
        float[][] cur = chunks;
        int needed = shape.chunksFor(nodes);
        if (needed >= cur.length) {
            return 0;
        }
        chunks = java.util.Arrays.copyOf(cur, needed);
        return (long) (cur.length - needed) * shape.nodesPerChunk() * dim * Float.BYTES;
    }

    /** Bytes held by the allocated chunks. */
    public long bytes() {
        return (long) chunks.length * shape.nodesPerChunk() * dim * Float.BYTES;
    }

    /** Consecutive nodes whose vectors lie back to back in one array (a power of two). */
    public int nodesPerChunk() {
        return shape.nodesPerChunk();
    }

    /**
     * The array holding node {@code node}'s vector, at {@code (node % nodesPerChunk()) * dim}, for
     * filling many vectors with one bulk copy (loading a saved index). Writer only, before the
     * nodes are published.
     */
    public float[] chunkOf(int node) {
        return chunks[node >>> shift];
    }

    /** Copies {@code v} (length {@code dim}) into node {@code node}'s slot. Writer only. */
    public void set(int node, float[] v) {
        System.arraycopy(v, 0, chunks[node >>> shift], (node & mask) * dim, dim);
    }

    /** A copy of node {@code node}'s vector. */
    public float[] get(int node) {
        float[] out = new float[dim];
        System.arraycopy(chunks[node >>> shift], (node & mask) * dim, out, 0, dim);
        return out;
    }

    /** Copies node {@code node}'s vector into {@code dst} (length {@code dim}), without allocating. */
    public void copyTo(int node, float[] dst) {
        System.arraycopy(chunks[node >>> shift], (node & mask) * dim, dst, 0, dim);
    }

    /** Internal distance from {@code query} to node {@code node}. */
    public float distance(float[] query, int node) {
        return metric.distance(kernels, query, 0, chunks[node >>> shift], (node & mask) * dim, dim);
    }

    @Override
    public NodeScorer scorer(float[] query) {
        return new QueryScorer(query, 0);
    }

    @Override
    public NodeScorer scorerOf(int node) {
        return new QueryScorer(chunks[node >>> shift], (node & mask) * dim);
    }

    @Override
    public float distanceBetween(int a, int b) {
        float[][] c = chunks;
        return metric.distance(kernels, c[a >>> shift], (a & mask) * dim, c[b >>> shift], (b & mask) * dim, dim);
    }

    /**
     * Distances from one fixed slice. The chunk directory is re-read on every call (a plain load
     * on x86) so that nodes published after the scorer was made are found too.
     */
    private final class QueryScorer implements NodeScorer {
        private final float[] q;
        private final int qOff;

        QueryScorer(float[] q, int qOff) {
            this.q = q;
            this.qOff = qOff;
        }

        @Override
        public float distance(int node) {
            return metric.distance(kernels, q, qOff, chunks[node >>> shift], (node & mask) * dim, dim);
        }

        @Override
        public void distances(int[] nodes, int count, float[] out) {
            float[][] c = chunks;
            int i = 0;
            for (; i <= count - 4; i += 4) {
                int n0 = nodes[i];
                int n1 = nodes[i + 1];
                int n2 = nodes[i + 2];
                int n3 = nodes[i + 3];
                metric.distance4(kernels, q, qOff, c[n0 >>> shift], (n0 & mask) * dim, c[n1 >>> shift],
                        (n1 & mask) * dim, c[n2 >>> shift], (n2 & mask) * dim, c[n3 >>> shift], (n3 & mask) * dim,
                        dim, out, i);
            }
            int rest = count - i;
            if (rest == 1) {
                int n = nodes[i];
                out[i] = metric.distance(kernels, q, qOff, c[n >>> shift], (n & mask) * dim, dim);
            } else if (rest > 1) {
                // two or three left: one four-wide pass with the last node repeated (already in
                // cache) beats separate single passes; the spare results are discarded
                int n0 = nodes[i];
                int n1 = nodes[i + 1];
                int n2 = nodes[rest > 2 ? i + 2 : i + 1];
                float[] tail = tailScratch;
                metric.distance4(kernels, q, qOff, c[n0 >>> shift], (n0 & mask) * dim, c[n1 >>> shift],
                        (n1 & mask) * dim, c[n2 >>> shift], (n2 & mask) * dim, c[n2 >>> shift], (n2 & mask) * dim,
                        dim, tail, 0);
                System.arraycopy(tail, 0, out, i, rest);
            }
        }

        private final float[] tailScratch = new float[4];
    }
}
