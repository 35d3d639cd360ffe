package io.zeusdb.vector.filter;

import static io.zeusdb.vector.filter.FilterTesting.list;
import static io.zeusdb.vector.filter.FilterTesting.map;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every malformed filter is refused when it is compiled, with the reference's message where it
 * gives one, and no message repeats the caller's values.
 */
class MalformedFilterTest {

    private static String error(Object filter) {
        return assertThrows(IllegalArgumentException.class, () -> FilterCompiler.compile(filter)).getMessage();
    }

    @Test
    void unknownOperatorsAreNamed() {
        assertEquals("Unknown filter operation: text_match", error(map("body", map("text_match", "x"))));
        assertEquals("Unknown filter operation: $eq", error(map("body", map("$eq", "x"))));
        assertEquals("Unknown filter operation: EQ", error(map("body", map("EQ", "x"))));
        assertEquals("Unknown filter operation: $and", error(map("body", map("$and", list()))));
    }

    @Test
    void aMapValueIsAlwaysTheOperatorFormSoEqualityWithAnObjectNeedsEq() {
        assertEquals("Unknown filter operation: kind", error(map("source", map("kind", "web"))));
        assertDoesNotThrow(() -> FilterCompiler.compile(map("source", map("eq", map("kind", "web")))));
    }

    @Test
    void anEmptyOperatorMapIsRefusedAndExplainsBothReadings() {
        assertEquals("{\"meta\": {}} names no operator. A map value is always the operator form: write "
                + "{\"meta\": {\"eq\": {}}} to match an empty map, or {\"meta\": {\"exists\": true}} to require "
                + "the field.", error(map("meta", map())));
    }

    @Test
    void reservedGroupKeysOfTheWrongShapeGiveTheReferenceMessage() {
        String listShape = "a list of filter maps, for example {\"$or\": [{\"lang\": \"en\"}, {\"lang\": \"es\"}]}";
        assertEquals("\"$or\" is a reserved filter key and takes " + listShape + ", but it was given a string. "
                + "A metadata field named \"$or\" cannot be filtered on.", error(map("$or", "en")));
        assertEquals("\"$and\" is a reserved filter key and takes " + listShape + ", but it was given a map. "
                + "A metadata field named \"$and\" cannot be filtered on.", error(map("$and", map("a", 1))));
        assertEquals("\"$and\" is a reserved filter key and takes " + listShape + ", but it was given a number. "
                + "A metadata field named \"$and\" cannot be filtered on.", error(map("$and", 5)));
        assertEquals("\"$or\" is a reserved filter key and takes " + listShape + ", but it was given null. "
                + "A metadata field named \"$or\" cannot be filtered on.", error(map("$or", null)));
        assertEquals("\"$not\" is a reserved filter key and takes one filter map, for example "
                + "{\"$not\": {\"lang\": \"en\"}}, but it was given a list. A metadata field named \"$not\" "
                + "cannot be filtered on.", error(map("$not", list(map("a", 1)))));
        assertEquals("\"$not\" is a reserved filter key and takes one filter map, for example "
                + "{\"$not\": {\"lang\": \"en\"}}, but it was given a boolean. A metadata field named \"$not\" "
                + "cannot be filtered on.", error(map("$not", true)));
    }

    @Test
    void everyGroupEntryMustBeAFilterMap() {
        assertEquals("Every entry of \"$or\" must be a filter map, for example {\"lang\": \"en\"}, but one of them "
                + "is a string.", error(map("$or", list(map("a", 1), "b"))));
        assertEquals("Every entry of \"$and\" must be a filter map, for example {\"lang\": \"en\"}, but one of them "
                + "is null.", error(map("$and", list((Object) null))));
        assertEquals("Every entry of \"$and\" must be a filter map, for example {\"lang\": \"en\"}, but one of them "
                + "is a list.", error(map("$and", list(list(map("a", 1))))));
        assertEquals("Every entry of \"$or\" must be a filter map, for example {\"lang\": \"en\"}, but one of them "
                + "is a value of type java.lang.Object.", error(map("$or", list(new Object()))));
    }

