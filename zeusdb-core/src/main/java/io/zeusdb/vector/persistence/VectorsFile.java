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
     * Reads every node's vector into a new store after checking the header against the other
     * files and the payload length against the file, so the store is allocated only for a file
     * that backs it; every value must be finite.
     */
    /**
     * Whether no value is NaN or infinite: an exponent of all ones, tested branch-free (the sign bit
     * of {@code exponent + 2^23} is set exactly then) so the loop over 20 million floats vectorises.
     */
    static boolean allFinite(float[] v) {
        int flags = 0;
        for (float x : v) {
            flags |= (Float.floatToRawIntBits(x) & 0x7f80_0000) + 0x0080_0000;
        }
        return flags >= 0;
    }

    static VectorStore read(Path dir, int nodeCount, int dim, Space space, RecordSlots slots) throws IOException {
        try (BinaryIn in = BinaryIn.open(dir, ZdbLayout.VECTORS)) {
            in.prefix(ZdbLayout.MAGIC_VECTORS);
            in.nodeCount(nodeCount);
            long fileDim = in.u32("dim");
            if (fileDim != dim) {
                throw in.problem("dim is " + fileDim + " but config.json says " + dim);
            }
            long reserved = in.u32("reserved");
            if (reserved != 0) {
                throw in.problem("the reserved field after dim is " + reserved + " where 0 is required");
            }
            long payload = (long) nodeCount * dim * Float.BYTES;
            if (in.remaining() != payload) {
                throw in.problem("holds " + in.remaining() + " bytes of vectors but " + nodeCount + " nodes x "
                        + dim + " floats need exactly " + payload);
            }
            VectorStore store = new VectorStore(dim, Metric.valueOf(space.name()), Kernels.best());
            store.ensureCapacity(nodeCount);
            float[] v = new float[dim];
            List<String> bad = new ArrayList<>();
            int badCount = 0;
            for (int node = 0; node < nodeCount; node++) {
                in.atNode(node);
                in.f32s(v, 0, dim, "the vector");
                if (!allFinite(v)) {
                    if (bad.size() < 5) {
                        String id = slots.id(node);
                        bad.add(id == null ? "node " + node + " (removed)" : "'" + id + "'");
                    }
                    badCount++;
                }
                store.set(node, v);
            }
            in.atNode(-1);
            if (badCount > 0) {
                throw in.problem(badCount + " vector(s) hold a non-finite value (NaN or infinity), e.g. "
                        + String.join(", ", bad));
            }
            in.expectEnd();
            return store;
        }
    }
}
