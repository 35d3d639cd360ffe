package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 3: the library prints nothing to stdout (it logs through SLF4J). */
class StdoutSilenceTest {

    @Test
    void theLibraryPrintsNothingToStdout() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            HnswIndex index = new VectorDatabase().create(Map.of("dim", 4, "m", 2, "ef_construction", 3, "expected_size", 1));
            index.add(new float[][] {{1, 2, 3, 4}, {4, 3, 2, 1}, {1, 1, 1, 1}});
            index.add(Map.of("id", "vec_1", "vector", List.of(0, 0, 0, 1)), false);
            index.add(List.of(List.of(1, 2), List.of(Float.NaN, 1, 1, 1)));
            index.search(new float[] {1, 1, 1, 1}, 2);
            index.searchBatch(new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {1, 1, 0, 0}, {0, 0, 1, 1}}, 2);
            index.removePoint("vec_2");
            index.updateMetadata("vec_1", Map.of("a", 1));
            index.compact();
            index.rebuild(4, 10, 4);
            index.shrinkToFit();
            index.getStats();
            index.info();
            index.clear();
        } finally {
            System.setOut(original);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
