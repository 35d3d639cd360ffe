package io.zeusdb.vector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdb bench} end to end on a tiny generated data set with exact truth. */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 500;
    private static final int DIM = 16;
    private static final int QUERIES = 40;
    private static final int TRUTH_WIDTH = 20;

    @TempDir
    static Path dir;
    static Path base;
    static Path queries;
    static Path truth;

    @BeforeAll
    static void writeData() throws Exception {
        float[][] b = TestVecs.gaussian(N, DIM, 11);
        float[][] q = TestVecs.gaussian(QUERIES, DIM, 12);
        base = TestVecs.writeFvecs(dir.resolve("base.fvecs"), b);
        queries = TestVecs.writeFvecs(dir.resolve("query.fvecs"), q);
        int[][] t = new int[QUERIES][];
        for (int i = 0; i < QUERIES; i++) {
            float[] query = q[i];
            t[i] = IntStream.range(0, N).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> cosineDistance(query, b[j])).thenComparingInt(j -> j))
                    .limit(TRUTH_WIDTH).mapToInt(Integer::intValue).toArray();
        }
        truth = TestVecs.writeIvecs(dir.resolve("truth.ivecs"), t);
    }

    private static double cosineDistance(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return 1 - dot / Math.sqrt(na * nb);
    }

    private static List<JsonNode> jsonLines(CliRun run) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.outLines()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void jsonModeReachesRecallOneAtALargeEf() throws Exception {
        CliRun run = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--truth",
                truth.toString(), "--k", "10", "--space", "cosine", "--m", "8", "--ef-construction", "64",
                "--ef", "10,400", "--threads", "1", "--batch", "128", "--passes", "1", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        List<JsonNode> lines = jsonLines(run);
        assertEquals(3, lines.size(), run.toString());

        JsonNode build = lines.get(0);
        assertEquals(List.of("phase", "seconds", "threads", "n", "dim", "index_bytes"), keys(build));
        assertEquals("build", build.get("phase").asText());
        assertEquals(1, build.get("threads").asInt());
        assertEquals(N, build.get("n").asInt());
        assertEquals(DIM, build.get("dim").asInt());
        assertTrue(build.get("seconds").asDouble() > 0, run.toString());
        assertTrue(build.get("index_bytes").isIntegralNumber(), run.toString());

        int[] efs = {10, 400};
        for (int i = 0; i < efs.length; i++) {
            JsonNode s = lines.get(1 + i);
            assertEquals(List.of("phase", "ef", "k", "recall", "qps", "p50_ms", "p99_ms"), keys(s));
            assertEquals("search", s.get("phase").asText());
            assertEquals(efs[i], s.get("ef").asInt());
            assertEquals(10, s.get("k").asInt());
            double recall = s.get("recall").asDouble();
            assertTrue(recall > 0 && recall <= 1, run.toString());
            assertTrue(s.get("qps").asDouble() > 0, run.toString());
            assertTrue(s.get("p50_ms").asDouble() <= s.get("p99_ms").asDouble(), run.toString());
        }
        assertEquals(1.0, lines.get(2).get("recall").asDouble(), run.toString());
        assertTrue(run.err().contains("truth.ivecs: exact top-20 per query"), run.err());
    }

    @Test
    void limitComputesTheTruthByBruteForce() throws Exception {
        CliRun run = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--truth",
                truth.toString(), "--limit", "300", "--ef", "300", "--threads", "2", "--passes", "1", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        List<JsonNode> lines = jsonLines(run);
        assertEquals(300, lines.get(0).get("n").asInt());
        assertEquals(2, lines.get(0).get("threads").asInt());
        // the file's truth refers to all 500 rows; recall 1.0 proves the brute force over 300 was used
        assertEquals(1.0, lines.get(1).get("recall").asDouble(), run.toString());
        assertTrue(run.err().contains("--limit 300 uses the first 300 of 500 base vectors"), run.err());
        assertTrue(run.err().contains("computed by brute force"), run.err());
    }

    @Test
    void tableModePrintsBuildMemoryAndOneRowPerEf() {
        CliRun run = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--truth",
                truth.toString(), "--ef", "16,500", "--passes", "1");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("build    500 vectors in "), run.out());
        assertTrue(run.out().contains("index heap"), run.out());
        assertTrue(run.out().contains("index.memoryBytes()"), run.out());
        assertTrue(run.out().contains("recall@10"), run.out());
        String last = run.outLines().get(run.outLines().size() - 1).trim();
        assertTrue(last.matches("500 +1\\.0000 +[0-9,.]+ +[0-9.]+ +[0-9.]+"), last);
        assertEquals("", run.err(), "nothing on stderr when it is not a terminal");
    }

    @Test
    void missingBaseFileExitsTwoNamingTheFile() {
        Path missing = dir.resolve("missing.fvecs");
        CliRun run = CliRun.of("bench", "--base", missing.toString(), "--queries", queries.toString(), "--truth",
                truth.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("zdb bench: " + missing + ": no such file", run.err().trim());
        assertEquals("", run.out());
    }

    @Test
    void truthWithTooFewNeighboursExitsTwo() {
        CliRun run = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--truth",
                truth.toString(), "--k", "25");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("holds 20 neighbours per query, fewer than --k 25"), run.err());
    }

    @Test
    void truthFromAnotherBaseExitsTwo() throws Exception {
        Path wrong = TestVecs.writeIvecs(dir.resolve("wrong.ivecs"), new int[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9, 999}});
        CliRun run = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--truth",
                wrong.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("has 1 rows but"), run.err());
    }

    @Test
    void queriesOfAnotherWidthExitTwo() throws Exception {
        Path narrow = TestVecs.writeFvecs(dir.resolve("narrow.fvecs"), TestVecs.gaussian(3, 8, 1));
        CliRun run = CliRun.of("bench", "--base", base.toString(), "--queries", narrow.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("holds 8-d vectors but"), run.err());
    }

    @Test
    void badOptionValuesExitTwo() {
        String[][] cases = {
            {"--space", "hamming"},
            {"--k", "0"},
            {"--ef", "10,x"},
            {"--m", "1"},
            {"--limit", "-5"},
            {"--bogus"},
        };
        for (String[] extra : cases) {
            List<String> args = new ArrayList<>(List.of("bench", "--base", base.toString(), "--queries",
                    queries.toString()));
            args.addAll(List.of(extra));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), String.join(" ", extra) + "\n" + run);
            assertTrue(run.err().contains("Usage: zdb bench"), run.err());
        }
        CliRun mAbove = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--m", "1");
        assertTrue(mAbove.err().contains("m must be at least 2, got 1"), mAbove.err());
        CliRun space = CliRun.of("bench", "--base", base.toString(), "--queries", queries.toString(), "--space", "x");
        assertTrue(space.err().contains("Unsupported space: 'x'"), space.err());
    }

    @Test
    void percentileIsNearestRank() {
        long[] sorted = IntStream.rangeClosed(1, 100).asLongStream().toArray();
        assertEquals(50, BenchCommand.percentile(sorted, 50));
        assertEquals(99, BenchCommand.percentile(sorted, 99));
        assertEquals(7, BenchCommand.percentile(new long[] {7}, 99));
        assertEquals(41, BenchCommand.rowOf("vec_42"));
    }
}
