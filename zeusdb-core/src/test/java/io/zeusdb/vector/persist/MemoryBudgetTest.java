package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory rule: loading and saving stay within 1.5x of the index's own size. A child
 * JVM whose heap is capped at 1.5x the index's reported memory (plus a fixed allowance for the
 * JVM's and the libraries' own classes and buffers) loads the index and saves it again; streaming
 * both ways is what makes that fit.
 */
class MemoryBudgetTest {

    @TempDir
    Path tmp;

    @Test
    void loadAndSaveFitInOneAndAHalfTimesTheIndex() throws Exception {
        int n = 12_000;
        HnswIndex index = VDB.create(IndexConfig.hnsw(384).m(6).efConstruction(12).expectedSize(n).insertThreads(2)
                .build());
        Random r = new Random(3);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Fixtures.randomVector(r, 384);
        }
        index.add(rows);
        Path src = tmp.resolve("src.zdb");
        index.save(src);
        long budget = (long) (1.5 * index.memoryBytes()) + (12L << 20); // + JVM, Jackson, buffers
        List<String> cmd = SaveCrashTest.command(List.of("-Xmx" + (budget >> 20) + "m", "-XX:+UseSerialGC"),
                "copy", src.toString(), tmp.resolve("dst.zdb").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "heap " + (budget >> 20) + " MiB for an index of "
                + (index.memoryBytes() >> 20) + " MiB:\n" + out);
        Fixtures.assertSameIndex(index, VDB.load(tmp.resolve("dst.zdb")), List.of());
    }
}
