package io.zeusdb.vector.filter;

import static io.zeusdb.vector.filter.FilterTesting.list;
import static io.zeusdb.vector.filter.FilterTesting.map;
import static io.zeusdb.vector.filter.FilterTesting.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON text form: number kinds, errors, and agreement with the Map form. */
class FilterJsonTextTest {

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> FilterCompiler.compile(json)).getMessage();
    }

    @Test
    void integersStayLongsFloatsBecomeDoublesAndHugeIntegersBecomeDoubles() {
        Map<String, Object> parsed = FilterJson.parseObject(
                "{\"i\": 10, \"f\": 10.0, \"e\": 1e2, \"n\": -9223372036854775808, \"h\": 18446744073709551616,"
                        + " \"s\": \"x\", \"b\": true, \"z\": null, \"l\": [1, 2.5], \"o\": {\"k\": false}}");
        assertEquals(10L, parsed.get("i"));
        assertEquals(10.0, parsed.get("f"));
        assertEquals(100.0, parsed.get("e"));
        assertEquals(Long.MIN_VALUE, parsed.get("n"));
        assertEquals(18446744073709551616.0, parsed.get("h"));
        assertEquals("x", parsed.get("s"));
        assertEquals(true, parsed.get("b"));
        assertTrue(parsed.containsKey("z"));
        assertEquals(null, parsed.get("z"));
        assertEquals(list(1L, 2.5), parsed.get("l"));
        assertEquals(map("k", false), parsed.get("o"));
    }

    @Test
    void aLongPastTwoPow53InJsonIsComparedExactly() {
        MetadataPredicate p = FilterCompiler.compile("{\"n\": {\"eq\": 9007199254740993}}");
        assertTrue(p.test(record("n", 9007199254740993L)));
        assertFalse(p.test(record("n", 9007199254740992L)));
    }

    @Test
    void theJsonTextAndTheMapFormCompileToTheSameAnswers() {
        String json = "{\"lang\": null, \"year\": {\"gte\": 2024}, \"$or\": [{\"tag\": {\"any\": [\"ai\"]}}, "
                + "{\"$not\": {\"draft\": true}}]}";
        Object asMap = map("lang", null, "year", map("gte", 2024),
                "$or", list(map("tag", map("any", list("ai"))), map("$not", map("draft", true))));
        assertEquals(FilterCompiler.canonicalForm(asMap), FilterCompiler.canonicalForm(json));
        List<Map<String, Object>> records = List.of(record("lang", null, "year", 2024, "tag", list("ai")),
                record("lang", null, "year", 2025, "draft", true), record("lang", "en", "year", 2024),
                record("lang", null, "year", 2023.5), record("year", 2030), record("lang", null, "year", 2024.0));
        MetadataPredicate fromJson = FilterCompiler.compile(json);
        MetadataPredicate fromMap = FilterCompiler.compile(asMap);
        boolean[] expected = {true, false, false, false, false, true};
        for (int i = 0; i < records.size(); i++) {
            assertEquals(expected[i], fromJson.test(records.get(i)), "record " + i);
            assertEquals(expected[i], fromMap.test(records.get(i)), "record " + i);
        }
    }

    @Test
    void jsonThatIsNotAnObjectIsRefused() {
        assertEquals("Filter JSON text must be an object, for example {\"lang\": \"en\"}, but it is a list.",
                error("[{\"a\": 1}]"));
        assertEquals("Filter JSON text must be an object, for example {\"lang\": \"en\"}, but it is null.",
                error("null"));
        assertEquals("Filter JSON text must be an object, for example {\"lang\": \"en\"}, but it is a string.",
                error("\"{}\""));
        assertEquals("Filter JSON text must be an object, for example {\"lang\": \"en\"}, but it is a number.",
                error("12"));
        assertEquals("Filter JSON text is empty; write {} to match every record.", error("   "));
    }

    @Test
    void invalidJsonGivesAPositionNotAnExcerpt() {
        assertTrue(error("{\"a\": 1,}").startsWith("Filter JSON text is not valid JSON (at line 1, column "));
        assertTrue(error("{\"a\": tru}").startsWith("Filter JSON text is not valid JSON (at line 1, column "));
        assertTrue(error("{\"a\": 1} {\"b\": 2}").startsWith("Filter JSON text has more after its object, at line 1"));
        assertTrue(error("{\"a\": 1, \"a\": 2}").startsWith("Filter JSON text repeats a key within one object"));
        assertTrue(error("{\"a\": 1e999}").startsWith("Filter JSON text holds a number too large for a double"));
    }

    @Test
    void jsonNestedPast128LevelsIsRefusedAnd128IsAccepted() {
        String ok = "{\"a\": " + "[".repeat(127) + "]".repeat(127) + "}";
        FilterCompiler.compile(ok);
        String deep = "{\"a\": " + "[".repeat(128) + "]".repeat(128) + "}";
        assertEquals("The filter JSON text nests objects and arrays deeper than 128 levels; filters, like metadata, "
                + "nest at most 128 levels.", error(deep));
        String veryDeep = "{\"a\": " + "[".repeat(50_000) + "]".repeat(50_000) + "}";
        assertTrue(error(veryDeep).startsWith("The filter JSON text nests objects and arrays deeper than 128"));
    }

    @Test
    void writingKeepsNumberKindsAndKeyOrder() {
        assertEquals("{\"b\":1,\"a\":[1.0,null,\"x\",true,{\"k\":{}}]}",
                FilterJson.write(map("b", 1L, "a", list(1.0, null, "x", true, map("k", map())))));
    }
}
