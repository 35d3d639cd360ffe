package io.zeusdb.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every translated filter selects exactly the records LangChain4j's own {@link Filter#test}
 * accepts, checked on random filter trees over random metadata of every supported type; an
 * embedding stored without a segment is judged as empty metadata.
 */
class FilterTranslationTest {

    private static final int RECORDS = 300;
    private static final UUID[] UUIDS = {
        UUID.fromString("00000000-0000-0000-0000-000000000001"),
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479"),
    };
    /** Includes the characters where UTF-16 order and code-point order disagree. */
    private static final String[] STRINGS = {
        "", "a", "b", "A", "aa", "ab", "a a", "b\u00e9", "\uD7FF", "\uE000", "\uFFFF", "\uD83D\uDE00",
        "a\uE000", "a\uD83D\uDE00", "a\uFFFF", "\uFF21x", "\uD83D\uDE00b", "contains", "|contains|",
    };
    private static final Number[] NUMBERS = {
        -2, -1L, 0, 0L, 0.0f, -0.0, 1, 1L, 1.0f, 1.0, 1.1f, 1.1, 1.23f, 1.23, 2, 2L, 10, 42L, 42.0f,
        -1.5, 1e10, Long.MAX_VALUE, Integer.MIN_VALUE, 3.4028235e38f,
    };

    private final Random random = new Random(20261125);

