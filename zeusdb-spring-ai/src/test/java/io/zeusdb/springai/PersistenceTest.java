package io.zeusdb.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/** A store saved to a .zdb directory and loaded back answers exactly as before. */
class PersistenceTest {

    private static final int DIM = 32;

    @TempDir
    Path dir;

    private static List<SearchRequest> requests() {
        return List.of(
                SearchRequest.builder().query("salvation world").topK(20).build(),
                SearchRequest.builder().query("river mountain").topK(7).filterExpression("country == 'BG' || year < 2018")
                        .build(),
                SearchRequest.builder().query("north south city").topK(15).similarityThreshold(0.3)
                        .filterExpression("NOT (active == true) && views >= 1000000000005L").build());
    }

    @Test
    void saveAndLoadGiveTheSameDocumentsScoresAndMetadata() throws IOException {
        HashingEmbeddingModel model = new HashingEmbeddingModel(DIM);
        Path path = dir.resolve("docs.zdb");
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(model).path(path).m(12).efConstruction(64)
                .indexedFields("country").build();
        List<Document> docs = FilterCorpus.documents(300, 5);
        store.add(docs);
        store.delete(List.of(docs.get(0).getId(), docs.get(1).getId()));
        store.save();

        ZeusDbVectorStore loaded = ZeusDbVectorStore.builder(model).path(path).build();
        assertEquals(298, loaded.getIndex().size());
        assertEquals(12, loaded.getIndex().m());
        assertEquals(List.of("country"), loaded.getIndex().indexedFields());
        for (SearchRequest request : requests()) {
            List<Document> before = store.similaritySearch(request);
            List<Document> after = loaded.similaritySearch(request);
            assertTrue(!before.isEmpty(), request.toString());
            assertEquals(before.size(), after.size(), request.toString());
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i).getId(), after.get(i).getId());
                assertEquals(before.get(i).getScore(), after.get(i).getScore());
                assertEquals(before.get(i).getText(), after.get(i).getText());
                assertEquals(before.get(i).getMetadata(), after.get(i).getMetadata());
            }
        }
        // the loaded store keeps working and saves to its path again
        loaded.add(List.of(Document.builder().id("new").text("salvation").build()));
        loaded.save();
        assertEquals(299, ZeusDbVectorStore.builder(model).path(path).build().getIndex().size());
    }

    @Test
    void saveToAnotherPathLeavesTheStorePathAlone() throws IOException {
        HashingEmbeddingModel model = new HashingEmbeddingModel(DIM);
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(model).build();
        store.add(FilterCorpus.documents(10, 1));
        Path copy = dir.resolve("copy.zdb");
        store.save(copy);
        // the directory is a plain ZeusDB index: the core API reads it too
        HnswIndex index = new VectorDatabase().load(copy);
        assertEquals(10, index.size());
        assertTrue(index.getRecords("doc-0003").get(0).metadata().containsKey(ZeusDbVectorStore.TEXT_KEY));
    }

    @Test
    void saveWithoutAPathSaysHowToGiveOne() {
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new HashingEmbeddingModel(DIM)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, store::save);
        assertTrue(e.getMessage().contains("save(Path)"), e.getMessage());
    }

    @Test
    void aMissingPathCreatesAnEmptyStoreThatSaveWrites() throws IOException {
        Path path = dir.resolve("fresh.zdb");
        ZeusDbVectorStore store = ZeusDbVectorStore.builder(new HashingEmbeddingModel(DIM)).path(path).build();
        assertEquals(0, store.getIndex().size());
        assertTrue(!Files.exists(path));
        store.save();
        assertTrue(Files.isDirectory(path));
    }

    @Test
    void settingsThatContradictTheSavedIndexAreRefused() throws IOException {
        HashingEmbeddingModel model = new HashingEmbeddingModel(DIM);
        Path path = dir.resolve("docs.zdb");
        ZeusDbVectorStore.builder(model).path(path).space(Space.L2).build().save();
        assertThrows(IllegalArgumentException.class, () -> ZeusDbVectorStore.builder(model).path(path).dimension(8).build());
        assertThrows(IllegalArgumentException.class,
                () -> ZeusDbVectorStore.builder(model).path(path).space(Space.COSINE).build());
        assertThrows(IllegalArgumentException.class, () -> ZeusDbVectorStore.builder(model).path(path).m(48).build());
        assertThrows(IllegalArgumentException.class,
                () -> ZeusDbVectorStore.builder(model).path(path).indexedFields("year").build());
        // agreeing settings are fine, and an unset space is taken from the file
        assertEquals("l2", ZeusDbVectorStore.builder(model).path(path).dimension(DIM).build().getIndex().space());
    }

    @Test
    void aDamagedDirectoryFailsToLoadNamingThePath() throws IOException {
        Path path = dir.resolve("broken.zdb");
        Files.createDirectories(path);
        Files.writeString(path.resolve("manifest.json"), "{ not json");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ZeusDbVectorStore.builder(new HashingEmbeddingModel(DIM)).path(path).build());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }
}
