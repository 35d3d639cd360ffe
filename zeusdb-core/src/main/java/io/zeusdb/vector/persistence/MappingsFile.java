package io.zeusdb.vector.persistence;

import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.storage.GeneratedIds;
import io.zeusdb.vector.storage.IdTable;
import io.zeusdb.vector.storage.RecordSlots;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code mappings.bin}: which record each graph node holds (reference 12.7).
 *
 * <pre>
 * prefix   "ZDB-MAPS", u32 version 1, u32 flags 0
 * u64      node_count
 * u64      id_counter
 * per node, in node order:
 *   u64    internal id (strictly increasing, 1..id_counter)
 *   u8     flags (bit 0 = removed; other bits 0)
 *   live:  u32 byte length, then the external id in UTF-8
 * </pre>
 *
 * <p>Internal: not part of the public API.
 */
final class MappingsFile {

    /** Bytes every node takes at least: internal id and flags. */
    private static final int MIN_NODE_BYTES = 9;
    private static final int FLAG_REMOVED = 1;
    /** Heap a node's id structures take at least: slot arrays (16 bytes) and id table (up to ~21). */
    private static final long HEAP_BYTES_PER_NODE = 40;
    /** The largest node count the in-memory index can address. */
    static final int MAX_NODES = Integer.MAX_VALUE - 16;

    /**
     * What {@code mappings.bin} holds, already installed in the index's structures.
     *
     * @param nodeCount graph nodes
     * @param liveCount nodes holding a live record
     * @param idCounter the id counter the file declares
     * @param slots     ids and internal ids per node (metadata still unset)
     * @param nodeOf    external id to node
     * @param generatedFloor the highest {@code N} of a live id {@code vec_N}, or -1 (the generated-id
     *                  counter is raised to it)
     */
    record Contents(int nodeCount, int liveCount, long idCounter, RecordSlots slots, IdTable nodeOf,
                    long generatedFloor) {}

    private MappingsFile() {}

    static FileDigest write(Path dir, IndexSnapshot s) throws IOException {
        NodeView nodes = s.nodes();
        CharsetEncoder strict = StandardCharsets.UTF_8.newEncoder();
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.MAPPINGS)) {
            out.prefix(ZdbLayout.MAGIC_MAPPINGS);
            out.u64(s.nodeCount());
            out.u64(s.idCounter());
            for (int node = 0; node < s.nodeCount(); node++) {
                out.u64(nodes.internalId(node));
                String id = nodes.externalId(node);
                if (id == null) {
                    out.u8(FLAG_REMOVED);
                    continue;
                }
                out.u8(0);
                byte[] utf8 = utf8(strict, id);
                out.u32(utf8.length);
                out.bytes(utf8, 0, utf8.length);
            }
            return out.finish();
        }
    }

    /** UTF-8 bytes of an id; an id holding an unpaired surrogate cannot be written and fails the save. */
    private static byte[] utf8(CharsetEncoder strict, String id) throws IOException {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isSurrogate(id.charAt(i))) {
                try {
                    ByteBuffer b = strict.reset().encode(CharBuffer.wrap(id));
                    byte[] out = new byte[b.remaining()];
                    b.get(out);
                    return out;
                } catch (CharacterCodingException e) {
                    throw new IOException("a record id holds an unpaired UTF-16 surrogate, which UTF-8 cannot "
                            + "represent, so the index cannot be saved; remove that record or re-add it under a "
                            + "valid id (the id, escaped: " + escaped(id) + ")", e);
                }
            }
        }
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    /** An id with every non-ASCII or control character as a \\uXXXX escape, for messages. */
    private static String escaped(String id) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(id.length(), 200); i++) {
            char c = id.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    static Contents read(Path dir) throws IOException {
        try (BinaryIn in = BinaryIn.open(dir, ZdbLayout.MAPPINGS)) {
            in.prefix(ZdbLayout.MAGIC_MAPPINGS);
            long nodeCount = in.u64("node_count");
            long idCounter = in.u64("id_counter");
            if (idCounter < 0 || idCounter > ConfigFile.MAX_ID_COUNTER) {
                throw in.problem("id_counter is " + Long.toUnsignedString(idCounter) + ", outside 0.."
                        + ConfigFile.MAX_ID_COUNTER);
            }
            in.requireBacked("node_count", nodeCount, MIN_NODE_BYTES);
            if (nodeCount > MAX_NODES) {
                throw in.problem("node_count is " + nodeCount + ", more than an index can hold (" + MAX_NODES + ")");
            }
            int n = (int) nodeCount;
            // per node the id table and the slots take ~40 bytes before any id, over 4x its bytes here
            in.requireHeap(nodeCount * HEAP_BYTES_PER_NODE, nodeCount + " nodes (their ids and slots)");
            NodeDecoder decoder = new NodeDecoder(in, n, idCounter);
            for (int node = 0; node < n; node++) {
                decoder.node(node); // a method of its own so the JIT compiles it early in a fresh JVM
            }
            in.atNode(-1);
            in.expectEnd();
            return new Contents(n, decoder.live, idCounter, decoder.slots, decoder.nodeOf, decoder.generatedFloor);
        }
    }

    /** Decodes one node after another into the index's id structures. */
    private static final class NodeDecoder {
        private final BinaryIn in;
        private final long idCounter;
        private final RecordSlots slots = new RecordSlots();
        private final IdTable nodeOf;
        private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
        private long previous;
        private int live;
        private long generatedFloor = -1;

        NodeDecoder(BinaryIn in, int nodeCount, long idCounter) {
            this.in = in;
            this.idCounter = idCounter;
            this.nodeOf = new IdTable(nodeCount);
            slots.ensureCapacity(nodeCount);
        }

        void node(int node) throws IOException {
            in.atNode(node);
            long internalId = in.u64("the internal id");
            if (internalId <= previous || internalId > idCounter) {
                throw in.problem("node " + node + " has internal id " + Long.toUnsignedString(internalId)
                        + "; internal ids must increase strictly from 1 in node order and stay at most "
                        + "id_counter " + idCounter + " (previous: " + previous + ")");
            }
            previous = internalId;
            int flags = in.u8("the flags");
            if ((flags & ~FLAG_REMOVED) != 0) {
                throw in.problem("node " + node + " has flags " + flags + "; only bit 0 (removed) may be set");
            }
            if ((flags & FLAG_REMOVED) != 0) {
                slots.set(node, null, null, internalId);
                return;
            }
            long length = in.u32("the id length");
            in.requireBacked("the id length", length, 1);
            byte[] utf8 = new byte[(int) length];
            in.bytes(utf8, "the id");
            String id;
            if (isAscii(utf8)) {
                id = new String(utf8, StandardCharsets.ISO_8859_1); // exact for ASCII, and the fast path
            } else {
                try {
                    id = strict.reset().decode(ByteBuffer.wrap(utf8)).toString();
                } catch (CharacterCodingException e) {
                    throw in.problem("the id of node " + node + " is not valid UTF-8");
                }
            }
            int other = nodeOf.put(id, node);
            if (other >= 0) {
                throw in.problem("external id '" + id + "' is held by both node " + other + " and node " + node
                        + "; ids must be unique");
            }
            slots.set(node, id, null, internalId);
            generatedFloor = Math.max(generatedFloor, GeneratedIds.numberOf(id));
            live++;
        }
    }
}