    @Test
    void groupsNestingPastTenLevelsNameTheKeyAndTheLevel() {
        assertEquals("Filter groups nest to 10 levels and \"$not\" would open level 11.",
                error(GroupSemanticsTest.nestNot(map("a", 1), 10)));
        assertEquals("Filter groups nest to 10 levels and \"$not\" would open level 11.",
                error(GroupSemanticsTest.nestNot(map("a", 1), 40)));
        Object or = map("a", 1);
        for (int i = 0; i < 9; i++) {
            or = map("$or", list(or));
        }
        assertDoesNotThrow(() -> FilterCompiler.compile(map("$and", list())));
        Object tenDeep = map("$or", list(map("x", 1), map("$and", list(or))));
        assertEquals("Filter groups nest to 10 levels and \"$or\" would open level 11.", error(tenDeep));
        // An empty group still opens a level.
        assertEquals("Filter groups nest to 10 levels and \"$and\" would open level 11.",
                error(GroupSemanticsTest.nestNot(map("$and", list()), 9)));
    }

    @Test
    void presenceOperatorsTakeOnlyTrueOrFalse() {
        assertEquals("\"exists\" takes true or false, and {\"lang\": {\"exists\": ...}} was given a string.",
                error(map("lang", map("exists", "yes"))));
        assertEquals("\"is_null\" takes true or false, and {\"lang\": {\"is_null\": ...}} was given a number.",
                error(map("lang", map("is_null", 1))));
        assertEquals("\"is_missing\" takes true or false, and {\"lang\": {\"is_missing\": ...}} was given null.",
                error(map("lang", map("is_missing", null))));
        assertEquals("\"exists\" takes true or false, and {\"lang\": {\"exists\": ...}} was given a list.",
                error(map("lang", map("exists", list(true)))));
    }

    @Test
    void listOperatorsRefuseANonListOperandNamingFieldAndOperator() {
        assertEquals("\"in\" takes a list of values, and {\"tag\": {\"in\": ...}} was given a string. Put the "
                + "values in a list, for example {\"tag\": {\"in\": [\"a\", \"b\"]}}, or use \"eq\" for a single "
                + "value.", error(map("tag", map("in", "ai"))));
        assertTrue(error(map("tag", map("nin", 5))).startsWith(
                "\"nin\" takes a list of values, and {\"tag\": {\"nin\": ...}} was given a number."));
        assertTrue(error(map("tag", map("any", map("a", 1)))).startsWith(
                "\"any\" takes a list of values, and {\"tag\": {\"any\": ...}} was given a map."));
        assertTrue(error(map("tag", map("all", null))).startsWith(
                "\"all\" takes a list of values, and {\"tag\": {\"all\": ...}} was given null."));
        assertTrue(error(map("tag", map("all", true))).endsWith("or use \"contains\" for a single value."));
    }

    @Test
    void rangeOperatorsTakeOnlyANumberOrAString() {
        assertEquals("\"gt\" takes a number or a string, and {\"year\": {\"gt\": ...}} was given a boolean. Ranges "
                + "compare numbers with numbers and strings with strings (by code point).",
                error(map("year", map("gt", true))));
        assertTrue(error(map("year", map("gte", null))).contains("{\"year\": {\"gte\": ...}} was given null."));
        assertTrue(error(map("year", map("lt", list(1)))).contains("{\"year\": {\"lt\": ...}} was given a list."));
        assertTrue(error(map("year", map("lte", map()))).contains("{\"year\": {\"lte\": ...}} was given a map."));
    }

    @Test
    void startsWithAndEndsWithTakeOnlyAString() {
        assertEquals("\"startswith\" takes a string, and {\"title\": {\"startswith\": ...}} was given a number.",
                error(map("title", map("startswith", 5))));
        assertEquals("\"endswith\" takes a string, and {\"title\": {\"endswith\": ...}} was given null.",
                error(map("title", map("endswith", null))));
    }

