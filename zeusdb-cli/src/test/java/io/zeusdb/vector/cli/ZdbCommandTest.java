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
        assertEquals("demo: all 15 checks passed", verdict);
        // the query is vectors[0] itself: doc_000 comes first, at a distance of 0 or a float rounding away
        assertTrue(run.out().matches("(?s).*\\{'id': 'doc_000', 'score': (0\\.0|[0-9.]+e-0[78]), 'metadata': "
                + "\\{'category': 'science', 'priority': 0, 'published': True, 'tags': \\['important', 'featured'\\]\\}\\}.*"),
                run.out());
        for (String phase : List.of("=== Example 1: save an index ===", "=== Example 2: load an index ===",
                "Loaded index with 1000 vectors", "Index configuration: HNSWIndex(dim=1536, space=cosine",
                "Search returned 3 results", "=== Persistence with Product Quantization ===", "Added 2000 vectors",
                "Training progress: 100.0%", "Quantization active: true", "Loaded quantization state: true",
                "Compression info: {type=pq, subvectors=8, bits=8, training_size=1000, is_trained=true, memory_mb=1.5, "
                        + "total_centroids=2048, sdc_memory_mb=0.99609375, compression_ratio=768.0}",
                "=== PHASE 2: SAVE INDEX ===", "=== PHASE 3: LOAD INDEX ===", "Vector count verified: 500",
                "Configuration verified: " + DemoCommand.EXPECTED_INFO, "Original meta fields: 3, Loaded meta fields: 3",
                "Search consistency verified", "Complete persistence workflow successful!")) {
            assertTrue(run.out().contains(phase), phase + " missing from:\n" + run.out());
        }
        String work = run.outLines().get(1).replace("Working in ", "").replace(" (deleted at the end)", "");
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of(work)), "demo directory left behind: " + work);
        // nothing on stderr but, where the logger writes there, the one warning the seed's PQ example
        // earns (upstream logs it too)
        assertTrue(run.err().lines().allMatch(l -> l.equals("[WARN] IndexConfig - Very high compression ratio: "
                + "768.0x may significantly impact recall quality")), run.err());
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
        assertTrue(run.out().contains("info"), run.out());
        assertTrue(run.out().contains("verify"), run.out());
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
