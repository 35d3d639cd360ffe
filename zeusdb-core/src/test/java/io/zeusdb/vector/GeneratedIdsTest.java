package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference 4.2: generated ids vec_N come from a counter that never goes back. */
class GeneratedIdsTest {

    private static HnswIndex index() {
        return new VectorDatabase().create(Map.of("dim", 2, "space", "l2"));
    }

    private static String nextId(HnswIndex index) {
        List<String> ids = index.add(new float[] {1, 1}).ids();
        assertEquals(1, ids.size());
        return ids.get(0);
    }

    @Test
    void idsAreConsecutiveAcrossCalls() {
        HnswIndex index = index();
        assertEquals(List.of("vec_1", "vec_2"), index.add(Map.of("vectors", List.of(List.of(0.1, 0.2), List.of(0.3, 0.4)))).ids());
        assertEquals(List.of("a", "b"), index.add(Map.of("ids", List.of("a", "b"), "embeddings",
                List.of(List.of(0.5, 0.6), List.of(0.7, 0.8)))).ids());
        assertEquals("vec_3", nextId(index));
        assertEquals(List.of("vec_4", "vec_5"), index.add(new float[][] {{1, 2}, {3, 4}}).ids());
    }

    @Test
    void removedIdsAreNeverReissued() {
        HnswIndex index = index();
        nextId(index);
        nextId(index);
        assertTrue(index.removePoint("vec_2"));
        assertEquals("vec_3", nextId(index));
        assertEquals(List.of(), index.removePoints(List.of("vec_1", "vec_3")));
        assertEquals("vec_4", nextId(index));
    }

    @Test
    void clearDoesNotResetTheCounter() {
        HnswIndex index = index();
        nextId(index);
        nextId(index);
        nextId(index);
        assertEquals(3, index.clear());
        assertEquals(0, index.size());
        assertEquals("vec_4", nextId(index));
        assertEquals(1, index.clear(), "clear returns the number removed");
        assertEquals(0, index.clear(), "clearing an empty index returns 0");
        assertEquals("vec_5", nextId(index));
    }

    @Test
    void rejectedRowsDoNotConsumeIds() {
        HnswIndex index = index();
        AddResult r = index.add(List.of(List.of(1, 1), List.of(1, 2, 3), List.of(Float.NaN, 1), List.of(2, 2)));
        assertEquals(List.of("vec_1", "vec_2"), r.ids());
        assertEquals(2, r.totalErrors());
        assertEquals("vec_3", nextId(index));
        // a call whose every row is rejected consumes nothing
        index.add(List.of(List.of(1)));
        assertEquals("vec_4", nextId(index));
    }

    @Test
    void callerChosenVecNRaisesTheCounter() {
        HnswIndex index = index();
        nextId(index);
        index.add(Map.of("id", "vec_9", "vector", List.of(9, 9)));
        assertEquals("vec_10", nextId(index));
        // a lower one does not lower it
        index.add(Map.of("id", "vec_3", "vector", List.of(3, 3)));
        assertEquals("vec_11", nextId(index));
        // leading zeros count by value
        index.add(Map.of("id", "vec_0042", "vector", List.of(4, 2)));
        assertEquals("vec_43", nextId(index));
        // the caller's record is never replaced by a generated one
        assertEquals(List.of(9f, 9f), asList(index.getRecords("vec_9").get(0).vector()));
        assertEquals(7, index.size());
    }

    @Test
    void idsThatAreNotVecNLeaveTheCounterAlone() {
        HnswIndex index = index();
        for (String id : List.of("vec_", "vec_12a", "VEC_50", "vec_-5", "vec_ 60", "xvec_70", "vec_1.5e3",
                "vec_99999999999999999999", "vec_\u0661\u0662")) {
            AddResult r = index.add(Map.of("id", id, "vector", List.of(1, 1)));
            assertEquals(List.of(id), r.ids());
        }
        assertEquals("vec_1", nextId(index));
    }

    @Test
    void counterIsRaisedByTheLargestLongAndOnlyByInsertedRecords() {
        HnswIndex index = index();
        // a rejected record does not raise the counter
        AddResult bad = index.add(Map.of("id", "vec_50", "vector", List.of(1, 2, 3)));
        assertEquals(1, bad.totalErrors());
        assertEquals("vec_1", nextId(index));
        // the floor follows any N up to 2^63-1
        index.add(Map.of("id", "vec_" + Long.MAX_VALUE / 2, "vector", List.of(1, 1)));
        assertEquals("vec_" + (Long.MAX_VALUE / 2 + 1), nextId(index));
    }

    @Test
    void aGeneratedIdInTheSameBatchNeverCollidesWithACallerVecN() {
        HnswIndex index = index();
        List<Object> batch = new ArrayList<>();
        batch.add(new float[] {1, 1});
        batch.add(Map.of("id", "vec_1", "vector", List.of(2, 2)));
        batch.add(Map.of("id", "vec_2", "vector", List.of(3, 3)));
        AddResult r = index.add(batch);
        assertEquals(3, r.totalInserted(), r.errors().toString());
        assertEquals(3, index.size());
        String generated = r.ids().stream().filter(id -> !id.equals("vec_1") && !id.equals("vec_2")).findFirst().orElseThrow();
        assertNotEquals("vec_1", generated);
        assertEquals(List.of(2f, 2f), asList(index.getRecords("vec_1").get(0).vector()));
        assertEquals(List.of(3f, 3f), asList(index.getRecords("vec_2").get(0).vector()));
        assertEquals("vec_4", nextId(index));
    }

    @Test
    void removingACallerVecNKeepsTheFloor() {
        HnswIndex index = index();
        index.add(Map.of("id", "vec_7", "vector", List.of(1, 1)));
        index.removePoint("vec_7");
        index.clear();
        assertEquals("vec_8", nextId(index));
    }

    private static List<Float> asList(float[] v) {
        List<Float> out = new ArrayList<>();
        for (float x : v) {
            out.add(x);
        }
        return out;
    }
}
