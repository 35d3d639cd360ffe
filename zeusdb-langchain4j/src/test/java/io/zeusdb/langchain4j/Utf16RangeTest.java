package io.zeusdb.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * String ranges order as {@link String#compareTo} does (UTF-16 code units), not by code point,
 * for every pair of strings up to length 3 over units from each class where the two orders
 * differ: below U+D800, high and low surrogates (paired and unpaired), and U+E000..U+FFFF.
 */
class Utf16RangeTest {

    private static final char[] UNITS = {'a', '\uD7FF', '\uD83D', '\uDBFF', '\uDC00', '\uDE00', '\uE000', '\uFFFF'};

    @Test
    void string_ranges_order_by_utf16_code_unit_for_every_short_string() {
        List<String> stored = strings(3);
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder().dimension(2).build();
        List<String> ids = new ArrayList<>();
        List<Embedding> embeddings = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            ids.add("s" + i);
            embeddings.add(Embedding.from(new float[] {1, i}));
            segments.add(TextSegment.from("t", new Metadata().put("k", stored.get(i))));
        }
        store.addAll(ids, embeddings, segments);

        for (String bound : strings(2)) {
            for (Filter filter : List.of(new IsGreaterThan("k", bound), new IsGreaterThanOrEqualTo("k", bound),
                    new IsLessThan("k", bound), new IsLessThanOrEqualTo("k", bound))) {
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < stored.size(); i++) {
                    if (filter.test(new Metadata().put("k", stored.get(i)))) {
                        expected.add("s" + i);
                    }
                }
                assertThat(ids(store, filter)).as("%s", filter).isEqualTo(expected);
            }
        }
    }

    private static Set<String> ids(ZeusDbEmbeddingStore store, Filter filter) {
        Set<String> out = new HashSet<>();
        for (EmbeddingMatch<TextSegment> m : store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[] {1, 0})).maxResults(10_000).filter(filter).build())
                .matches()) {
            out.add(m.embeddingId());
        }
        return out;
    }

    /** Every string of at most {@code maxLength} units drawn from {@link #UNITS}, the empty one excluded. */
    private static List<String> strings(int maxLength) {
        List<String> out = new ArrayList<>();
        List<String> level = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (char unit : UNITS) {
                    next.add(prefix + unit);
                }
            }
            out.addAll(next);
            level = next;
        }
        return out;
    }
}
