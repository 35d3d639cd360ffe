package io.zeusdb.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.RelevanceScore;
import io.zeusdb.vector.Space;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The relevance each space reports, and how minScore cuts by it. */
class RelevanceTest {

    private final Random random = new Random(7);

    @Test
    void cosine_relevance_is_langchain4j_relevance_of_the_cosine_similarity() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(16).build();
        for (int i = 0; i < 50; i++) {
            store.add(Embedding.from(randomVector(16, 3f))); // not unit length: the index normalises
        }
        Embedding query = Embedding.from(randomVector(16, 5f));
        for (EmbeddingMatch<TextSegment> match : all(store, query, 0)) {
            double expected = RelevanceScore.fromCosineSimilarity(CosineSimilarity.between(match.embedding(), query));
            assertThat(match.score()).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void dot_relevance_equals_cosine_relevance_for_unit_vectors_and_is_clamped_otherwise() {
        ZeusDbEmbeddingStore dot = ZeusDbEmbeddingStore.builder().dimension(8).space(Space.DOT).build();
        ZeusDbEmbeddingStore cosine = ZeusDbEmbeddingStore.builder().dimension(8).build();
        for (int i = 0; i < 30; i++) {
            float[] v = HashingEmbeddingModel.vector("text number " + i);
            float[] unit = java.util.Arrays.copyOf(v, 8);
            normalise(unit);
            dot.add("d" + i, Embedding.from(unit));
            cosine.add("d" + i, Embedding.from(unit));
        }
        float[] q = randomVector(8, 1f);
        normalise(q);
        List<EmbeddingMatch<TextSegment>> a = all(dot, Embedding.from(q), 0);
        List<EmbeddingMatch<TextSegment>> b = all(cosine, Embedding.from(q), 0);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).embeddingId()).isEqualTo(b.get(i).embeddingId());
            assertThat(a.get(i).score()).isCloseTo(b.get(i).score(), within(1e-6));
        }
        assertThat(Relevance.of(Space.DOT, -3.0)).isEqualTo(1.0); // dot = 4
        assertThat(Relevance.of(Space.DOT, 5.0)).isEqualTo(0.0);  // dot = -4
    }

    @Test
    void l2_and_l1_relevance_is_one_over_one_plus_the_distance() {
        for (Space space : List.of(Space.L2, Space.L1)) {
            ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).space(space).build();
            store.add("origin", Embedding.from(new float[] {0, 0}));
            store.add("far", Embedding.from(new float[] {3, 4}));
            List<EmbeddingMatch<TextSegment>> matches = all(store, Embedding.from(new float[] {0, 0}), 0);
            assertThat(matches.get(0).score()).isEqualTo(1.0);
            double distance = space == Space.L2 ? 5.0 : 7.0;
            assertThat(matches.get(1).score()).isCloseTo(1.0 / (1.0 + distance), within(1e-7));
        }
    }

    @Test
    void every_mapping_keeps_relevance_in_zero_to_one_and_never_rises_with_distance() {
        for (Space space : Space.values()) {
            double previous = Double.POSITIVE_INFINITY;
            for (double d = -2; d <= 1000; d += 0.25) {
                if (space != Space.DOT && d < 0) {
                    continue; // only dot distances go below 0
                }
                double r = Relevance.of(space, d);
                assertThat(r).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
                previous = r;
            }
        }
    }

    @Test
    void min_score_keeps_matches_at_or_above_it() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).space(Space.L2).build();
        store.add("a", Embedding.from(new float[] {0, 0}));
        store.add("b", Embedding.from(new float[] {1, 0})); // relevance 0.5
        store.add("c", Embedding.from(new float[] {3, 0})); // relevance 0.25
        Embedding q = Embedding.from(new float[] {0, 0});
        assertThat(all(store, q, 0.5)).extracting(EmbeddingMatch::embeddingId).containsExactly("a", "b");
        assertThat(all(store, q, 0.5000001)).extracting(EmbeddingMatch::embeddingId).containsExactly("a");
        assertThat(all(store, q, 0.0)).hasSize(3);
    }

    private static List<EmbeddingMatch<TextSegment>> all(ZeusDbEmbeddingStore store, Embedding query, double minScore) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(1000).minScore(minScore)
                .build()).matches();
    }

    private float[] randomVector(int dim, float scale) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    private static void normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double inv = 1.0 / Math.sqrt(sum);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * inv);
        }
    }
}
