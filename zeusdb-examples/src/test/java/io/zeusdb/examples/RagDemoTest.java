package io.zeusdb.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.langchain4j.ZeusDbEmbeddingStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code zdb rag-demo} end to end with the real all-MiniLM-L6-v2 model (in-process ONNX, from the
 * Maven jar): each run embeds the whole corpus, so the module keeps to two runs (~10 s each).
 */
class RagDemoTest {

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String verdict() {
            List<String> lines = lines();
            return lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RagDemo());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void demoAnswersFromTheReloadedStoreAndPassesEveryCheck() {
        Run run = run();
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("rag-demo: all 16 checks passed", run.verdict(), run.toString());
        String out = run.out();
        for (String expected : List.of(
                "Corpus: 306 facts from facts.txt",
                "Model: all-MiniLM-L6-v2, 384 dimensions",
                "Embedded 306 facts into 384-d vectors",
                "Stored 306 embeddings with text and metadata",
                "Loaded a new store from facts.zdb",
                // the plain question and the same subject restricted to one topic find different facts
                "The top hit is the expected fact fact-003 (\"Apollo 11 landed on the Moon ...\")",
                "The top hit is the expected fact fact-076 (\"The Apollo Guidance Computer ...\")",
                "The top hit is the expected fact fact-105 (\"Alexander Fleming ...\")",
                "The top hit is the expected fact fact-156 (\"Orville and Wilbur Wright ...\")",
                "3 hits of the 9 facts matching topic == 'computing' && 1990 <= year < 2000, every one satisfies the filter",
                "The reloaded store answered all 9 questions exactly like the live store",
                "=== Timings ===")) {
            assertTrue(out.contains(expected), expected + " missing from\n" + run);
        }
        // a hit line: rank, relevance, [topic, year, source], text
        assertTrue(out.lines().anyMatch(l -> l.matches(" {4}1\\. 0\\.\\d{4} {2}\\[space, 1969, timeline] {2}Apollo 11 .*")),
                run.toString());
        // the embedding step reports progress on standard error, ending at 100 %
        assertTrue(run.err().contains("embedding 100%  306/306"), run.err());
        String dir = run.lines().get(1).replace("Store directory: ", "").replace(" (deleted at the end)", "");
        assertFalse(Files.exists(Path.of(dir).getParent()), "demo directory left behind: " + dir);
    }

    @Test
    void aDirectoryGivenWithDirIsKeptAndLoadsAsAStore(@TempDir Path tmp) {
        Path dir = tmp.resolve("facts.zdb");
        Run run = run("--dir", dir.toString(), "--top-k", "5", "--ask", "Which planet did Herschel find?");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Store directory: " + dir + "\n"), run.toString());
        assertTrue(run.out().contains("=== Ask the reloaded store (top 5,"), run.toString());
        // filtered pages are filled to top-k when enough facts match
        assertTrue(run.out().contains("5 hits of the 26 facts matching topic == 'medicine' && year >= 1950"),
                run.toString());
        // the extra question is answered (unchecked) after the built-in ones
        assertTrue(run.out().matches("(?s).*Q {3}Which planet did Herschel find\\?.*\\n {4}1\\. 0\\.\\d{4} {2}"
                + "\\[space, 1781, profile] {2}William Herschel discovered Uranus.*"), run.toString());

        ZeusDbEmbeddingStore kept = ZeusDbEmbeddingStore.builder().path(dir).build();
        assertEquals(306, kept.size());
    }

    @Test
    void aTopKBelowOneIsAUsageErrorBeforeAnyWork() {
        Run run = run("--top-k", "0");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--top-k must be at least 1"), run.toString());
        assertFalse(run.out().contains("Corpus:"), run.toString());
    }
}