    @Test
    void random_filters_select_what_langchain4j_filter_test_accepts() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(4).build();
        List<Metadata> metadatas = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Embedding> embeddings = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        List<String> bareIds = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            Embedding embedding = Embedding.from(new float[] {random.nextFloat(), random.nextFloat(), 1f, 0.5f});
            String id = "r" + i;
            if (i % 25 == 0) {
                store.add(id, embedding); // no segment: judged as empty metadata
                bareIds.add(id);
                metadatas.add(new Metadata());
            } else {
                Metadata metadata = randomMetadata();
                ids.add(id);
                embeddings.add(embedding);
                segments.add(TextSegment.from("text " + i, metadata));
                metadatas.add(metadata);
            }
        }
        store.addAll(ids, embeddings, segments);

        for (int round = 0; round < 400; round++) {
            Filter filter = randomFilter(3);
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < RECORDS; i++) {
                if (filter.test(metadatas.get(i))) {
                    expected.add("r" + i);
                }
            }
            assertThat(search(store, filter)).as("%s", filter).isEqualTo(expected);
        }
    }

    @Test
    void remove_all_by_filter_removes_what_langchain4j_filter_test_accepts() {
        for (int round = 0; round < 40; round++) {
            ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
            List<Metadata> metadatas = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Metadata metadata = randomMetadata();
                metadatas.add(metadata);
                store.addAll(List.of("r" + i), List.of(Embedding.from(new float[] {1f, i})),
                        List.of(TextSegment.from("t", metadata)));
            }
            Filter filter = randomFilter(2);
            store.removeAll(filter);
            Set<String> kept = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                if (!filter.test(metadatas.get(i))) {
                    kept.add("r" + i);
                }
            }
            assertThat(search(store, null)).as("%s", filter).isEqualTo(kept);
        }
    }

    @Test
    void a_float_equals_the_double_with_the_same_decimal_text_as_in_langchain4j() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        store.add(new Embedding(new float[] {1, 0}), TextSegment.from("f", new Metadata().put("x", 1.1f)));
        store.add(new Embedding(new float[] {0, 1}), TextSegment.from("d", new Metadata().put("x", 1.1d)));
        assertThat(texts(store, metadataKey("x").isEqualTo(1.1d))).containsExactlyInAnyOrder("f", "d");
        assertThat(texts(store, metadataKey("x").isEqualTo(1.1f))).containsExactlyInAnyOrder("f", "d");
        assertThat(texts(store, metadataKey("x").isGreaterThan(1.1d))).isEmpty();
        assertThat(texts(store, metadataKey("x").isIn(1.1f, 7))).containsExactlyInAnyOrder("f", "d");
    }

    @Test
    void nan_matches_nothing_and_infinities_order_every_number() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        store.add(new Embedding(new float[] {1, 0}), TextSegment.from("n", new Metadata().put("x", 5)));
        store.add(new Embedding(new float[] {0, 1}), TextSegment.from("s", new Metadata().put("x", "five")));
        store.add(new Embedding(new float[] {1, 1}), TextSegment.from("none", new Metadata()));
        assertThat(texts(store, metadataKey("x").isEqualTo(Double.NaN))).isEmpty();
        assertThat(texts(store, metadataKey("x").isNotEqualTo(Float.NaN))).containsExactlyInAnyOrder("n", "s", "none");
        assertThat(texts(store, metadataKey("x").isLessThan(Double.POSITIVE_INFINITY))).containsExactly("n");
        assertThat(texts(store, metadataKey("x").isGreaterThanOrEqualTo(Float.NEGATIVE_INFINITY))).containsExactly("n");
        assertThat(texts(store, metadataKey("x").isGreaterThan(Double.POSITIVE_INFINITY))).isEmpty();
        assertThat(texts(store, metadataKey("x").isGreaterThan(Double.NaN))).isEmpty();
        assertThat(texts(store, metadataKey("x").isIn(Double.NaN, Double.POSITIVE_INFINITY))).isEmpty();
        assertThat(texts(store, metadataKey("x").isNotIn(Double.NaN))).containsExactlyInAnyOrder("n", "s", "none");
    }

    @Test
    void a_type_mismatch_fails_positive_tests_and_passes_negated_ones() {
        // LangChain4j's in-memory store throws for these pairs; the store answers them instead
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        store.add(new Embedding(new float[] {1, 0}), TextSegment.from("s", new Metadata().put("x", "5")));
        assertThat(texts(store, metadataKey("x").isEqualTo(5))).isEmpty();
        assertThat(texts(store, metadataKey("x").isGreaterThan(1))).isEmpty();
        assertThat(texts(store, metadataKey("x").isNotEqualTo(5))).containsExactly("s");
        assertThat(texts(store, metadataKey("x").isNotIn(5, 6))).containsExactly("s");
    }

    @Test
    void untranslatable_filters_are_refused_before_any_record_is_read() {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        Filter custom = object -> true;
        assertThatThrownBy(() -> search(store, custom)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("MetadataFilterBuilder");
        assertThatThrownBy(() -> search(store, new IsGreaterThan("u", UUIDS[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orders numbers and strings");
        assertThatThrownBy(() -> search(store, metadataKey(MetadataCodec.TEXT_KEY).isEqualTo("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> search(store, metadataKey("$or").isEqualTo("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved filter key");
    }

    // ---------------------------------------------------------------------------------------------

    private static Set<String> search(ZeusDbEmbeddingStore store, Filter filter) {
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[store.index().dim()]))
                .maxResults(10_000).filter(filter).build()).matches();
        Set<String> ids = new HashSet<>();
        for (EmbeddingMatch<TextSegment> m : matches) {
            ids.add(m.embeddingId());
        }
        return ids;
    }

    private static List<String> texts(ZeusDbEmbeddingStore store, Filter filter) {
        List<String> out = new ArrayList<>();
        for (EmbeddingMatch<TextSegment> m : store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[] {1, 1})).maxResults(100).filter(filter).build())
                .matches()) {
            out.add(m.embedded().text());
        }
        return out;
    }

    /** Each key keeps one family of types, so LangChain4j's reference never throws a type mismatch. */
    private Metadata randomMetadata() {
        Metadata m = new Metadata();
        if (random.nextInt(4) > 0) {
            put(m, "n", NUMBERS[random.nextInt(NUMBERS.length)]);
        }
        if (random.nextInt(4) > 0) {
            m.put("s", STRINGS[random.nextInt(STRINGS.length)]);
        }
        if (random.nextInt(3) > 0) {
            m.put("u", UUIDS[random.nextInt(UUIDS.length)]);
        }
        if (random.nextBoolean()) {
            put(m, "m", NUMBERS[random.nextInt(NUMBERS.length)]);
        }
        return m;
    }

    private static void put(Metadata m, String key, Number n) {
        switch (n) {
            case Integer i -> m.put(key, i);
            case Long l -> m.put(key, l);
            case Float f -> m.put(key, f);
            case Double d -> m.put(key, d);
            default -> throw new IllegalStateException();
        }
    }

    private Filter randomFilter(int depth) {
        int pick = random.nextInt(depth > 0 ? 6 : 3);
        return switch (pick) {
            case 0 -> numberLeaf(random.nextBoolean() ? "n" : "m");
            case 1 -> stringLeaf();
            case 2 -> uuidLeaf();
            case 3 -> Filter.and(randomFilter(depth - 1), randomFilter(depth - 1));
            case 4 -> Filter.or(randomFilter(depth - 1), randomFilter(depth - 1));
            default -> Filter.not(randomFilter(depth - 1));
        };
    }

    private Filter numberLeaf(String key) {
        Number v = NUMBERS[random.nextInt(NUMBERS.length)];
        return switch (random.nextInt(8)) {
            case 0 -> new IsEqualTo(key, v);
            case 1 -> new IsNotEqualTo(key, v);
            case 2 -> new IsGreaterThan(key, (Comparable<?>) v);
            case 3 -> new IsGreaterThanOrEqualTo(key, (Comparable<?>) v);
            case 4 -> new IsLessThan(key, (Comparable<?>) v);
            case 5 -> new IsLessThanOrEqualTo(key, (Comparable<?>) v);
            case 6 -> metadataKey(key).isIn(List.of(v, NUMBERS[random.nextInt(NUMBERS.length)]));
            default -> metadataKey(key).isNotIn(List.of(v, NUMBERS[random.nextInt(NUMBERS.length)]));
        };
    }

    private Filter stringLeaf() {
        String v = STRINGS[random.nextInt(STRINGS.length)];
        String w = STRINGS[random.nextInt(STRINGS.length)];
        return switch (random.nextInt(9)) {
            case 0 -> metadataKey("s").isEqualTo(v);
            case 1 -> metadataKey("s").isNotEqualTo(v);
            case 2 -> metadataKey("s").isGreaterThan(v);
            case 3 -> metadataKey("s").isGreaterThanOrEqualTo(v);
            case 4 -> metadataKey("s").isLessThan(v);
            case 5 -> metadataKey("s").isLessThanOrEqualTo(v);
            case 6 -> metadataKey("s").isIn(v, w);
            case 7 -> metadataKey("s").isNotIn(v, w);
            default -> metadataKey("s").containsString(v);
        };
    }

    private Filter uuidLeaf() {
        UUID v = UUIDS[random.nextInt(UUIDS.length)];
        return switch (random.nextInt(4)) {
            case 0 -> metadataKey("u").isEqualTo(v);
            case 1 -> metadataKey("u").isNotEqualTo(v);
            case 2 -> metadataKey("u").isIn(v, UUIDS[random.nextInt(UUIDS.length)]);
            default -> metadataKey("u").isNotIn(List.of(v));
        };
    }
}
