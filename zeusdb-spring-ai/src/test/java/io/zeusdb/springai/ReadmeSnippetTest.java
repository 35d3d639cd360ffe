package io.zeusdb.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;

/**
 * The README's Spring AI snippet is {@link SpringAiQuickStart} word for word (so it compiles),
 * and it runs: the filtered search finds Sofia and the saved directory loads back.
 */
class ReadmeSnippetTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SNIPPET = Path.of("src", "test", "java", "io", "zeusdb", "springai",
            "SpringAiQuickStart.java");

    @Test
    void theReadmeSnippetIsTheCompiledQuickStart() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Spring AI\n");
        assertTrue(section >= 0, "README has no '## Spring AI' section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        int end = readme.indexOf("```", start);
        String block = readme.substring(start, end);
        String source = Files.readString(SNIPPET);
        String withoutPackage = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).stripLeading();
        assertEquals(withoutPackage, block);
    }

    @Test
    void theQuickStartFindsTheFilteredDocumentAndSavesALoadableStore(@TempDir Path dir) throws IOException {
        List<Document> hits = SpringAiQuickStart.run(new HashingEmbeddingModel(64), dir);
        assertEquals(1, hits.size());
        assertEquals("Sofia is the capital of Bulgaria", hits.get(0).getText());
        ZeusDbVectorStore reloaded = ZeusDbVectorStore.builder(new HashingEmbeddingModel(64))
                .path(dir.resolve("cities.zdb")).build();
        assertEquals(3, reloaded.getIndex().size());
    }
}
