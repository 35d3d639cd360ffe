package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.Space;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference 12.8 with real process deaths: a child JVM saving index B over index A is halted at
 * every distinct step of the save (each file written, each fsync, each rename, mid-file buffer
 * flushes, each deletion of the old directory) and, separately, killed at random moments while it
 * saves in a loop. Each time, what is left must load as the whole of A or the whole of B, and the
 * next save must clean up after the dead one.
 */
class SaveCrashTest {

    @TempDir
    static Path tmp;

    static HnswIndex a;
    static HnswIndex b;
    static Path aDir;
    static Path bDir;

    @BeforeAll
    static void indexes() throws IOException {
        // vectors.bin of B is over 1 MiB, so it is flushed mid-file more than once
        a = build(2_200, 1);
        b = build(2_600, 2);
        aDir = tmp.resolve("a.zdb");
        bDir = tmp.resolve("b.zdb");
        a.save(aDir);
        b.save(bDir);
    }

    private static HnswIndex build(int n, long seed) {
        HnswIndex index = VDB.create(IndexConfig.hnsw(128).space(Space.COSINE).m(8).efConstruction(24)
                .insertThreads(2).build());
        Random r = new Random(seed);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Fixtures.randomVector(r, 128);
        }
        index.add(rows);
        index.removePoints(List.of("vec_3", "vec_10"));
        index.addMetadata(Map.of("which", seed == 1 ? "A" : "B"));
        return index;
    }

    static List<String> command(String... args) {
        return command(List.of(), args);
    }

    static List<String> command(List<String> jvmOptions, String... args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", cp, SaveCrashChild.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** What is at {@code target} must be the whole of A or of B; returns which. */
    private static String assertWhole(Path target, String when) throws IOException {
        HnswIndex found;
        try {
            found = VDB.load(target);
        } catch (IOException e) {
            throw new AssertionError("after " + when + " the index does not load: " + e, e);
        }
        String which = found.getMetadata("which");
        Fixtures.assertSameIndex("A".equals(which) ? a : b, found, List.of());
        return which;
    }

    private static void assertOnlyTarget(Path parent, String when) throws IOException {
        try (var s = Files.list(parent)) {
            assertEquals(List.of("t.zdb"), s.map(p -> p.getFileName().toString()).sorted().toList(), when);
        }
    }

    @Test
    void haltedAtEveryStepOfASaveOverAnExistingIndex() throws Exception {
        Path parent = Files.createDirectory(tmp.resolve("steps"));
        Path target = parent.resolve("t.zdb");
        Map<String, byte[]> aFiles = Fixtures.files(aDir);
        Fixtures.replaceDirectory(target, aFiles);
        List<String> steps = SaveFailureTest.recordSteps(b, target);
        Set<String> points = new LinkedHashSet<>();
        Map<String, Integer> perKind = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            // every distinct step, but only mid-file flushes (the last one precedes "written"
            // directly), at most two per file, and two of the deletions
            String step = steps.get(i);
            if (step.contains(" flushed ") && i + 1 < steps.size() && steps.get(i + 1).endsWith(" written")) {
                continue;
            }
            String kind = step.contains(" flushed ") ? step.substring(0, step.indexOf(' ')) + " flushed"
                    : step.startsWith("deleted ") ? "deleted" : step;
            if (perKind.merge(kind, 1, Integer::sum) <= 2) {
                points.add(step);
            }
        }
        Map<String, Integer> outcomes = new HashMap<>();
        for (String point : points) {
            Fixtures.replaceDirectory(target, aFiles);
            Process p = new ProcessBuilder(command("step", bDir.toString(), target.toString(), point))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("child did not finish at step " + point);
            }
            assertEquals(SaveCrashChild.HALTED, p.exitValue(), "child halted at '" + point + "'; output:\n" + output);
            outcomes.merge(assertWhole(target, "a halt at '" + point + "'"), 1, Integer::sum);
            a.save(target); // the next save cleans up after the dead one
            assertOnlyTarget(parent, "after the save following a halt at '" + point + "'");
        }
        assertTrue(outcomes.getOrDefault("A", 0) > 0 && outcomes.getOrDefault("B", 0) > 0,
                points.size() + " halts gave " + outcomes);
        System.out.println(points.size() + " halt points " + points + " gave " + outcomes);
    }

    @Test
    void killedAtRandomMomentsWhileSavingInALoop() throws Exception {
        Path parent = Files.createDirectory(tmp.resolve("loop"));
        Path target = parent.resolve("t.zdb");
        Random random = new Random(Long.getLong("zeusdb.crash.seed", 7));
        int kills = Integer.getInteger("zeusdb.crash.kills", 5);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < kills; i++) {
            Fixtures.replaceDirectory(target, Fixtures.files(aDir));
            Process p = new ProcessBuilder(command("loop", aDir.toString(), bDir.toString(), target.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertEquals("ready", line);
            Thread.sleep(50 + random.nextInt(400));
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            outcomes.merge(assertWhole(target, "kill " + i), 1, Integer::sum);
            a.save(target);
            assertOnlyTarget(parent, "after the save following kill " + i);
        }
        assertEquals(kills, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        System.out.println(kills + " random kills gave " + outcomes);
    }
}
