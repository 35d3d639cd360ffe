package io.zeusdb.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.zeusdb.vector.Space;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the builder accepts, refuses, and how it creates, loads and saves stores. */
class BuilderTest {

    @TempDir
    Path directory;

    @Test
    void a_new_store_takes_every_index_parameter() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(8).space(Space.L2).m(8)
                .efConstruction(64).expectedSize(500).indexedFields("country", "year").efSearch(50).build();
        assertThat(store.index().dim()).isEqualTo(8);
        assertThat(store.index().config().space()).isEqualTo(Space.L2);
        assertThat(store.index().m()).isEqualTo(8);
        assertThat(store.index().efConstruction()).isEqualTo(64);
        assertThat(store.index().expectedSize()).isEqualTo(500);
        assertThat(store.index().indexedFields()).containsExactly("country", "year");
        assertThat(store.index().getMetadata(ZeusDbEmbeddingStore.LAYOUT_KEY)).isEqualTo("1");
        assertThat(store.path()).isNull();
        assertThat(store.size()).isZero();
    }

    @Test
    void cosine_is_the_default_space_and_names_are_case_insensitive() {
        assertThat(ZeusDbEmbeddingStore.builder().dimension(2).build().index().config().space()).isEqualTo(Space.COSINE);
        assertThat(ZeusDbEmbeddingStore.builder().dimension(2).space("DoT").build().index().config().space())
                .isEqualTo(Space.DOT);
    }

    @Test
    void invalid_parameters_are_refused_with_the_index_message() {
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension is required");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dim must be positive");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(4).m(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m must be at least 2");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(4).efConstruction(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ef_construction");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(4).expectedSize(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected_size");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(4).space("hamming"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unsupported space");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(4).efSearch(-5).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(4).indexedFields("a", "a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(4).indexedFields(MetadataCodec.TEXT_KEY).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }

    @Test
    void a_quantization_config_reaches_the_index_unchanged() {
        // the adapter passes the config through rather than interpreting it: the core's own rules apply
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(16)
                .quantization(Map.of("type", "pq", "subvectors", 4, "training_size", 1000)).build();
        assertThat(store.index().getQuantizationInfo()).containsEntry("subvectors", 4).containsEntry("training_size", 1000);
        assertThat(store.index().getStorageMode()).isEqualTo("raw_collecting_for_training");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(16)
                .quantization(Map.of("type", "pq", "subvectors", 5)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must divide dimension (16)");
    }

    @Test
    void a_store_built_on_an_existing_path_is_loaded_with_its_records() {
        Path path = directory.resolve("kb.zdb");
        ZeusDbEmbeddingStore first = ZeusDbEmbeddingStore.builder().dimension(2).space("l2").indexedFields("k")
                .path(path).build();
        first.add("a", Embedding.from(new float[] {1, 2}));
        first.add(Embedding.from(new float[] {3, 4}), TextSegment.from("hello", Metadata.from("k", "v")));
        assertThat(Files.exists(path)).isFalse(); // nothing is written until save()
        first.save();

        ZeusDbEmbeddingStore loaded = ZeusDbEmbeddingStore.builder().path(path).build();
        assertThat(loaded.size()).isEqualTo(2);
        assertThat(loaded.index().config().space()).isEqualTo(Space.L2);
        assertThat(loaded.index().indexedFields()).containsExactly("k");
        assertThat(loaded.path()).isEqualTo(path);
        assertThat(loaded.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {3, 4}))
                .maxResults(1).build()).matches().get(0).embedded().text()).isEqualTo("hello");
    }

    @Test
    void loading_checks_the_dimension_and_space_it_is_given() {
        Path path = directory.resolve("kb.zdb");
        ZeusDbEmbeddingStore.builder().dimension(2).path(path).build().save();
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().dimension(3).path(path).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds dimension 2");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().space(Space.DOT).path(path).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uses space cosine");
        assertThat(ZeusDbEmbeddingStore.builder().dimension(2).space("cosine").path(path).build().size()).isZero();
    }

    @Test
    void save_needs_a_path_and_save_path_writes_anywhere() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        store.add(Embedding.from(new float[] {1, 0}));
        assertThatThrownBy(store::save).isInstanceOf(IllegalStateException.class).hasMessageContaining("without a path");
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(IllegalArgumentException.class);
        Path elsewhere = directory.resolve("copy.zdb");
        store.save(elsewhere);
        assertThat(ZeusDbEmbeddingStore.builder().path(elsewhere).build().size()).isEqualTo(1);
    }

    @Test
    void failures_to_read_or_write_surface_as_unchecked_io_exceptions() throws Exception {
        Path notAnIndex = Files.createDirectories(directory.resolve("junk.zdb"));
        Files.writeString(notAnIndex.resolve("manifest.json"), "{not json");
        assertThatThrownBy(() -> ZeusDbEmbeddingStore.builder().path(notAnIndex).build())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("junk.zdb");

        Path aFile = Files.writeString(directory.resolve("plain.txt"), "keep me");
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        assertThatThrownBy(() -> store.save(aFile)).isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(aFile)).isEqualTo("keep me");
        assertThat(List.of(store.size())).containsExactly(0);
    }
}
