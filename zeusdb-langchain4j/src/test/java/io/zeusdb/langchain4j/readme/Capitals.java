package io.zeusdb.langchain4j.readme;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.zeusdb.langchain4j.ZeusDbEmbeddingStore;
import java.nio.file.Path;
import java.util.List;

public class Capitals {

    /** Embeds three facts, saves them, loads them back and asks one filtered question. */
    public static List<EmbeddingMatch<TextSegment>> run(EmbeddingModel model, Path path) {
        ZeusDbEmbeddingStore store = ZeusDbEmbeddingStore.builder()
                .dimension(model.dimension())      // 384 for all-MiniLM-L6-v2
                .indexedFields("country")          // optional: faster filters on this key
                .path(path)                        // build() loads the store when it exists
                .build();
        List<TextSegment> facts = List.of(
                TextSegment.from("Sofia is the capital of Bulgaria", Metadata.from("country", "BG").put("year", 1879)),
                TextSegment.from("Plovdiv is older than Rome", Metadata.from("country", "BG").put("year", -4000)),
                TextSegment.from("Vienna is the capital of Austria", Metadata.from("country", "AT").put("year", 1156)));
        store.addAll(model.embedAll(facts).content(), facts);   // one batch insert
        store.save();                                           // an atomic .zdb directory

        ZeusDbEmbeddingStore reloaded = ZeusDbEmbeddingStore.builder().path(path).build();
        return reloaded.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed("Which city is the capital?").content())
                .filter(metadataKey("country").isEqualTo("BG").and(metadataKey("year").isGreaterThan(0)))
                .maxResults(2)
                .minScore(0.5)                                  // relevance in [0, 1]
                .build()).matches();
    }
}
