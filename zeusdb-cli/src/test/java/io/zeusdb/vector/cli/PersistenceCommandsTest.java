package io.zeusdb.vector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.VectorDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdb info}, {@code zdb verify} and {@code zdb bench --save/--load}. */
class PersistenceCommandsTest {

    @TempDir
    Path tmp;

    private Path saved() throws Exception {
        HnswIndex index = new VectorDatabase().create(Map.of("dim", 4));
        index.add(List.of(Map.of("id", "a", "vector", new float[] {1, 2, 3, 4}, "metadata", Map.of("k", 1)),
                Map.of("id", "b", "vector", new float[] {4, 3, 2, 1})));
        index.removePoint("b");
        index.addMetadata(Map.of("dataset", "cli"));
        Path dir = tmp.resolve("cli.zdb");
        index.save(dir);
        return dir;
    }

    @Test
    void infoPrintsManifestInfoAndStats() throws Exception {
        Path dir = saved();
        CliRun run = CliRun.of("info", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"format_version\": \"2.0.0\""), run.out());
        assertTrue(run.out().contains("HNSWIndex(dim=4, space=cosine, m=16, ef_construction=200, expected_size=10000, "
                + "vectors=1, quantization=none)"), run.out());
        assertTrue(run.out().matches("(?s).*stranded_graph_nodes +1\n.*"), run.out());
        CliRun missing = CliRun.of("info", tmp.resolve("nope.zdb").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("Index directory not found"), missing.err());
    }

    @Test
    void verifyExitsZeroWhenSoundAndOneListingProblems() throws Exception {
        Path dir = saved();
        CliRun ok = CliRun.of("verify", dir.toString());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains("sound"), ok.out());
        byte[] v = Files.readAllBytes(dir.resolve("vectors.bin"));
        v[40] ^= 4;
        Files.write(dir.resolve("vectors.bin"), v);
        Files.writeString(dir.resolve("extra.txt"), "x");
        Files.delete(dir.resolve("metadata.json"));
        CliRun bad = CliRun.of("verify", dir.toString());
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.out().contains("NOT SOUND, 3 problems"), bad.out());
        assertTrue(bad.out().contains("  - metadata.json: manifest.json lists it"), bad.out());
        assertTrue(bad.out().contains("  - extra.txt: is in the index directory"), bad.out());
        assertTrue(bad.out().contains("  - vectors.bin: CRC32C is"), bad.out());
        assertEquals(1, CliRun.of("verify", tmp.resolve("nope.zdb").toString()).exitCode());
    }

    /** The JSON lines of a run, by phase (the last line of each phase). */
    private static Map<String, JsonNode> phases(CliRun run) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byPhase = new LinkedHashMap<>();
        for (String line : run.outLines()) {
            JsonNode node = json.readTree(line);
            byPhase.put(node.get("phase").asText(), node);
        }
        return byPhase;
    }

    @Test
    void benchSavesAndLoads() throws Exception {
        Path base = TestVecs.writeFvecs(tmp.resolve("base.fvecs"), TestVecs.gaussian(300, 8, 1));
        Path queries = TestVecs.writeFvecs(tmp.resolve("q.fvecs"), TestVecs.gaussian(20, 8, 2));
        Path dir = tmp.resolve("bench.zdb");
        CliRun save = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--ef", "50",
                "--passes", "1", "--threads", "1", "--save", dir.toString(), "--repeats", "2", "--fresh-jvms", "1",
                "--json");
        assertEquals(0, save.exitCode(), save.toString());
        Map<String, JsonNode> saved = phases(save);
        assertEquals(List.of("build", "save", "load", "save_again", "load_again", "copy", "copy_forced",
                "fresh_jvm_load", "fresh_jvm_first_query", "fresh_jvm_first_10_queries", "fresh_jvm_read_bytes",
                "search"), List.copyOf(saved.keySet()), save.out());
        for (String phase : List.of("fresh_jvm_load", "fresh_jvm_first_query", "fresh_jvm_first_10_queries",
                "fresh_jvm_read_bytes")) {
            assertEquals(1, saved.get(phase).get("rounds").asInt(), phase);
            assertTrue(saved.get(phase).get("best_seconds").asDouble() > 0, phase);
        }
        JsonNode saveLine = saved.get("save");
        long bytes = saveLine.get("bytes").asLong();
        assertTrue(bytes > 300 * 8 * 4, save.out());
        assertEquals(bytes / 300.0, saveLine.get("bytes_per_record").asDouble(), 0.06);
        for (String phase : List.of("save_again", "load_again", "copy", "copy_forced")) {
            assertEquals(2, saved.get(phase).get("rounds").asInt(), phase);
            assertTrue(saved.get(phase).get("best_seconds").asDouble() > 0, phase);
            assertTrue(saved.get(phase).get("median_seconds").asDouble()
                    >= saved.get(phase).get("best_seconds").asDouble(), phase);
        }
        try (var left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".zdb-bench-copy-")),
                    "the copies are removed");
        }
        CliRun load = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--ef", "50",
                "--passes", "1", "--load", dir.toString(), "--repeats", "0", "--fresh-jvms", "0", "--json");
        assertEquals(0, load.exitCode(), load.toString());
        Map<String, JsonNode> loaded = phases(load);
        assertEquals(List.of("load", "search"), List.copyOf(loaded.keySet()), load.out());
        assertTrue(saved.get("search").get("recall").isNumber(), save.out());
        assertEquals(saved.get("search").get("recall"), loaded.get("search").get("recall"));
        CliRun table = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--ef", "50",
                "--passes", "1", "--load", dir.toString(), "--repeats", "1", "--fresh-jvms", "1");
        assertTrue(table.out().contains("load     " + dir + " in "), table.out());
        assertTrue(table.out().contains("fresh    1 new JVMs, median (best): load "), table.out());
        assertTrue(table.out().contains("vs copy  a new JVM's load "), table.out());
        assertTrue(table.out().contains("bytes/record"), table.out());
        CliRun both = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--save",
                dir.toString(), "--load", dir.toString());
        assertEquals(2, both.exitCode());
        CliRun wrongBase = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--limit",
                "100", "--load", dir.toString());
        assertEquals(2, wrongBase.exitCode());
        assertTrue(wrongBase.err().contains("load an index saved from the same base"), wrongBase.err());
    }

    @Test
    void benchStoresRowMetadataAndComparesWithACopy() throws Exception {
        Path base = TestVecs.writeFvecs(tmp.resolve("meta.fvecs"), TestVecs.gaussian(120, 8, 3));
        Path queries = TestVecs.writeFvecs(tmp.resolve("meta-q.fvecs"), TestVecs.gaussian(10, 8, 4));
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            jsonl.append("{\"row\": ").append(i).append(", \"text\": \"sentence ").append(i).append("\"}\n");
        }
        Files.writeString(tmp.resolve("meta.jsonl"), jsonl);
        Path dir = tmp.resolve("meta.zdb");
        CliRun run = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--ef", "20",
                "--passes", "1", "--store-metadata", "--save", dir.toString(), "--repeats", "1", "--fresh-jvms", "0");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("metadata " + tmp.resolve("meta.jsonl") + ": stored with every record"), run.out());
        assertTrue(run.out().contains("vs copy  save "), run.out());
        assertTrue(run.out().contains("vs copy  load "), run.out());
        HnswIndex index = new VectorDatabase().load(dir);
        assertEquals(Map.of("row", 41L, "text", "sentence 41"), index.getRecords("vec_42", false).get(0)
                .metadata());
        CliRun bad = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--repeats", "-1");
        assertEquals(2, bad.exitCode(), bad.toString());
        CliRun badFresh = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(),
                "--fresh-jvms", "-2");
        assertEquals(2, badFresh.exitCode(), badFresh.toString());
        assertTrue(badFresh.err().contains("--fresh-jvms must be 0 or more, got -2"), badFresh.err());
    }
}
