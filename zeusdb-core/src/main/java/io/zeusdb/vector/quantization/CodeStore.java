package io.zeusdb.vector.quantization;

import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.distance.NodeScorer;
import io.zeusdb.vector.distance.NodeSpace;
import io.zeusdb.vector.storage.ChunkShape;

/**
 * Product-quantization codes by node number: one byte per sub-space, in fixed-size chunks of one
 * flat {@code byte[]} each (the same growth and publication rules as the raw vector store: a
 * chunk is allocated by the single writer before any node in it is published).
 *
 * <p>As a {@link NodeSpace} it scores a query against codes by ADC (one lookup table per query)
 * and two stored codes against each other by SDC (the codebook's centroid-pair table); under
 * cosine, SDC turns squared distances between reconstructions into {@code 1 - dot} with each
 * reconstruction's squared norm, kept per node, so both quantities rank alike.
 *
 * <p>Internal: not part of the public API.
 */
public final class CodeStore implements NodeSpace {

    private final PqCodebook codebook;
    private final int width;
    private final int centroids;
    private final ChunkShape shape;
    /** The shape's fields, read on every distance computation. */
    private final int shift;
    private final int mask;
    private final boolean cosine;
    private volatile byte[][] chunks = new byte[0][];
    /** Squared norms of the reconstructions (cosine only), chunked like the codes. */
    private volatile float[][] norms = new float[0][];

    /** An empty store for codes of {@code codebook}. */
    public CodeStore(PqCodebook codebook) {
        this.codebook = codebook;
        this.width = codebook.subvectors();
        this.centroids = codebook.centroids();
        this.shape = ChunkShape.forNodeBytes(width);
        this.shift = shape.shift();
        this.mask = shape.mask();
        this.cosine = codebook.metric() == Metric.COSINE || codebook.metric() == Metric.DOT;
    }

    public PqCodebook codebook() {
        return codebook;
    }

    /** Bytes per code (= sub-spaces). */
    public int width() {
        return width;
    }

    /** Nodes the allocated chunks can hold. */
    public int capacity() {
        return shape.capacity(chunks.length);
    }

    /** Allocates chunks until {@code nodes} fit. Writer only. */
    public void ensureCapacity(int nodes) {
        byte[][] cur = chunks;
        int needed = shape.chunksFor(nodes);
        if (needed <= cur.length) {
            return;
        }
        byte[][] next = java.util.Arrays.copyOf(cur, needed);
        float[][] nextNorms = cosine ? java.util.Arrays.copyOf(norms, needed) : norms;
        for (int i = cur.length; i < needed; i++) {
            next[i] = new byte[shape.nodesPerChunk() * width];
            if (cosine) {
                nextNorms[i] = new float[shape.nodesPerChunk()];
            }
        }
        norms = nextNorms;
        chunks = next;
    }

    /** Drops chunks beyond those needed for {@code nodes}; returns the bytes released. */
    public long trimTo(int nodes) {
        long before = bytes();
        int needed = shape.chunksFor(nodes);
        if (needed >= chunks.length) {
            return 0;
        }
        chunks = java.util.Arrays.copyOf(chunks, needed);
        if (cosine) {
            norms = java.util.Arrays.copyOf(norms, needed);
        }
        return before - bytes();
    }

    /** Bytes held by the allocated chunks (codes, and norms under cosine). */
    public long bytes() {
        long perNode = width + (cosine ? Float.BYTES : 0);
        return (long) chunks.length * shape.nodesPerChunk() * perNode;
    }

    /** Encodes {@code v} into node {@code node}'s slot. Writer only. */
    public void encode(int node, float[] v) {
        byte[] chunk = chunks[node >>> shift];
        int off = (node & mask) * width;
        codebook.encode(v, 0, chunk, off);
        setNorm(node, chunk, off);
    }

    /** Stores a ready code ({@code code[off..off+width)}) for node {@code node}. Writer only. */
    public void setCode(int node, byte[] code, int off) {
        byte[] chunk = chunks[node >>> shift];
        int dst = (node & mask) * width;
        System.arraycopy(code, off, chunk, dst, width);
        setNorm(node, chunk, dst);
    }

    private void setNorm(int node, byte[] chunk, int off) {
        if (cosine) {
            norms[node >>> shift][node & mask] = codebook.reconstructedNormSquared(chunk, off);
        }
    }

    /** Copies node {@code node}'s code into {@code dst[off..off+width)}. */
    public void copyCode(int node, byte[] dst, int off) {
        System.arraycopy(chunks[node >>> shift], (node & mask) * width, dst, off, width);
    }

    /** The reconstruction of node {@code node}'s code. */
    public float[] decode(int node) {
        float[] out = new float[codebook.dim()];
        codebook.decode(chunks[node >>> shift], (node & mask) * width, out);
        return out;
    }

    @Override
    public NodeScorer scorer(float[] query) {
        return new AdcScorer(codebook.adcTable(query));
    }

    @Override
    public NodeScorer scorerOf(int node) {
        return other -> distanceBetween(node, other);
    }

    @Override
    public float distanceBetween(int a, int b) {
        byte[][] c = chunks;
        float sum = codebook.sdcSum(c[a >>> shift], (a & mask) * width, c[b >>> shift], (b & mask) * width);
        if (!cosine) {
            return sum;
        }
        float[][] n = norms;
        // |a - b|^2 = |a|^2 + |b|^2 - 2 a.b, so 1 - a.b follows from the squared distance
        return 1f - 0.5f * (n[a >>> shift][a & mask] + n[b >>> shift][b & mask] - sum);
    }

    /** ADC: the sum of one table entry per sub-space. */
    private final class AdcScorer implements NodeScorer {
        private final float[] table;

        AdcScorer(float[] table) {
            this.table = table;
        }

        @Override
        public float distance(int node) {
            byte[] chunk = chunks[node >>> shift];
            int off = (node & mask) * width;
            float[] t = table;
            float sum = 0;
            int base = 0;
            for (int s = 0; s < width; s++, base += centroids) {
                sum += t[base + (chunk[off + s] & 0xff)];
            }
            return codebook.adcDistance(sum);
        }

        @Override
        public void distances(int[] nodes, int count, float[] out) {
            byte[][] c = chunks;
            float[] t = table;
            int i = 0;
            // four codes per pass: four independent sums keep the lookups overlapped
            for (; i <= count - 4; i += 4) {
                int n0 = nodes[i];
                int n1 = nodes[i + 1];
                int n2 = nodes[i + 2];
                int n3 = nodes[i + 3];
                byte[] c0 = c[n0 >>> shift];
                byte[] c1 = c[n1 >>> shift];
                byte[] c2 = c[n2 >>> shift];
                byte[] c3 = c[n3 >>> shift];
                int o0 = (n0 & mask) * width;
                int o1 = (n1 & mask) * width;
                int o2 = (n2 & mask) * width;
                int o3 = (n3 & mask) * width;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                int base = 0;
                for (int s = 0; s < width; s++, base += centroids) {
                    s0 += t[base + (c0[o0 + s] & 0xff)];
                    s1 += t[base + (c1[o1 + s] & 0xff)];
                    s2 += t[base + (c2[o2 + s] & 0xff)];
                    s3 += t[base + (c3[o3 + s] & 0xff)];
                }
                out[i] = codebook.adcDistance(s0);
                out[i + 1] = codebook.adcDistance(s1);
                out[i + 2] = codebook.adcDistance(s2);
                out[i + 3] = codebook.adcDistance(s3);
            }
            for (; i < count; i++) {
                out[i] = distance(nodes[i]);
            }
        }
    }
}
