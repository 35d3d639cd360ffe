package io.zeusdb.vector.persistence;

import io.zeusdb.vector.quantization.CodeStore;
import io.zeusdb.vector.quantization.PqCodebook;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code pq_codes.bin}: one code per graph node, stranded nodes included (reference 12.7).
 *
 * <pre>
 * prefix   "ZDB-CODE", u32 version 1, u32 flags 0
 * u64      node_count
 * u32      subvectors
 * u32      0
 * node_count x subvectors u8 (each &lt; 2^bits), in node order
 * </pre>
 *
 * <p>Internal: not part of the public API.
 */
final class CodesFile {

    private CodesFile() {}

    static FileDigest write(Path dir, IndexSnapshot s, int width) throws IOException {
        NodeView nodes = s.nodes();
        byte[] code = new byte[width];
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.PQ_CODES)) {
            out.prefix(ZdbLayout.MAGIC_CODES);
            out.u64(s.nodeCount());
            out.u32(width);
            out.u32(0);
            for (int node = 0; node < s.nodeCount(); node++) {
                nodes.code(node, code);
                out.bytes(code, 0, width);
            }
            return out.finish();
        }
    }

    static CodeStore read(Path dir, int nodeCount, PqCodebook book) throws IOException {
        try (BinaryIn in = BinaryIn.open(dir, ZdbLayout.PQ_CODES)) {
            in.prefix(ZdbLayout.MAGIC_CODES);
            in.nodeCount(nodeCount);
            long width = in.u32("subvectors");
            long reserved = in.u32("reserved field");
            if (width != book.subvectors()) {
                throw in.problem("codes are " + width + " bytes wide but the codebook has " + book.subvectors()
                        + " subvectors");
            }
            if (reserved != 0) {
                throw in.problem("the reserved field is " + reserved + " where 0 is required");
            }
            long payload = (long) nodeCount * width;
            if (in.remaining() != payload) {
                throw in.problem("holds " + in.remaining() + " bytes of codes but " + nodeCount + " nodes x " + width
                        + " bytes need exactly " + payload);
            }
            in.requireHeap(payload, nodeCount + " codes of " + width + " bytes");
            CodeStore store = new CodeStore(book);
            store.ensureCapacity(nodeCount);
            byte[] code = new byte[(int) width];
            int limit = book.centroids();
            for (int node = 0; node < nodeCount; node++) {
                in.atNode(node);
                in.bytes(code, "the code");
                for (byte b : code) {
                    if ((b & 0xff) >= limit) {
                        throw in.problem("holds code " + (b & 0xff) + ", but " + book.bits() + " bits allow 0.."
                                + (limit - 1));
                    }
                }
                store.setCode(node, code, 0);
            }
            in.atNode(-1);
            in.expectEnd();
            return store;
        }
    }
}
