package io.zeusdb.vector.filter;

import static io.zeusdb.vector.filter.FilterTesting.list;
import static io.zeusdb.vector.filter.FilterTesting.map;
import static io.zeusdb.vector.filter.FilterTesting.matches;
import static io.zeusdb.vector.filter.FilterTesting.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code $and}, {@code $or}, {@code $not}, the entries of a map, and what a filter's shape decides. */
class GroupSemanticsTest {

    private static final Map<String, Object> ALICE_EN = record("author", "Alice", "lang", "en", "year", 2024);
    private static final Map<String, Object> BOB_ES = record("author", "Bob", "lang", "es", "year", 2020);
    private static final Map<String, Object> NO_AUTHOR = record("lang", "en");
    private static final Map<String, Object> EMPTY = record();
    private static final List<Map<String, Object>> ALL = List.of(ALICE_EN, BOB_ES, NO_AUTHOR, EMPTY);

    @Test
    void theEntriesOfAMapAreAndedTogether() {
        Map<String, Object> filter = map("lang", "en", "year", map("gte", 2024));
        assertTrue(matches(filter, ALICE_EN));
        assertFalse(matches(filter, NO_AUTHOR));
        assertFalse(matches(filter, BOB_ES));
    }

    @Test
    void andRequiresEveryBranchAndOrAnyBranch() {
        Object and = map("$and", list(map("lang", "en"), map("author", "Alice")));
        Object or = map("$or", list(map("lang", "es"), map("author", "Alice")));
        assertEquals(List.of(true, false, false, false), judge(and));
        assertEquals(List.of(true, true, false, false), judge(or));
    }

    @Test
    void notComplementsWithinLiveRecordsSoItIncludesRecordsLackingTheField() {
        assertEquals(List.of(true, false, true, true), judge(map("$not", map("author", "Bob"))));
        assertEquals(List.of(false, false, true, true), judge(map("$not", map("author", map("exists", true)))));
        assertEquals(List.of(false, false, true, true), judge(map("$not", map("author", map("all", list())))));
    }

    @Test
    void emptyGroupsAreTheIdentitiesOfTheirOperations() {
        assertEquals(List.of(true, true, true, true), judge(map("$and", list())));
        assertEquals(List.of(false, false, false, false), judge(map("$or", list())));
        assertEquals(List.of(true, true, true, true), judge(map("$not", map("$or", list()))));
        assertEquals(List.of(false, false, false, false), judge(map("$not", map())));
        assertEquals(List.of(true, true, true, true), judge(map()));
        assertEquals(List.of(true, true, true, true), judge(null));
    }

    @Test
    void trivialShapesAreRecognisedAndCompositionsOfThemToo() {
        for (Object everything : new Object[] {null, map(), map("$and", list()), map("$not", map("$or", list())),
                map("$and", list(map(), map("$and", list()))), map("$or", list(map("a", 1), map())),
                map("$not", map("$not", map())), map("$and", list(map("$or", list(map()))))}) {
            MetadataPredicate p = FilterCompiler.compile(everything);
            assertTrue(p.matchesEverythingByShape(), String.valueOf(everything));
            assertFalse(p.matchesNothingByShape(), String.valueOf(everything));
        }
        for (Object nothing : new Object[] {map("$or", list()), map("$not", map()), map("$not", map("$and", list())),
                map("a", 1, "$or", list()), map("$and", list(map("a", 1), map("$or", list()))),
                map("$or", list(map("$or", list()), map("$not", map())))}) {
            MetadataPredicate p = FilterCompiler.compile(nothing);
            assertTrue(p.matchesNothingByShape(), String.valueOf(nothing));
            assertFalse(p.matchesEverythingByShape(), String.valueOf(nothing));
        }
    }

    @Test
    void fieldConditionsAreNeverTrivialEvenWhenTheyHappenToBe() {
        for (Object filter : new Object[] {map("a", 1), map("a", map("is_null", false)), map("a", map("any", list())),
                map("$not", map("a", map("any", list()))), map("$or", list(map("a", 1), map("a", map("ne", 1))))}) {
            MetadataPredicate p = FilterCompiler.compile(filter);
            assertFalse(p.matchesEverythingByShape(), String.valueOf(filter));
            assertFalse(p.matchesNothingByShape(), String.valueOf(filter));
        }
    }

    @Test
    void fieldNamesListsEveryFieldInCodePointOrder() {
        Object filter = map("z", 1, "$or", list(map("b", map("exists", true)), map("$not", map("\uD83D\uDE00", 1))),
                "$and", list(map("a", 1), map("\uFFFD", 2), map()), "$price", map("gt", 1));
        assertEquals(List.of("$price", "a", "b", "z", "\uFFFD", "\uD83D\uDE00"),
                List.copyOf(FilterCompiler.compile(filter).fieldNames()));
        assertEquals(List.of("a"), List.copyOf(FilterCompiler.compile(map("$or", list(map("a", 1), map()))).fieldNames()));
        assertTrue(FilterCompiler.compile(null).fieldNames().isEmpty());
    }

    @Test
    void otherDollarNamesAreOrdinaryFields() {
        assertTrue(matches(map("$price", map("lt", 5)), record("$price", 3)));
        assertFalse(matches(map("$price", map("lt", 5)), record("price", 3)));
    }

    @Test
    void groupsNestToTenLevels() {
        // Nine nested $not groups reach level 10, the deepest allowed; an odd count negates.
        Object nine = nestNot(map("lang", "en"), 9);
        assertEquals(List.of(false, true, false, true), judge(nine));
        Object deepOr = map("lang", "es");
        for (int i = 0; i < 9; i++) {
            deepOr = map("$or", list(deepOr));
        }
        assertEquals(List.of(false, true, false, false), judge(deepOr));
    }

    static Object nestNot(Object inner, int times) {
        Object out = inner;
        for (int i = 0; i < times; i++) {
            out = map("$not", out);
        }
        return out;
    }

    private static List<Boolean> judge(Object filter) {
        MetadataPredicate p = FilterCompiler.compile(filter);
        return ALL.stream().map(p::test).toList();
    }
}
