package io.zeusdb.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments read back equal to what was added, every metadata type included, also after save and load. */
class MetadataRoundTripTest {

    @TempDir
    Path directory;

    private static Metadata everyType() {
        return new Metadata()
                .put("string", "Sofia").put("empty", "").put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                .put("int", Integer.MIN_VALUE).put("long", Long.MAX_VALUE)
                .put("float", 1.23456789f).put("float_min", Float.MIN_VALUE).put("float_max", Float.MAX_VALUE)
                .put("float_neg_zero", -0.0f).put("float_third", 1f / 3)
                .put("double", 0.1).put("double_min", Double.MIN_VALUE).put("double_max", -Double.MAX_VALUE);
    }

    @Test
    void every_metadata_type_reads_back_as_the_same_type_and_value() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        TextSegment segment = TextSegment.from("Sofia is the capital of Bulgaria", everyType());
        store.add(Embedding.from(new float[] {1, 0}), segment);
        assertThat(only(store).embedded()).isEqualTo(segment);
        assertThat(only(store).embedded().metadata().toMap().get("int")).isInstanceOf(Integer.class);
        assertThat(only(store).embedded().metadata().toMap().get("float")).isInstanceOf(Float.class);
        assertThat(only(store).embedded().metadata().toMap().get("uuid")).isInstanceOf(UUID.class);
    }

    @Test
    void segments_survive_save_and_load() {
        Path path = directory.resolve("kb.zdb");
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).path(path).build();
        TextSegment segment = TextSegment.from("Plovdiv", everyType());
        store.add("seg", Embedding.from(new float[] {1, 0}), segment);
        store.save();
        assertThat(only(ZeusDbEmbeddingStore.builder().path(path).build()).embedded()).isEqualTo(segment);
    }

    @Test
    void the_record_layout_is_the_documented_one() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        store.add("id1", Embedding.from(new float[] {1, 0}), TextSegment.from("text",
                new Metadata().put("n", 7).put("f", 1.1f).put("u", UUID.fromString("00000000-0000-0000-0000-000000000001"))
                        .put("l", 8L).put("s", "x")));
        store.add("id2", Embedding.from(new float[] {0, 1}));
        Map<String, Object> stored = store.index().getRecords("id1").get(0).metadata();
        assertThat(stored).containsEntry("zeusdb.text", "text").containsEntry("n", 7L).containsEntry("f", 1.1)
                .containsEntry("u", "00000000-0000-0000-0000-000000000001").containsEntry("l", 8L)
                .containsEntry("s", "x")
                .containsEntry("zeusdb.types", Map.of("f", "float", "n", "int", "u", "uuid"));
        assertThat(store.index().getRecords("id2").get(0).metadata()).isEmpty();
    }

    @Test
    void an_embedding_added_without_a_segment_reads_back_without_one() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        store.add(Embedding.from(new float[] {1, 0}));
        assertThat(only(store).embedded()).isNull();
    }

    @Test
    void values_langchain4j_cannot_hold_are_left_out_when_reading_an_index_written_by_other_code() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        Map<String, Object> foreign = new HashMap<>();
        foreign.put("zeusdb.text", "from elsewhere");
        foreign.put("flag", true);
        foreign.put("tags", List.of("a", "b"));
        foreign.put("nothing", null);
        foreign.put("kept", "yes");
        store.index().add(Map.of("id", "x", "vector", new float[] {1, 0}, "metadata", foreign));
        TextSegment read = only(store).embedded();
        assertThat(read.text()).isEqualTo("from elsewhere");
        assertThat(read.metadata().toMap()).containsOnlyKeys("kept");
    }

    @Test
    void under_cosine_a_unit_embedding_reads_back_bit_for_bit_and_others_read_back_normalised() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(64).build();
        Embedding unit = Embedding.from(HashingEmbeddingModel.vector("the quick brown fox"));
        store.add("unit", unit);
        Embedding raw = Embedding.from(new float[64]);
        raw.vector()[0] = 3;
        raw.vector()[1] = 4;
        store.add("raw", raw);
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(unit).maxResults(2).build()).matches();
        assertThat(matches.get(0).embedding()).isEqualTo(unit);
        assertThat(matches.get(1).embedding().vector()[0]).isEqualTo(0.6f);
        assertThat(matches.get(1).embedding().vector()[1]).isEqualTo(0.8f);
    }

    private static EmbeddingMatch<TextSegment> only(ZeusDbEmbeddingStore store) {
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[] {1, 0})).maxResults(10).build()).matches();
        assertThat(matches).hasSize(1);
        return matches.get(0);
    }
}
