package io.zeusdb.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input is refused with {@link IllegalArgumentException} before anything is stored: a batch
 * is all or nothing.
 */
class HostileInputTest {

    private final ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(3).build();
    private final Embedding good = Embedding.from(new float[] {1, 2, 3});

    @Test
    void null_blank_and_wrong_width_embeddings_are_refused() {
        assertThatThrownBy(() -> store.add((Embedding) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is null");
        assertThatThrownBy(() -> store.add(Embedding.from(new float[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has dimension 2")
                .hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> store.add("id", Embedding.from(new float[] {1, Float.NaN, 3})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> store.add("id", Embedding.from(new float[] {1, Float.POSITIVE_INFINITY, 3})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThat(store.size()).isZero();
    }

    @Test
    void null_and_blank_ids_are_refused() {
        for (String id : Arrays.asList(null, "", "  ")) {
            assertThatThrownBy(() -> store.add(id, good)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("id cannot be null or blank");
            assertThatThrownBy(() -> store.remove(id)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("id cannot be null or blank");
            assertThatThrownBy(() -> store.removeAll(Arrays.asList("x", id))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void one_bad_entry_rejects_the_whole_batch() {
        List<Embedding> embeddings = new ArrayList<>(List.of(good, good, Embedding.from(new float[] {1, 2, 3, 4})));
        assertThatThrownBy(() -> store.addAll(embeddings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("embedding 2");
        embeddings.set(2, null);
        assertThatThrownBy(() -> store.addAll(embeddings)).isInstanceOf(IllegalArgumentException.class);
        List<TextSegment> segments = List.of(TextSegment.from("a"), TextSegment.from("b"),
                TextSegment.from("c", Metadata.from("zeusdb.text", "x")));
        embeddings.set(2, good);
        assertThatThrownBy(() -> store.addAll(embeddings, segments)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        assertThat(store.size()).isZero();
    }

    @Test
    void non_finite_and_reserved_metadata_are_refused() {
        assertThatThrownBy(() -> store.add(good, TextSegment.from("t", new Metadata().put("x", Float.NaN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> store.add(good, TextSegment.from("t", new Metadata().put("x", Double.NEGATIVE_INFINITY))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> store.add(good, TextSegment.from("t", new Metadata().put("zeusdb.types", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThat(store.size()).isZero();
    }

    @Test
    void mismatched_list_sizes_are_refused() {
        assertThatThrownBy(() -> store.addAll(List.of("a"), List.of(good, good), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ids size (1) is not equal to embeddings size (2)");
        assertThatThrownBy(() -> store.addAll(List.of(good, good), List.of(TextSegment.from("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embeddings size (2) is not equal to embedded size (1)");
        assertThat(store.size()).isZero();
    }

    @Test
    void bad_queries_are_refused() {
        store.add(good);
        assertThatThrownBy(() -> store.search(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(request(Embedding.from(new float[] {1, 2}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension mismatch");
        assertThatThrownBy(() -> store.search(request(Embedding.from(new float[] {1, Float.NaN, 2}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> store.removeAll((dev.langchain4j.store.embedding.filter.Filter) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("filter cannot be null");
    }

    @Test
    void a_page_larger_than_the_index_ceiling_is_served_up_to_the_ceiling() {
        store.add(good);
        assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(good).maxResults(Integer.MAX_VALUE)
                .build()).matches()).hasSize(1);
    }

    @Test
    void a_filter_that_can_match_nothing_or_everything_needs_no_index_filter() {
        store.add(good, TextSegment.from("t", new Metadata().put("x", 1)));
        store.add(good);
        assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(good)
                .filter(metadataKey("x").isEqualTo(Double.NaN)).build()).matches()).isEmpty();
        assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(good)
                .filter(metadataKey("x").isNotEqualTo(Double.NaN)).build()).matches()).hasSize(2);
        store.removeAll(metadataKey("x").isEqualTo(Float.NaN)); // removes nothing
        assertThat(store.size()).isEqualTo(2);
        store.removeAll(metadataKey("x").isNotIn(Double.NaN)); // every record
        assertThat(store.size()).isZero();
    }

    private static EmbeddingSearchRequest request(Embedding query) {
        return EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(5).build();
    }
}
