package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.persistence.SaveSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save that fails at any of its steps (an exception thrown from inside the procedure) leaves
 * the old or the new index whole at the target, and the next save succeeds and leaves no
 * siblings. The child-JVM crash test covers the same steps with a real process death.
 */
class SaveFailureTest {

    @TempDir
    Path tmp;

    @AfterEach
    void removeListener() {
        SaveSteps.setListener(null);
    }

    /** The steps a save over an existing index goes through, in order. */
    static List<String> recordSteps(HnswIndex index, Path target) throws IOException {
        List<String> steps = new ArrayList<>();
        SaveSteps.setListener(steps::add);
        try {
            index.save(target);
        } finally {
            SaveSteps.setListener(null);
        }
        return steps;
    }

    @Test
    void aFailureAtAnyStepLeavesAWholeIndex() throws IOException {
        HnswIndex oldIndex = Fixtures.varied(Space.L2, 120, 1);
        HnswIndex newIndex = Fixtures.varied(Space.L2, 160, 2);
        Path target = tmp.resolve("idx.zdb");
        oldIndex.save(target);
        java.util.Map<String, byte[]> oldFiles = Fixtures.files(target);
        List<String> steps = recordSteps(newIndex, target);
        assertTrue(steps.contains("renamed target to old") && steps.contains("renamed staging to target")
                && steps.contains("staging synced") && steps.contains("vectors.bin synced"), steps.toString());
        int sawOld = 0;
        int sawNew = 0;
        for (String failAt : steps) {
            Fixtures.replaceDirectory(target, oldFiles); // the old index again, without a save's fsyncs
            SaveSteps.setListener(step -> {
                if (step.equals(failAt)) {
                    throw new IllegalStateException("injected failure at " + step);
                }
            });
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> newIndex.save(target));
                assertEquals("injected failure at " + failAt, e.getMessage());
            } finally {
                SaveSteps.setListener(null);
            }
            HnswIndex found = VDB.load(target);
            if (found.getVectorCount() == oldIndex.getVectorCount()) {
                Fixtures.assertSameIndex(oldIndex, found, List.of());
                sawOld++;
            } else {
                Fixtures.assertSameIndex(newIndex, found, List.of());
                sawNew++;
            }
            newIndex.save(target); // cleans up whatever the failure left
            try (var s = Files.list(tmp)) {
                assertEquals(List.of("idx.zdb"), s.map(p -> p.getFileName().toString()).toList(), failAt);
            }
        }
        assertTrue(sawOld > 0 && sawNew > 0, sawOld + " old, " + sawNew + " new");
    }
}
