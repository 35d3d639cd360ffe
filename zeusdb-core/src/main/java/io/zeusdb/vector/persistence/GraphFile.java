package io.zeusdb.vector.persistence;

import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.graph.HnswGraph;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code hnsw_index.hnsw.graph}: the HNSW graph as it is, so a load restores it without a
 * rebuild and every search answers bit for bit as before (reference 12.7). Neighbour lists keep
 * their order, because search visits them in order. Vectors are not repeated here (they are in
 * {@code vectors.bin}), nor are edge distances or the level scale ({@code 1/ln(m)}, derived).
 *
 * <pre>
 * prefix   "ZDB-HNSW", u32 version 1, u32 flags 0
 * u64      node_count
 * u32      entry node (0xFFFFFFFF = none)
 * u8       space (1 cosine, 2 l2, 3 l1, 4 dot)
 * u8       element (1 = f32 vectors, 2 = u8 codes)
 * u8       top level (the entry node's level)
 * u8       0
 * u32      m
 * u32      ef_construction
 * u32      dimension (dim; subvectors when the graph runs on codes)
 * u32      0
 * node_count x u8   top level per node (0..15)
 * per node, per layer 0..top: u32 count (&lt;= 2m on layer 0, &lt;= m above), count x u32 neighbour
 * </pre>
 *
 * <p>Internal: not part of the public API.
 */
final class GraphFile {

    /** Bytes every node takes at least: its level byte and its layer-0 count. */
    private static final int MIN_NODE_BYTES = 5;

    /** Per-layer labels for messages, built once instead of once per list. */
    private static final String[] LIST = new String[HnswGraph.MAX_LEVEL + 1];
    private static final String[] COUNT = new String[HnswGraph.MAX_LEVEL + 1];

    static {
        for (int l = 0; l <= HnswGraph.MAX_LEVEL; l++) {
            LIST[l] = "the layer-" + l + " list";
            COUNT[l] = "the layer-" + l + " list's count";
        }
    }

    private GraphFile() {}

    static FileDigest write(Path dir, IndexSnapshot s) throws IOException {
        NodeView nodes = s.nodes();
        int n = s.nodeCount();
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.GRAPH)) {
            out.prefix(ZdbLayout.MAGIC_GRAPH);
            out.u64(n);
            out.u32(s.entryNode() < 0 ? ZdbLayout.NO_ENTRY : s.entryNode());
            out.u8(ZdbLayout.spaceCode(s.space()));
            boolean codes = s.pq() != null && s.pq().codesActive();
            out.u8(codes ? ZdbLayout.ELEMENT_CODES : ZdbLayout.ELEMENT_F32);
            out.u8(Math.max(0, s.entryLevel()));
            out.u8(0);
            out.u32(s.m());
            out.u32(s.efConstruction());
            out.u32(codes ? s.pq().config().subvectors() : s.dim());
            out.u32(0);
            for (int node = 0; node < n; node++) {
                out.u8(nodes.level(node));
            }
            for (int node = 0; node < n; node++) {
                int top = nodes.level(node);
                for (int layer = 0; layer <= top; layer++) {
                    int[] list = nodes.neighbours(node, layer);
                    out.u32(list.length);
                    out.u32s(list, 0, list.length);
                }
            }
            return out.finish();
        }
    }

    /**
     * Reads and checks the graph: header against the configuration and the other files, levels,
     * then every list (count within the layer's cap and backed by the file, neighbours existing,
     * present on that layer, not the node itself, not repeated); returns it published with its
     * entry point.
     */
    static HnswGraph read(Path dir, int nodeCount, IndexConfig config, boolean codes) throws IOException {
        try (BinaryIn in = BinaryIn.open(dir, ZdbLayout.GRAPH)) {
            return read(in, nodeCount, config, codes).graph();
        }
    }

    /** What {@link #read(BinaryIn, int, IndexConfig, boolean)} read. */
    record Contents(HnswGraph graph, int nodeCount) {}

    /**
     * As {@link #read(Path, int, IndexConfig, boolean)}, through {@code in}.
     *
     * @param nodeCount the node count of mappings.bin, or -1 to take the file's own (bounded by its
     *                  length): the read-ahead of {@link ZdbReader} runs before mappings.bin is read
     */
    static Contents read(BinaryIn in, int nodeCount, IndexConfig config, boolean codes) throws IOException {
        in.prefix(ZdbLayout.MAGIC_GRAPH);
        nodeCount = in.nodeCount(nodeCount);
        if (nodeCount == 0) {
            throw in.problem("describes an empty graph; an index without graph nodes has no graph file");
        }
        long entry = in.u32("entry node");
        int spaceCode = in.u8("space");
        int element = in.u8("element");
        int top = in.u8("top level");
        int reserved8 = in.u8("reserved byte");
        long m = in.u32("m");
        long ef = in.u32("ef_construction");
        long dimension = in.u32("dimension");
        long reserved32 = in.u32("reserved field");
        Space space = ZdbLayout.spaceOf(spaceCode);
        if (space == null) {
            throw in.problem("space code is " + spaceCode + "; known codes are 1 cosine, 2 l2, 3 l1, 4 dot");
        }
        if (space != config.space()) {
            throw in.problem("space is " + space + " but config.json says " + config.space());
        }
        int wantElement = codes ? ZdbLayout.ELEMENT_CODES : ZdbLayout.ELEMENT_F32;
        if (element != wantElement) {
            throw in.problem("element kind is " + element + " but " + (codes
                    ? "the index searches product-quantization codes (kind " + ZdbLayout.ELEMENT_CODES + ")"
                    : "the index searches f32 vectors (kind " + ZdbLayout.ELEMENT_F32 + ")"));
        }
        long wantDimension = codes ? config.quantization().subvectors() : config.dim();
        if (reserved8 != 0 || reserved32 != 0) {
            throw in.problem("reserved header fields are " + reserved8 + " and " + reserved32
                    + " where 0 is required");
        }
        if (m != config.m() || ef != config.efConstruction() || dimension != wantDimension) {
            throw in.problem("m=" + m + ", ef_construction=" + ef + ", dimension=" + dimension
                    + " but config.json says m=" + config.m() + ", ef_construction=" + config.efConstruction()
                    + ", dimension=" + wantDimension + (codes ? " (subvectors)" : ""));
        }
        if (top > HnswGraph.MAX_LEVEL) {
            throw in.problem("top level is " + top + "; levels are 0.." + HnswGraph.MAX_LEVEL);
        }
        if (entry >= nodeCount) {
            throw in.problem("entry node is " + entry + " but the graph has " + nodeCount + " nodes");
        }
        in.requireBacked("node_count", nodeCount, MIN_NODE_BYTES);

        byte[] levels = new byte[nodeCount];
        in.bytes(levels, "the node levels");
        long upperLists = 0;
        for (int node = 0; node < nodeCount; node++) {
            if (levels[node] < 0 || levels[node] > HnswGraph.MAX_LEVEL) {
                throw in.problem("node " + node + " has level " + (levels[node] & 0xff) + "; levels are 0.."
                        + HnswGraph.MAX_LEVEL);
            }
            upperLists += levels[node];
        }
        if (levels[(int) entry] != top) {
            throw in.problem("the entry node " + entry + " has level " + levels[(int) entry]
                    + " but the header's top level is " + top + "; the entry must sit at the top level");
        }
        // every list needs at least its 4-byte count: the lists alone must fit what is left
        in.requireBacked("the neighbour lists", nodeCount + upperLists, 4);
        checkHeap(in, nodeCount, upperLists, config.m());

        int mm = config.m();
        HnswGraph graph = new HnswGraph(mm, config.efConstruction());
        graph.ensureCapacity(nodeCount);
        ListDecoder decoder = new ListDecoder(in, graph, levels, mm);
        for (int node = 0; node < nodeCount; node++) {
            decoder.node(node); // a method of its own so the JIT compiles it early in a fresh JVM
        }
        in.atNode(-1);
        in.expectEnd();
        graph.publish(nodeCount);
        graph.setEntry((int) entry, top);
        return new Contents(graph, nodeCount);
    }

    /**
     * A graph's lists take (2m+1) ints per node and (m+1) per upper-layer list however short they
     * are, far more than their bytes on disk; refuse a file describing more than this JVM could
     * ever hold, with a message, instead of failing with an OutOfMemoryError.
     */
    private static void checkHeap(BinaryIn in, int nodeCount, long upperLists, int m) throws ZdbFormatException {
        long bytes = ((long) nodeCount + 1024) * (2L * m + 2) * Integer.BYTES
                + upperLists * (16 + (m + 1L) * Integer.BYTES + 4);
        in.requireHeap(bytes, nodeCount + " nodes with " + upperLists + " upper-layer lists at m=" + m);
    }

    /** Reads one node's neighbour lists after another, checking each neighbour, into the graph. */
    private static final class ListDecoder {
        private final BinaryIn in;
        private final HnswGraph graph;
        private final byte[] levels;
        private final int m;
        private final int[] list;
        /** stamp[nb] == token: nb is already in the list being read. */
        private final int[] stamp;
        private int token;

        ListDecoder(BinaryIn in, HnswGraph graph, byte[] levels, int m) {
            this.in = in;
            this.graph = graph;
            this.levels = levels;
            this.m = m;
            this.list = new int[2 * m];
            this.stamp = new int[levels.length];
        }

        void node(int node) throws IOException {
            int level = levels[node];
            graph.prepare(node, level);
            in.atNode(node);
            for (int layer = 0; layer <= level; layer++) {
                long count = in.u32(COUNT[layer]);
                int cap = layer == 0 ? 2 * m : m;
                if (count > cap) {
                    throw in.problem(LIST[layer] + " of node " + node + " has " + count + " neighbours, more than "
                            + "the cap " + cap + " (m=" + m + ")");
                }
                in.requireBacked(LIST[layer], count, 4);
                int c = (int) count;
                in.u32s(list, 0, c, LIST[layer]);
                if (++token == 0) {
                    java.util.Arrays.fill(stamp, 0);
                    token = 1;
                }
                for (int i = 0; i < c; i++) {
                    int nb = list[i];
                    if (nb < 0 || nb >= levels.length) {
                        throw in.problem(LIST[layer] + " of node " + node + " names node "
                                + Integer.toUnsignedString(nb) + ", but the graph has " + levels.length + " nodes");
                    }
                    if (nb == node) {
                        throw in.problem(LIST[layer] + " of node " + node + " names the node itself");
                    }
                    if (levels[nb] < layer) {
                        throw in.problem(LIST[layer] + " of node " + node + " names node " + nb + ", whose top level "
                                + levels[nb] + " is below layer " + layer);
                    }
                    if (stamp[nb] == token) {
                        throw in.problem(LIST[layer] + " of node " + node + " names node " + nb + " twice");
                    }
                    stamp[nb] = token;
                }
                graph.setNeighbours(node, layer, list, c);
            }
        }
    }
}
