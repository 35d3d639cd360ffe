package io.zeusdb.vector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.VectorDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The top-level command, {@code zdb demo} and picocli's standard behaviour. */
class ZdbCommandTest {

    @Test
    void demoPassesEveryCheckAndEndsWithTheVerdict() {
        CliRun run = CliRun.of("demo");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.outLines();
        String verdict = lines.get(lines.size() - 1);
        assertTrue(verdict.matches("demo: all \\d+ checks passed"), verdict);
        assertEquals("demo: all 8 checks passed", verdict);
        // a self-match scores 0 within float rounding (1 - dot of a normalised 1536-d vector with itself)
        assertTrue(run.out().matches("(?s).*\\{'id': 'doc_000', 'score': (0\\.0|[0-9.]+e-0[78]), 'metadata': "
                + "\\{'category': 'science', 'priority': 0, 'published': True, 'tags': \\['important', "
                + "'featured'\\]\\}\\}.*"), run.out());
        assertTrue(run.out().contains("Skipped: save() and load() are not in this build yet"), run.out());
        assertTrue(run.out().contains("Configuration verified: " + DemoCommand.EXPECTED_INFO), run.out());
        assertEquals("", run.err());
    }

    @Test
    void demoDataFollowsTheSeed() {
        assertEquals("doc_000", DemoCommand.ids().get(0));
        assertEquals("doc_499", DemoCommand.ids().get(499));
        assertEquals(java.util.Map.of("category", "finance", "priority", 3, "published", false,
                "tags", List.of("standard")), DemoCommand.metadatas().get(3));
        assertEquals(List.of("important", "featured"), DemoCommand.metadatas().get(10).get("tags"));
    }

    @Test
    void versionPrintsTheLibraryVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("zdb " + VectorDatabase.version(), run.outLines().get(0));
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Usage: zdb"), run.out());
        assertTrue(run.out().contains("demo"), run.out());
        assertTrue(run.out().contains("bench"), run.out());
        CliRun bench = CliRun.of("bench", "--help");
        assertEquals(0, bench.exitCode());
        assertTrue(bench.out().contains("--ef-construction"), bench.out());
    }

    @Test
    void badUsageExitsTwo() {
        for (String[] args : new String[][] {{}, {"--bogus"}, {"frobnicate"}, {"bench"}, {"demo", "extra"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + "\n" + run);
            assertTrue(run.err().contains("Usage: zdb"), run.err());
        }
    }
}
