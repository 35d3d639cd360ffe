package io.zeusdb.vector.graph;

/**
 * Draws each node's top layer from a seeded stream keyed by the record's internal id, so that
 * one-thread builds are reproducible whatever the batch boundaries, and rebuilds in internal-id
 * order reproduce the same levels. Geometric with scale {@code 1/ln(m)}, capped at
 * {@link HnswGraph#MAX_LEVEL}.
 */
final class LevelGenerator {

    private static final long SEED = 0x5A45555344425F30L;

    private final double scale;

    LevelGenerator(int m) {
        this.scale = 1.0 / Math.log(m);
    }

    int levelFor(long internalId) {
        long z = mix(SEED + internalId * 0x9E3779B97F4A7C15L);
        // 53 random bits -> uniform in (0, 1]
        double u = ((z >>> 11) + 1) * 0x1.0p-53;
        int level = (int) (-Math.log(u) * scale);
        return Math.min(level, HnswGraph.MAX_LEVEL);
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
