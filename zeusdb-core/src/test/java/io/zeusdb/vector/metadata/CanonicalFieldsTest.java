package io.zeusdb.vector.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch path a load takes ({@link MetadataValues#canonicalFields} with a
 * {@link StringSharing#forBatch() batch cache}) gives exactly what the caller path
 * ({@link MetadataValues#canonicalMap}) gives, in either name order, with names interned.
 */
class CanonicalFieldsTest {

    @Test
    void batchPathEqualsCallerPathInEitherNameOrder() {
        Random r = new Random(3);
        StringSharing batch = StringSharing.forBatch();
        for (int round = 0; round < 2_000; round++) {
            int n = r.nextInt(8);
            Map<String, Object> raw = new LinkedHashMap<>();
            while (raw.size() < n) {
                String name = r.nextBoolean() ? "f" + r.nextInt(12) : "ü\uD83D\uDE00" + r.nextInt(3);
                Object value = switch (r.nextInt(7)) {
                    case 0 -> "cat" + r.nextInt(5);
                    case 1 -> "long text ".repeat(8) + r.nextInt(1_000);
                    case 2 -> (long) r.nextInt();
                    case 3 -> r.nextDouble();
                    case 4 -> new BigInteger("123456789012345678901234567890");
                    case 5 -> new ArrayList<>(List.of("a", 1L, true));
                    default -> null;
                };
                raw.put(name, value);
            }
            List<String> names = new ArrayList<>(raw.keySet());
            if (r.nextBoolean()) {
                names.sort(CodePointOrder.INSTANCE);
            }
            String[] ns = new String[n];
            Object[] vs = new Object[n];
            for (int i = 0; i < n; i++) {
                ns[i] = new String(names.get(i)); // not the interned instance
                vs[i] = raw.get(names.get(i));
            }
            Map<String, Object> viaBatch = MetadataValues.canonicalFields(ns, vs, n, batch);
            Map<String, Object> viaCaller = MetadataValues.canonicalMap(raw);
            assertEquals(viaCaller, viaBatch);
            assertEquals(new ArrayList<>(viaCaller.keySet()), new ArrayList<>(viaBatch.keySet()), "code-point order");
            for (String name : viaBatch.keySet()) {
                assertSame(name.intern(), name, "field names are interned");
            }
        }
    }

    @Test
    void aRepeatedNameGivesNullAndBadValuesAreRefused() {
        StringSharing batch = StringSharing.forBatch();
        assertNull(MetadataValues.canonicalFields(new String[] {"b", "a", "b"}, new Object[] {1L, 2L, 3L}, 3, batch));
        assertNull(MetadataValues.canonicalFields(new String[] {"a", "a"}, new Object[] {1L, 2L}, 2, batch));
        assertThrows(InvalidMetadataException.class, () -> MetadataValues.canonicalFields(new String[] {"x"},
                new Object[] {Double.NaN}, 1, batch));
        assertEquals(Map.of(), MetadataValues.canonicalFields(new String[0], new Object[0], 0, batch));
    }

    @Test
    void aBatchSharesRepeatedShortValues() {
        StringSharing batch = StringSharing.forBatch();
        Map<String, Object> a = MetadataValues.canonicalFields(new String[] {"k"}, new Object[] {new String("noun")}, 1, batch);
        Map<String, Object> b = MetadataValues.canonicalFields(new String[] {"k"}, new Object[] {new String("noun")}, 1, batch);
        assertSame(a.get("k"), b.get("k"));
    }

    @Test
    void textFromAParserBufferIsSharedWithTheSameSlotAsAString() {
        StringSharing batch = StringSharing.forBatch();
        char[] buf = "xxdefinitionyy".toCharArray();
        String first = batch.value(buf, 2, 10);
        assertEquals("definition", first);
        assertSame(first, batch.value(buf, 2, 10));
        assertSame(first, batch.value(new String("definition")), "a String equal to buffered text finds it");
        String other = batch.value(buf, 2, 9);
        assertEquals("definitio", other);
        String longText = "z".repeat(StringSharing.MAX_SHARED_LENGTH + 1);
        char[] big = longText.toCharArray();
        assertEquals(longText, batch.value(big, 0, big.length));
        assertEquals("", batch.value(buf, 3, 0));
        assertEquals("\u00fc\uD83D\uDE00", batch.value("\u00fc\uD83D\uDE00".toCharArray(), 0, 3));
    }
}
