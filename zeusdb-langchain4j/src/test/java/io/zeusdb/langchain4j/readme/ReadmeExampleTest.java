package io.zeusdb.langchain4j.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's LangChain4j snippet is {@link Capitals}, word for word (checked here), and it runs:
 * it answers its filtered question with the one fact that passes the filter.
 */
class ReadmeExampleTest {

    @TempDir
    Path directory;

    @Test
    void the_readme_snippet_is_the_compiled_example() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## LangChain4j");
        assertThat(section).as("README has a LangChain4j section").isNotNegative();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        int end = readme.indexOf("```", start);
        String snippet = readme.substring(start, end);

        String source = Files.readString(Path.of("src/test/java/io/zeusdb/langchain4j/readme/Capitals.java"));
        String withoutPackage = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).stripLeading();
        assertThat(snippet).isEqualTo(withoutPackage);
    }

    @Test
    void the_snippet_runs_and_answers_with_the_fact_that_passes_the_filter() {
        List<EmbeddingMatch<TextSegment>> matches = Capitals.run(new WordModel(), directory.resolve("capitals.zdb"));
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).embedded().text()).isEqualTo("Sofia is the capital of Bulgaria");
        assertThat(matches.get(0).score()).isBetween(0.5, 1.0);
        assertThat(Files.isDirectory(directory.resolve("capitals.zdb"))).isTrue();
    }

    /** The tests' hashing model, behind the public EmbeddingModel interface the snippet takes. */
    private static final class WordModel implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>();
            for (TextSegment s : segments) {
                out.add(Embedding.from(io.zeusdb.langchain4j.TestModels.hashing(s.text())));
            }
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return io.zeusdb.langchain4j.TestModels.DIMENSION;
        }
    }
}