    @Test
    void valuesAFilterCannotHoldAreRefusedNamingTheField() {
        assertTrue(error(map("when", new Object())).startsWith("The value in {\"when\": ...} cannot be used in a filter"));
        assertTrue(error(map("n", map("eq", Double.NaN))).startsWith(
                "The value in {\"n\": {\"eq\": ...}} cannot be used in a filter"));
        assertTrue(error(map("n", map("gt", Double.POSITIVE_INFINITY))).startsWith(
                "The value in {\"n\": {\"gt\": ...}} cannot be used in a filter"));
        Map<Object, Object> intKeyed = new HashMap<>();
        intKeyed.put(1, "x");
        assertTrue(error(map("doc", map("eq", intKeyed))).startsWith(
                "The value in {\"doc\": {\"eq\": ...}} cannot be used in a filter"));
    }

    @Test
    void keysThatAreNotStringsAreRefused() {
        Map<Object, Object> filter = new HashMap<>();
        filter.put(7, "x");
        assertEquals("Filter keys must be strings (a field name, or \"$and\", \"$or\", \"$not\"), but one key is "
                + "a number.", error(filter));
        Map<Object, Object> operators = new HashMap<>();
        operators.put(null, 1);
        assertEquals("Filter operators are named by strings, but the operator map of \"f\" has a key that is null.",
                error(map("f", operators)));
    }

    @Test
    void valuesNestedDeeperThan128LevelsAreRefusedAnd128AreAccepted() {
        // The filter map is level 1, so a plain value may open levels 2 to 128.
        assertDoesNotThrow(() -> FilterCompiler.compile(map("deep", nestedLists(127))));
        String expected = "The filter nests maps and lists deeper than 128 levels; filters, like metadata, nest at "
                + "most 128 levels.";
        assertEquals(expected, error(map("deep", nestedLists(128))));
        assertEquals(expected, error(map("deep", map("in", nestedLists(127)))));
        assertEquals(expected, error(map("deep", nestedLists(100_000))));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertEquals(expected, error(map("cycle", cycle)));
    }

    static List<Object> nestedLists(int levels) {
        List<Object> out = new ArrayList<>();
        for (int i = 1; i < levels; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(out);
            out = outer;
        }
        return out;
    }

    @Test
    void aSpecOfAnotherTypeIsRefusedNamingTheType() {
        assertEquals("A filter is null, a Map, JSON text (a String) or a Filter, but it was given a "
                + "java.lang.Integer.", error(42));
        assertTrue(error(List.of(map("a", 1))).contains("java.util."));
    }

    @Test
    void messagesDescribeValuesByKindAndNeverRepeatThem() {
        String secret = "s3cr3t-value";
        Object[] malformed = {map("$or", secret), map("$and", list(secret)), map("f", map("in", secret)),
                map("f", map("exists", secret)), map("f", map("gt", list(secret))), map("f", map("startswith", 5)),
                map("$not", list(secret)), "[\"" + secret + "\"]", "{\"a\": \"" + secret + "\" x}",
                "{\"" + secret + "\": 1, \"" + secret + "\": 2}"};
        for (Object filter : malformed) {
            assertFalse(error(filter).contains(secret), String.valueOf(filter));
        }
    }

    @Test
    void errorsComeFromCompilingAloneBeforeAnyRecordIsRead() {
        // No record exists anywhere in this test; each malformed part sits where evaluation would
        // never reach it, behind a branch that already decides the answer.
        assertThrows(IllegalArgumentException.class,
                () -> FilterCompiler.compile(map("$or", list(map(), map("x", map("text_match", "a"))))));
        assertThrows(IllegalArgumentException.class,
                () -> FilterCompiler.compile(map("$and", list(map("$or", list()), map("x", map("gt", true))))));
        assertThrows(IllegalArgumentException.class,
                () -> FilterCompiler.compile(map("a", map("exists", false, "in", "x"))));
        assertThrows(IllegalArgumentException.class,
                () -> FilterCompiler.compile("{\"$or\": [{}, {\"x\": {\"all\": 3}}]}"));
    }
}
