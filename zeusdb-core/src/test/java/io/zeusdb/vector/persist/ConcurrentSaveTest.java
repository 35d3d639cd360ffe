package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.persistence.ZdbReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference 13: save runs while searches run, and saves a consistent snapshot while adds happen. */
class ConcurrentSaveTest {

    @TempDir
    Path tmp;

    @Test
    void savesDuringAddsAndSearchesAreConsistentSnapshots() throws Exception {
        HnswIndex index = VDB.create(IndexConfig.hnsw(16).m(8).efConstruction(32).insertThreads(1).build());
        Random r = new Random(4);
        float[][] base = new float[1000][];
        for (int i = 0; i < base.length; i++) {
            base[i] = Fixtures.randomVector(r, 16);
        }
        index.add(base);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger searches = new AtomicInteger();
        Thread adder = new Thread(() -> {
            Random ar = new Random(5);
            try {
                for (int batch = 0; batch < 40 && !stop.get(); batch++) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        rows.add(Map.of("id", "b" + batch + "-" + i, "vector", Fixtures.randomVector(ar, 16),
                                "metadata", Map.of("batch", batch)));
                    }
                    index.add(rows);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Thread searcher = new Thread(() -> {
            Random sr = new Random(6);
            try {
                while (!stop.get()) {
                    index.search(Fixtures.randomVector(sr, 16), 10);
                    searches.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        adder.start();
        searcher.start();
        List<Path> saved = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path dir = tmp.resolve("s" + i + ".zdb");
            index.save(dir);
            saved.add(dir);
        }
        adder.join();
        stop.set(true);
        searcher.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(searches.get() > 0);
        for (Path dir : saved) {
            assertEquals(List.of(), ZdbReader.verify(dir));
            HnswIndex loaded = VDB.load(dir);
            int added = loaded.getVectorCount() - 1000;
            assertEquals(0, added % 50, "a snapshot holds whole batches only: " + added);
            for (int b = 0; b < added / 50; b++) {
                assertEquals(50, loaded.count(Map.of("batch", b)), "batch " + b);
            }
        }
    }
}
