package io.zeusdb.vector.filter;

import static io.zeusdb.vector.filter.FilterTesting.list;
import static io.zeusdb.vector.filter.FilterTesting.map;
import static io.zeusdb.vector.filter.FilterTesting.matches;
import static io.zeusdb.vector.filter.FilterTesting.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every operator against every kind a field can hold: absent, null, boolean, integer, float, a
 * long past 2^53, string, list and map. Each row names exactly the records that must match; every
 * other record must not, and nothing may throw.
 */
class OperatorSemanticsTest {

    /** One record per kind, all under field "f". */
    private static final Map<String, Map<String, Object>> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put("absent", record("g", 10));
        RECORDS.put("null", record("f", null));
        RECORDS.put("false", record("f", false));
        RECORDS.put("true", record("f", true));
        RECORDS.put("int10", record("f", 10));
        RECORDS.put("float10", record("f", 10.0));
        RECORDS.put("float10.5", record("f", 10.5));
        RECORDS.put("big", record("f", (1L << 53) + 1));
        RECORDS.put("hello", record("f", "hello"));
        RECORDS.put("emptyString", record("f", ""));
        RECORDS.put("list", record("f", list("a", 10, true)));
        RECORDS.put("emptyList", record("f", list()));
        RECORDS.put("map", record("f", map("k", 1)));
    }

    private static final String PRESENT = "null false true int10 float10 float10.5 big hello emptyString list "
            + "emptyList map";

    static Stream<Arguments> rows() {
        return Stream.of(
                // plain value and eq: deep equality, numbers by magnitude, kinds never cross
                row("{\"f\": 10}", "int10 float10"),
                row("{\"f\": {\"eq\": 10.0}}", "int10 float10"),
                row("{\"f\": null}", "null"),
                row("{\"f\": {\"eq\": null}}", "null"),
                row("{\"f\": true}", "true"),
                row("{\"f\": false}", "false"),
                row("{\"f\": \"hello\"}", "hello"),
                row("{\"f\": \"10\"}", ""),
                row("{\"f\": 1}", ""),
                row("{\"f\": [\"a\", 10.0, true]}", "list"),
                row("{\"f\": [\"a\", true, 10]}", ""),
                row("{\"f\": []}", "emptyList"),
                row("{\"f\": {\"eq\": {\"k\": 1.0}}}", "map"),
                row("{\"f\": {\"eq\": {}}}", ""),
                row("{\"f\": {\"eq\": {\"k\": 1, \"j\": 1}}}", ""),
                row("{\"f\": 9007199254740993}", "big"),
                row("{\"f\": 9007199254740992}", ""),
                row("{\"f\": 9007199254740992.0}", ""),
                // ne: every present value but the equal ones; absent never matches
                row("{\"f\": {\"ne\": 10}}", without(PRESENT, "int10 float10")),
                row("{\"f\": {\"ne\": null}}", without(PRESENT, "null")),
                row("{\"f\": {\"ne\": [\"a\", 10, true]}}", without(PRESENT, "list")),
                // ranges on numbers by exact magnitude
                row("{\"f\": {\"gt\": 10}}", "float10.5 big"),
                row("{\"f\": {\"gte\": 10}}", "int10 float10 float10.5 big"),
                row("{\"f\": {\"lt\": 10.5}}", "int10 float10"),
                row("{\"f\": {\"lte\": 10.5}}", "int10 float10 float10.5"),
                row("{\"f\": {\"gt\": 9007199254740992.0}}", "big"),
                row("{\"f\": {\"lt\": 9007199254740993}}", "int10 float10 float10.5"),
                row("{\"f\": {\"gte\": 9007199254740993}}", "big"),
                row("{\"f\": {\"gt\": -1e300}}", "int10 float10 float10.5 big"),
                // ranges on strings by code point; never across kinds
                row("{\"f\": {\"gt\": \"a\"}}", "hello"),
                row("{\"f\": {\"lt\": \"hello\"}}", "emptyString"),
                row("{\"f\": {\"gte\": \"\"}}", "hello emptyString"),
                row("{\"f\": {\"lte\": \"hello\"}}", "hello emptyString"),
                row("{\"f\": {\"gt\": \"10\"}}", "hello"),
                // contains: substring of a string, or an element of a list
                row("{\"f\": {\"contains\": \"ell\"}}", "hello"),
                row("{\"f\": {\"contains\": \"\"}}", "hello emptyString"),
                row("{\"f\": {\"contains\": \"a\"}}", "list"),
                row("{\"f\": {\"contains\": 10.0}}", "list"),
                row("{\"f\": {\"contains\": true}}", "list"),
                row("{\"f\": {\"contains\": \"k\"}}", ""),
                row("{\"f\": {\"contains\": null}}", ""),
                // startswith / endswith: strings only
                row("{\"f\": {\"startswith\": \"he\"}}", "hello"),
                row("{\"f\": {\"startswith\": \"\"}}", "hello emptyString"),
                row("{\"f\": {\"endswith\": \"lo\"}}", "hello"),
                row("{\"f\": {\"endswith\": \"a\"}}", ""),
                // in: the whole value equals an element
                row("{\"f\": {\"in\": [10, \"hello\"]}}", "int10 float10 hello"),
                row("{\"f\": {\"in\": [null]}}", "null"),
                row("{\"f\": {\"in\": [[\"a\", 10, true]]}}", "list"),
                row("{\"f\": {\"in\": [\"a\"]}}", ""),
                row("{\"f\": {\"in\": []}}", ""),
                row("{\"f\": {\"in\": [{\"k\": 1}]}}", "map"),
                row("{\"f\": {\"in\": [10.5, false]}}", "float10.5 false"),
                row("{\"f\": {\"in\": [9007199254740992.0]}}", ""),
                row("{\"f\": {\"in\": [9007199254740993, true]}}", "big true"),
                // nin: present and no element equals the whole value
                row("{\"f\": {\"nin\": [10, \"hello\"]}}", without(PRESENT, "int10 float10 hello")),
                row("{\"f\": {\"nin\": []}}", PRESENT),
                // any: shares an element; a scalar is a one-element list; empty matches nothing
                row("{\"f\": {\"any\": [\"a\", \"zzz\"]}}", "list"),
                row("{\"f\": {\"any\": [10]}}", "int10 float10 list"),
                row("{\"f\": {\"any\": []}}", ""),
                row("{\"f\": {\"any\": [null]}}", "null"),
                row("{\"f\": {\"any\": [\"hello\", {\"k\": 1}]}}", "hello map"),
                // all: holds every element; a scalar is a one-element list; empty matches present
                row("{\"f\": {\"all\": [\"a\", 10]}}", "list"),
                row("{\"f\": {\"all\": []}}", PRESENT),
                row("{\"f\": {\"all\": [10]}}", "int10 float10 list"),
                row("{\"f\": {\"all\": [10, 11]}}", ""),
                row("{\"f\": {\"all\": [true]}}", "true list"),
                // presence
                row("{\"f\": {\"exists\": true}}", PRESENT),
                row("{\"f\": {\"exists\": false}}", "absent"),
                row("{\"f\": {\"is_missing\": true}}", "absent"),
                row("{\"f\": {\"is_missing\": false}}", PRESENT),
                row("{\"f\": {\"is_null\": true}}", "null"),
                row("{\"f\": {\"is_null\": false}}", "absent " + without(PRESENT, "null")),
                // an operator map is the conjunction of its operators
                row("{\"f\": {\"exists\": true, \"is_null\": false}}", without(PRESENT, "null")),
                row("{\"f\": {\"gte\": 10, \"lt\": 10.5}}", "int10 float10"),
                row("{\"f\": {\"exists\": false, \"eq\": 10}}", ""));
    }

    private static Arguments row(String filterJson, String expected) {
        return Arguments.of(filterJson, expected);
    }

    private static String without(String names, String removed) {
        Set<String> out = new TreeSet<>(Arrays.asList(names.split(" ")));
        out.removeAll(Arrays.asList(removed.split(" ")));
        return String.join(" ", out);
    }

    @ParameterizedTest(name = "{0} matches [{1}]")
    @MethodSource("rows")
    void eachOperatorMatchesExactlyTheExpectedKindsOfStoredValue(String filterJson, String expected) {
        Set<String> wanted = new TreeSet<>(Arrays.asList(expected.isBlank() ? new String[0] : expected.split(" ")));
        MetadataPredicate predicate = FilterCompiler.compile(filterJson);
        Set<String> matched = new TreeSet<>();
        for (Map.Entry<String, Map<String, Object>> e : RECORDS.entrySet()) {
            if (predicate.test(e.getValue())) {
                matched.add(e.getKey());
            }
        }
        assertEquals(wanted, matched, filterJson);
    }

    @Test
    void stringRangesCompareByCodePointNotByUtf16Unit() {
        // U+1F600 is stored as the surrogates D83D DE00, which sort before U+FFFD as UTF-16 units;
        // by code point it comes after.
        Map<String, Object> emoji = record("s", "\uD83D\uDE00");
        Map<String, Object> replacement = record("s", "\uFFFD");
        assertTrue(matches(map("s", map("gt", "\uFFFD")), emoji));
        assertFalse(matches(map("s", map("lt", "\uFFFD")), emoji));
        assertTrue(matches(map("s", map("lt", "\uD83D\uDE00")), replacement));
        assertTrue(matches(map("s", map("lte", "\uD83D\uDE00")), emoji));
        assertTrue(matches(map("s", map("gte", "2024-01-01", "lt", "2025-01-01")), record("s", "2024-06-30T12:00")));
    }

    @Test
    void aFloatOperandEqualsAnIntegerRecordByMagnitudeInEveryOperator() {
        Map<String, Object> ten = record("n", 10L, "tags", list(1, 2));
        assertTrue(matches(map("n", 10.0), ten));
        assertTrue(matches(map("n", map("in", list(10.0))), ten));
        assertTrue(matches(map("n", map("gte", 10.0, "lte", 10.0)), ten));
        assertTrue(matches(map("tags", map("all", list(1.0, 2.0))), ten));
        assertTrue(matches(map("tags", map("contains", 2.0)), ten));
        assertFalse(matches(map("n", map("ne", 10.0)), ten));
        assertFalse(matches(map("n", map("nin", list(10.0))), ten));
    }

    @Test
    void longsBeyondTwoPow53StayDistinctFromTheirNeighbours() {
        long big = (1L << 53) + 1;
        Map<String, Object> stored = record("n", big);
        assertFalse(matches(map("n", (double) big), stored), "(double) big rounds to 2^53");
        assertTrue(matches(map("n", big), stored));
        assertFalse(matches(map("n", big - 1), stored));
        assertTrue(matches(map("n", map("gt", (double) (1L << 53))), stored));
        assertFalse(matches(map("n", map("lte", (double) (1L << 53))), stored));
        assertTrue(matches(map("n", map("in", list(1, big))), stored));
        assertFalse(matches(map("n", map("in", list(1, (double) big))), stored));
        assertTrue(matches(map("n", map("gte", Long.MAX_VALUE)), record("n", Long.MAX_VALUE)));
        assertFalse(matches(map("n", map("gte", 0x1p63)), record("n", Long.MAX_VALUE)));
    }

    @Test
    void nestedObjectsCompareKeyWiseAndListsInOrder() {
        Map<String, Object> stored = record("doc", map("a", list(1, map("b", null)), "c", "x"));
        assertTrue(matches(map("doc", map("eq", map("c", "x", "a", list(1.0, map("b", null))))), stored));
        assertFalse(matches(map("doc", map("eq", map("c", "x", "a", list(map("b", null), 1)))), stored));
        assertFalse(matches(map("doc", map("eq", map("c", "x", "a", list(1, map())))), stored));
        assertFalse(matches(map("doc", map("eq", map("c", "x", "a", list(1, map("b", null)), "d", 1))), stored));
        assertFalse(matches(map("doc", map("eq", map("c", "x"))), stored));
        assertTrue(matches(map("doc", map("in", list(1, map("a", list(1, map("b", null)), "c", "x")))), stored));
    }

    @Test
    void aMissingFieldMatchesNoValueOperatorButNotComplementsIt() {
        Map<String, Object> noLang = record("author", "Bob");
        for (String op : new String[] {"eq", "ne", "gt", "gte", "lt", "lte", "contains", "startswith", "endswith"}) {
            assertFalse(matches(map("lang", map(op, "en")), noLang), op);
        }
        for (String op : new String[] {"in", "nin", "any", "all"}) {
            assertFalse(matches(map("lang", map(op, list("en"))), noLang), op);
        }
        assertFalse(matches(map("lang", map("all", list())), noLang));
        assertTrue(matches(map("$not", map("lang", map("all", list()))), noLang));
        assertTrue(matches(map("$not", map("author", "Alice")), noLang));
        assertTrue(matches(map("$not", map("lang", "en")), noLang));
    }

    @Test
    void aRecordWithoutMetadataMatchesOnlyTrivialAndAbsenceFilters() {
        Map<String, Object> empty = record();
        assertTrue(matches(null, empty));
        assertTrue(matches(map(), empty));
        assertFalse(matches(map("a", null), empty));
        assertFalse(matches(map("a", map("ne", 1)), empty));
        assertTrue(matches(map("a", map("is_missing", true)), empty));
    }
}
