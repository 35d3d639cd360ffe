package io.zeusdb.langchain4j;

import io.zeusdb.vector.Space;

/**
 * Turns a ZeusDB distance (lower is closer) into LangChain4j's relevance score (in [0, 1], higher
 * is closer), per space.
 *
 * <p>Internal, not API; docs/langchain4j.md states the mapping:
 * <ul>
 *   <li>cosine: the distance is {@code 1 - cos}, so the relevance is LangChain4j's own
 *       {@code (cos + 1) / 2 = 1 - distance / 2};
 *   <li>dot: the distance is {@code 1 - dot}, and the same formula gives {@code (dot + 1) / 2},
 *       LangChain4j's cosine relevance for unit-length vectors (the reason to pick dot); vectors
 *       that are not unit length can leave [-1, 1], so the value is clamped to [0, 1];
 *   <li>l2 and l1: {@code 1 / (1 + distance)}: 1 for an identical vector, falling towards 0, and
 *       never saturating, so {@code minScore} still separates far-away matches.
 * </ul>
 * Every mapping is monotonic (non-increasing in the distance), so the index's nearest-first page
 * is also highest-relevance-first and {@code minScore} only ever cuts its tail.
 */
final class Relevance {

    private Relevance() {}

    static double of(Space space, double distance) {
        return switch (space) {
            case COSINE, DOT -> clamp(1.0 - distance / 2.0);
            case L2, L1 -> 1.0 / (1.0 + distance);
        };
    }

    private static double clamp(double relevance) {
        return relevance < 0 ? 0 : Math.min(relevance, 1.0);
    }
}
