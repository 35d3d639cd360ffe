package io.zeusdb.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The filter is evaluated inside the search, not over an unfiltered top-k: a page is filled with
 * matching records even when every record nearest the query fails the filter, on both of the
 * index's paths (exact scan of a small match set, filtered graph traversal of a large one).
 */
class FilteredSearchTest {

    private static final int DIM = 8;

    @Test
    void a_selective_filter_still_fills_the_page_with_the_nearest_matching_records() {
        // 2,000 records; the 30 tagged "rare" are the farthest from the query
        checkPage(2_000, i -> i >= 1_970, metadataKey("kind").isEqualTo("rare"), 10);
    }

    @Test
    void a_broad_filter_fills_the_page_through_the_filtered_graph_traversal() {
        // 13,000 records, 10,000 match: above the index's scan limit for this size and width
        // (sqrt(3 * 15 * 150 * 13,000) ~ 9,370), so it traverses; the 3,000 nearest fail the filter
        checkPage(13_000, i -> i >= 3_000, metadataKey("kind").isNotEqualTo("common"), 10);
    }

    private interface Matching {
        boolean test(int rank);
    }

    /** Records at growing distance from the query; {@code matching} decides by rank which carry kind=rare. */
    private static void checkPage(int n, Matching matching, Filter filter, int k) {
        Random random = new Random(n);
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(DIM).space("l2").build();
        List<String> ids = new ArrayList<>(n);
        List<Embedding> embeddings = new ArrayList<>(n);
        List<TextSegment> segments = new ArrayList<>(n);
        List<float[]> vectors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = new float[DIM];
            v[0] = i; // distance from the origin grows with the rank
            for (int d = 1; d < DIM; d++) {
                v[d] = random.nextFloat();
            }
            ids.add("r" + i);
            embeddings.add(Embedding.from(v));
            vectors.add(v);
            segments.add(TextSegment.from("record " + i, new Metadata().put("kind", matching.test(i) ? "rare" : "common")));
        }
        store.addAll(ids, embeddings, segments);

        float[] query = new float[DIM];
        List<EmbeddingMatch<TextSegment>> page = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(query)).maxResults(k).filter(filter).build()).matches();

        assertThat(page).hasSize(k);
        List<Integer> truth = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (matching.test(i)) {
                truth.add(i);
            }
        }
        truth.sort(Comparator.comparingDouble(i -> squaredNorm(vectors.get(i))));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < k; i++) {
            expected.add("r" + truth.get(i));
        }
        int found = 0;
        for (EmbeddingMatch<TextSegment> match : page) {
            assertThat(match.embedded().metadata().getString("kind")).isEqualTo("rare");
            found += expected.contains(match.embeddingId()) ? 1 : 0;
        }
        assertThat(found).as("recall@%d against brute force over the matching records", k).isGreaterThanOrEqualTo(k - 1);
    }

    private static double squaredNorm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }
}
