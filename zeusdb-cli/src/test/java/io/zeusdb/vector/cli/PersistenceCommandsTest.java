package io.zeusdb.vector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.VectorDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void benchSavesAndLoads() throws Exception {
        Path base = TestVecs.writeFvecs(tmp.resolve("base.fvecs"), TestVecs.gaussian(300, 8, 1));
        Path queries = TestVecs.writeFvecs(tmp.resolve("q.fvecs"), TestVecs.gaussian(20, 8, 2));
        Path dir = tmp.resolve("bench.zdb");
        CliRun save = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--ef", "50",
                "--passes", "1", "--threads", "1", "--save", dir.toString(), "--json");
        assertEquals(0, save.exitCode(), save.toString());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = save.outLines();
        JsonNode saveLine = json.readTree(lines.get(1));
        JsonNode loadLine = json.readTree(lines.get(2));
        assertEquals("save", saveLine.get("phase").asText());
        assertEquals("load", loadLine.get("phase").asText());
        long bytes = saveLine.get("bytes").asLong();
        assertTrue(bytes > 300 * 8 * 4, save.out());
        assertEquals(bytes / 300.0, saveLine.get("bytes_per_record").asDouble(), 0.06);
        CliRun load = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--ef", "50",
                "--passes", "1", "--load", dir.toString(), "--json");
        assertEquals(0, load.exitCode(), load.toString());
        assertEquals("load", json.readTree(load.outLines().get(0)).get("phase").asText());
        assertEquals(json.readTree(lines.get(3)).get("recall"), json.readTree(load.outLines().get(1)).get("recall"));
        CliRun table = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--ef", "50",
                "--passes", "1", "--load", dir.toString());
        assertTrue(table.out().contains("load     " + dir + " in "), table.out());
        assertTrue(table.out().contains("bytes/record"), table.out());
        CliRun both = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--save",
                dir.toString(), "--load", dir.toString());
        assertEquals(2, both.exitCode());
        CliRun wrongBase = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--limit",
                "100", "--load", dir.toString());
        assertEquals(2, wrongBase.exitCode());
        assertTrue(wrongBase.err().contains("load an index saved from the same base"), wrongBase.err());
    }
}
