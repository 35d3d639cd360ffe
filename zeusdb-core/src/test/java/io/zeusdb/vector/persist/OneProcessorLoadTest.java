package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.QuantizationConfig;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.StorageMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a single processor a load takes the sequential path (no read-ahead threads) and a save
 * writes every file on the calling thread. A child JVM limited to one processor loads an index
 * saved here and saves it again: every file it writes must equal the original byte for byte (the
 * manifest aside, whose save time differs), and the copy must answer exactly like the original.
 */
class OneProcessorLoadTest {

    @TempDir
    Path tmp;

    private void roundTripOnOneProcessor(HnswIndex index, String name) throws Exception {
        Path src = tmp.resolve(name + ".zdb");
        Path dst = tmp.resolve(name + "-copy.zdb");
        index.save(src);
        List<String> cmd = SaveCrashTest.command(List.of("-XX:ActiveProcessorCount=1"), "copy", src.toString(),
                dst.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        Map<String, byte[]> before = Fixtures.files(src);
        Map<String, byte[]> after = Fixtures.files(dst);
        assertEquals(before.keySet(), after.keySet());
        for (String file : before.keySet()) {
            if (!file.equals("manifest.json")) {
                assertArrayEquals(before.get(file), after.get(file), name + ": " + file);
            }
        }
        Fixtures.assertSameIndex(index, VDB.load(dst), Fixtures.FILTERS);
    }

    @Test
    void aVariedIndexLoadsAndSavesTheSameOnOneProcessor() throws Exception {
        roundTripOnOneProcessor(Fixtures.varied(Space.COSINE, 300, 4), "varied");
    }

    @Test
    void aQuantizedIndexLoadsAndSavesTheSameOnOneProcessor() throws Exception {
        for (StorageMode mode : StorageMode.values()) {
            HnswIndex index = VDB.create(IndexConfig.hnsw(16).space(Space.L2).m(6).efConstruction(40).insertThreads(1)
                    .quantization(QuantizationConfig.pq().subvectors(4).bits(6).trainingSize(1000).storageMode(mode)
                            .build()).build());
            Random r = new Random(8);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 1150; i++) {
                rows.add(Map.of("id", "doc-" + i, "vector", Fixtures.randomVector(r, 16), "metadata",
                        Map.of("cat", List.of("a", "b", "c").get(i % 3), "i", i)));
            }
            index.add(rows.subList(0, 1000));
            index.add(rows.subList(1000, 1150)); // after training: coded (and linked by SDC when quantized_only)
            assertTrue(index.isQuantized());
            roundTripOnOneProcessor(index, "pq-" + mode);
        }
    }
}
