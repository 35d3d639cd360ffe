package io.zeusdb.vector.persistence;

import io.zeusdb.vector.Space;
import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.storage.RecordSlots;
import io.zeusdb.vector.storage.VectorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vectors.bin}: one raw vector per graph node, stranded nodes included, exactly as stored
 * (normalised under cosine, so loading does not normalise again and distances stay bit-identical),
 * reference 12.7.
 *
 * <pre>
 * prefix   "ZDB-VECS", u32 version 1, u32 flags 0
 * u64      node_count
 * u32      dim
 * u32      0
 * node_count x dim f32, from offset 32, in node order
 * </pre>
 *
 * <p>Internal: not part of the public API.
 */
final class VectorsFile {

    private VectorsFile() {}

    static FileDigest write(Path dir, IndexSnapshot s) throws IOException {
        NodeView nodes = s.nodes();
        float[] v = new float[s.dim()];
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.VECTORS)) {
            out.prefix(ZdbLayout.MAGIC_VECTORS);
            out.u64(s.nodeCount());
            out.u32(s.dim());
            out.u32(0);
            for (int node = 0; node < s.nodeCount(); node++) {
                nodes.vector(node, v);
                out.f32s(v, 0, v.length);
            }
            return out.finish();
        }
    }

    /**
     * Whether no value of {@code v[off, off + len)} is NaN or infinite: an exponent of all ones,
     * tested branch-free (the sign bit of {@code exponent + 2^23} is set exactly then) so the loop
     * vectorises; called once per chunk of vectors, so it is compiled early in a fresh JVM.
     */
    static boolean allFinite(float[] v, int off, int len) {
        int flags = 0;
        for (int i = off, end = off + len; i < end; i++) {
            flags |= (Float.floatToRawIntBits(v[i]) & 0x7f80_0000) + 0x0080_0000;
        }
        return flags >= 0;
    }

    static boolean allFinite(float[] v) {
        return allFinite(v, 0, v.length);
    }

    /** What {@link #read(BinaryIn, int, int, Metric, RecordSlots)} read. */
    record Contents(VectorStore store, int nodeCount) {}

    /** Reads vectors.bin, which must hold {@code nodeCount} vectors of {@code dim} floats. */
    static VectorStore read(Path dir, int nodeCount, int dim, Space space, RecordSlots slots) throws IOException {
        try (BinaryIn in = BinaryIn.open(dir, ZdbLayout.VECTORS)) {
            return read(in, nodeCount, dim, Metric.valueOf(space.name()), slots).store();
        }
    }

    /**
     * Reads every node's vector into a new store after checking the header against the other
     * files and the payload length against the file, so the store is allocated only for a file
     * that backs it; every value must be finite. The payload goes straight into the store's chunk
     * arrays, one bulk copy per chunk, instead of a copy and a check per vector.
     *
     * @param nodeCount the node count of mappings.bin, or -1 to take the file's own (bounded by its
     *                  length): the read-ahead of {@link ZdbReader} runs before mappings.bin is read
     * @param dim       the configuration's dim, or -1 to take the file's own (1..65536)
     * @param slots     names the records of non-finite vectors in the message; null names nodes
     */
    static Contents read(BinaryIn in, int nodeCount, int dim, Metric metric, RecordSlots slots) throws IOException {
        in.prefix(ZdbLayout.MAGIC_VECTORS);
        int n = in.nodeCount(nodeCount);
        long fileDim = in.u32("dim");
        if (dim >= 0 && fileDim != dim) {
            throw in.problem("dim is " + fileDim + " but config.json says " + dim);
        }
        if (fileDim < 1 || fileDim > 65_536) {
            throw in.problem("dim is " + fileDim + "; it must be 1..65536");
        }
        long reserved = in.u32("reserved");
        if (reserved != 0) {
            throw in.problem("the reserved field after dim is " + reserved + " where 0 is required");
        }
        int d = (int) fileDim;
        long payload = (long) n * d * Float.BYTES;
        if (in.remaining() != payload) {
            throw in.problem("holds " + in.remaining() + " bytes of vectors but " + n + " nodes x "
                    + d + " floats need exactly " + payload);
        }
        in.requireHeap(payload, n + " vectors of " + d + " floats");
        VectorStore store = new VectorStore(d, metric, Kernels.best());
        store.ensureCapacity(n);
        int perChunk = store.nodesPerChunk();
        List<String> bad = new ArrayList<>();
        int badCount = 0;
        for (int first = 0; first < n; first += perChunk) {
            int count = Math.min(perChunk, n - first);
            float[] chunk = store.chunkOf(first);
            in.f32s(chunk, 0, count * d, "the vectors");
            if (!allFinite(chunk, 0, count * d)) {
                for (int i = 0; i < count; i++) {
                    if (!allFinite(chunk, i * d, d)) {
                        if (bad.size() < 5) {
                            int node = first + i;
                            String id = slots == null ? null : slots.id(node);
                            bad.add(slots == null ? "node " + node
                                    : id == null ? "node " + node + " (removed)" : "'" + id + "'");
                        }
                        badCount++;
                    }
                }
            }
        }
        if (badCount > 0) {
            throw in.problem(badCount + " vector(s) hold a non-finite value (NaN or infinity), e.g. "
                    + String.join(", ", bad));
        }
        in.expectEnd();
        return new Contents(store, n);
    }
}
