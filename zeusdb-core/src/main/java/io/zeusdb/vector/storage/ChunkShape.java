package io.zeusdb.vector.storage;

/**
 * How per-node arrays are cut into chunks: a power of two of nodes per chunk, so a node's chunk
 * is {@code node >>> shift} and its place in it {@code node & mask}, with at most 256 KiB per
 * chunk, below G1's humongous-object threshold for every region size, so chunks pack densely
 * instead of each wasting part of a humongous region.
 *
 * <p>Internal: not part of the public API.
 *
 * @param shift log2 of the nodes per chunk
 * @param mask  nodes per chunk minus one
 */
public record ChunkShape(int shift, int mask) {

    private static final int TARGET_CHUNK_BYTES = 1 << 18;

    /** The shape for nodes taking {@code bytesPerNode} bytes each in a chunk. */
    public static ChunkShape forNodeBytes(int bytesPerNode) {
        int nodesPerChunk = Integer.highestOneBit(Math.max(1, TARGET_CHUNK_BYTES / bytesPerNode));
        return new ChunkShape(Integer.numberOfTrailingZeros(nodesPerChunk), nodesPerChunk - 1);
    }

    /** Nodes per chunk. */
    public int nodesPerChunk() {
        return mask + 1;
    }

    /** Chunks needed to hold {@code nodes} nodes. */
    public int chunksFor(int nodes) {
        return (int) (((long) nodes + mask) >>> shift);
    }

    /** Nodes that {@code chunks} chunks hold. */
    public int capacity(int chunks) {
        return chunks << shift;
    }
}
