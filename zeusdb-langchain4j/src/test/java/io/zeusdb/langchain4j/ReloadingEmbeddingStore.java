package io.zeusdb.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A test store that answers every search from a copy just loaded from disk: before each search
 * it saves the current {@link ZeusDbEmbeddingStore} to a {@code .zdb} directory, builds a new one
 * from that path (which loads it), drops the old one and searches the loaded copy. Writes go to
 * whichever copy is current, so a suite that adds, removes and searches checks every write after
 * a save/load round trip.
 */
final class ReloadingEmbeddingStore implements EmbeddingStore<TextSegment> {

    private final Path path;
    private ZeusDbEmbeddingStore current;
    private int reloads;

    ReloadingEmbeddingStore(Path directory, int dimension) {
        this.path = directory.resolve("store.zdb");
        this.current = ZeusDbEmbeddingStore.builder().dimension(dimension).path(path).build();
    }

    /** How many searches were answered by a freshly loaded copy. */
    int reloads() {
        return reloads;
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        current.save();
        ZeusDbEmbeddingStore loaded = ZeusDbEmbeddingStore.builder().path(path).build();
        if (loaded == current) {
            throw new AssertionError("the builder returned the live store instead of loading one");
        }
        current = loaded;
        reloads++;
        return current.search(request);
    }

    @Override
    public String add(Embedding embedding) {
        return current.add(embedding);
    }

    @Override
    public void add(String id, Embedding embedding) {
        current.add(id, embedding);
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        return current.add(embedding, segment);
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        return current.addAll(embeddings);
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings, List<TextSegment> segments) {
        return current.addAll(embeddings, segments);
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        current.addAll(ids, embeddings, segments);
    }

    @Override
    public void remove(String id) {
        current.remove(id);
    }

    @Override
    public void removeAll(Collection<String> ids) {
        current.removeAll(ids);
    }

    @Override
    public void removeAll(Filter filter) {
        current.removeAll(filter);
    }

    @Override
    public void removeAll() {
        current.removeAll();
    }
}
