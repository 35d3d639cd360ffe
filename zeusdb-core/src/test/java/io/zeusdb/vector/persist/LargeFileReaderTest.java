package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.ZdbFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file many times larger than the 1 MiB read buffer (8.6 MB of vectors): the buffer refills
 * across field boundaries, and the same round trip and refusals must hold as for small files.
 */
class LargeFileReaderTest {

    @TempDir
    Path tmp;

    @Test
    void aMappedVectorsFileRoundTripsAndIsCheckedLikeABufferedOne() throws IOException {
        int n = 2_100;
        int dim = 1_024; // vectors.bin = 8.6 MB
        HnswIndex index = VDB.create(IndexConfig.hnsw(dim).m(4).efConstruction(8).insertThreads(2).build());
        Random r = new Random(9);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Fixtures.randomVector(r, dim);
        }
        index.add(rows);
        index.removePoint("vec_7");
        Path dir = tmp.resolve("large.zdb");
        index.save(dir);
        Map<String, byte[]> good = Fixtures.files(dir);
        assertTrue(good.get("vectors.bin").length >= 8 << 20);
        Fixtures.assertSameIndex(index, VDB.load(dir), List.of());

        Map<String, byte[]> flipped = new LinkedHashMap<>(good);
        byte[] v = good.get("vectors.bin").clone();
        v[v.length - 5] ^= 8;
        flipped.put("vectors.bin", v);
        assertEquals("vectors.bin", refused(flipped, false).file());

        Map<String, byte[]> truncated = new LinkedHashMap<>(good);
        truncated.put("vectors.bin", java.util.Arrays.copyOf(good.get("vectors.bin"), v.length - 4));
        assertTrue(refused(truncated, true).problem().contains("need exactly"));

        Map<String, byte[]> forged = new LinkedHashMap<>(good);
        byte[] f = good.get("vectors.bin").clone();
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 1L << 40);
        forged.put("vectors.bin", f);
        assertEquals("vectors.bin", refused(forged, true).file());

        Map<String, byte[]> nan = new LinkedHashMap<>(good);
        byte[] x = good.get("vectors.bin").clone();
        ByteBuffer.wrap(x).order(ByteOrder.LITTLE_ENDIAN).putFloat(x.length - 4, Float.POSITIVE_INFINITY);
        nan.put("vectors.bin", x);
        assertTrue(refused(nan, true).problem().contains("non-finite"));
    }

    private ZdbFormatException refused(Map<String, byte[]> files, boolean repair) {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        if (repair) {
            out.put("manifest.json", Digests.repaired(out));
        }
        Path dir = tmp.resolve("case" + System.nanoTime() + ".zdb");
        Fixtures.replaceDirectory(dir, out);
        return assertThrows(ZdbFormatException.class, () -> VDB.load(dir));
    }
}
