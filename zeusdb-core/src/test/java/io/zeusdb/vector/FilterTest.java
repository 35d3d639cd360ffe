package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.filter.FilterCompiler;
import io.zeusdb.vector.filter.MetadataPredicate;
import io.zeusdb.vector.metadata.MetadataValues;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The typed builder: the Map form each factory produces, validation at build time, the forms agreeing. */
class FilterTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    private static Map<String, Object> record(Object... keysAndValues) {
        return MetadataValues.canonicalMap(map(keysAndValues));
    }

    private static boolean matches(Filter filter, Map<String, Object> record) {
        return FilterCompiler.compile(filter).test(record);
    }

    @Test
    void eachFactoryProducesItsOperatorInTheMapForm() {
        assertEquals(map("f", map("eq", "x")), Filter.eq("f", "x").toMap());
        assertEquals(map("f", map("ne", 1L)), Filter.ne("f", 1).toMap());
        assertEquals(map("f", map("gt", 1L)), Filter.gt("f", 1).toMap());
        assertEquals(map("f", map("gte", 2.5)), Filter.gte("f", 2.5f).toMap());
        assertEquals(map("f", map("lt", "m")), Filter.lt("f", "m").toMap());
        assertEquals(map("f", map("lte", "m")), Filter.lte("f", "m").toMap());
        assertEquals(map("f", map("in", list("a", "b"))), Filter.in("f", "a", "b").toMap());
        assertEquals(map("f", map("nin", list(1L, null))), Filter.nin("f", 1, null).toMap());
        assertEquals(map("f", map("contains", "x")), Filter.contains("f", "x").toMap());
        assertEquals(map("f", map("startswith", "x")), Filter.startsWith("f", "x").toMap());
        assertEquals(map("f", map("endswith", "x")), Filter.endsWith("f", "x").toMap());
        assertEquals(map("f", map("any", list("a"))), Filter.any("f", "a").toMap());
        assertEquals(map("f", map("all", list())), Filter.all("f").toMap());
        assertEquals(map("f", map("exists", true)), Filter.exists("f").toMap());
        assertEquals(map("f", map("is_missing", true)), Filter.isMissing("f").toMap());
        assertEquals(map("f", map("is_null", true)), Filter.isNull("f").toMap());
        assertEquals(map(), Filter.all().toMap());
    }

    @Test
    void varargsAndCollectionsGiveTheSameFilter() {
        assertEquals(Filter.in("t", "a", "b"), Filter.in("t", List.of("a", "b")));
        assertEquals(Filter.nin("t", "a", "b"), Filter.nin("t", List.of("a", "b")));
        assertEquals(Filter.any("t", "a", "b"), Filter.any("t", List.of("a", "b")));
        assertEquals(Filter.all("t", "a", "b"), Filter.all("t", List.of("a", "b")));
        assertEquals(Filter.in("t", 1, 2), Filter.in("t", new java.util.LinkedHashSet<>(List.of(1L, 2L))));
    }

    @Test
    void eqWithNullMatchesAStoredNullButNotAnAbsentField() {
        Filter nullLang = Filter.eq("lang", null);
        Map<String, Object> expected = new HashMap<>();
        expected.put("eq", null);
        assertEquals(Map.of("lang", expected), nullLang.toMap());
        assertEquals("{\"lang\":{\"eq\":null}}", nullLang.toString());
        assertTrue(matches(nullLang, record("lang", null)));
        assertFalse(matches(nullLang, record("lang", "en")));
        assertFalse(matches(nullLang, record()));
        assertTrue(matches(Filter.isNull("lang"), record("lang", null)));
        assertTrue(matches(Filter.ne("lang", null), record("lang", "en")));
        assertFalse(matches(Filter.ne("lang", null), record()));
    }

    @Test
    void theReferenceExampleBuildsAndSelectsAsWritten() {
        Filter filter = Filter.eq("author", "Alice").and(Filter.gte("year", 2024)).or(Filter.in("tag", "ai", "ml"));
        assertEquals(map("$or", list(
                        map("$and", list(map("author", map("eq", "Alice")), map("year", map("gte", 2024L)))),
                        map("tag", map("in", list("ai", "ml"))))),
                filter.toMap());
        assertTrue(matches(filter, record("author", "Alice", "year", 2024)));
        assertTrue(matches(filter, record("author", "Bob", "tag", "ml")));
        assertFalse(matches(filter, record("author", "Alice", "year", 2023.9)));
        assertFalse(matches(filter, record("author", "Bob", "tag", list("ml"))), "in compares the whole value");
        assertTrue(matches(Filter.any("tag", "ai", "ml"), record("tag", list("x", "ml"))));
    }

    @Test
    void chainedAndsAndOrsStayOneGroupDeep() {
        Filter a = Filter.eq("a", 1);
        Filter b = Filter.eq("b", 2);
        Filter c = Filter.eq("c", 3);
        Filter chained = a.and(b).and(c);
        assertEquals(map("$and", list(a.toMap(), b.toMap(), c.toMap())), chained.toMap());
        assertEquals(chained, Filter.and(a, b, c));
        assertEquals(chained, Filter.and(a, b.and(c)));
        assertEquals(map("$or", list(a.toMap(), b.toMap(), c.toMap())), a.or(b).or(c).toMap());
        assertEquals(map("$or", list(map("$and", list(a.toMap(), b.toMap())), c.toMap())), a.and(b).or(c).toMap());
    }

    @Test
    void emptyCombinationsAreTheIdentities() {
        MetadataPredicate and = FilterCompiler.compile(Filter.and());
        MetadataPredicate or = FilterCompiler.compile(Filter.or());
        assertEquals(map("$and", list()), Filter.and().toMap());
        assertEquals(map("$or", list()), Filter.or().toMap());
        assertTrue(and.matchesEverythingByShape());
        assertTrue(or.matchesNothingByShape());
        assertTrue(FilterCompiler.compile(Filter.all()).matchesEverythingByShape());
        assertTrue(FilterCompiler.compile(Filter.or().not()).matchesEverythingByShape());
        assertTrue(FilterCompiler.compile(Filter.all().not()).matchesNothingByShape());
    }

    @Test
    void notComplementsAndIncludesRecordsLackingTheField() {
        Filter notBob = Filter.eq("author", "Bob").not();
        assertEquals(map("$not", map("author", map("eq", "Bob"))), notBob.toMap());
        assertEquals(notBob, Filter.not(Filter.eq("author", "Bob")));
        assertTrue(matches(notBob, record("author", "Alice")));
        assertTrue(matches(notBob, record()));
        assertFalse(matches(notBob, record("author", "Bob")));
        assertTrue(matches(Filter.all("lang").not(), record("author", "Bob")));
        assertFalse(matches(Filter.all("lang").not(), record("lang", null)));
    }

    @Test
    void fieldNamesAreCheckedWhenTheFilterIsBuilt() {
        List<Function<String, Filter>> factories = List.of(f -> Filter.eq(f, 1), f -> Filter.ne(f, 1),
                f -> Filter.gt(f, 1), f -> Filter.gte(f, "a"), f -> Filter.lt(f, 1), f -> Filter.lte(f, "a"),
                f -> Filter.in(f, 1), f -> Filter.nin(f, List.of()), f -> Filter.contains(f, 1),
                f -> Filter.startsWith(f, "a"), f -> Filter.endsWith(f, "a"), f -> Filter.any(f, 1),
                f -> Filter.all(f, List.of(1)), Filter::exists, Filter::isMissing, Filter::isNull);
        for (Function<String, Filter> factory : factories) {
            String nullMessage = assertThrows(IllegalArgumentException.class, () -> factory.apply(null)).getMessage();
            assertTrue(nullMessage.endsWith(" needs a metadata field name, but was given null."), nullMessage);
            String emptyMessage = assertThrows(IllegalArgumentException.class, () -> factory.apply("")).getMessage();
            assertTrue(emptyMessage.endsWith(" needs a metadata field name, but was given an empty string."));
            for (String reserved : new String[] {"$and", "$or", "$not"}) {
                assertEquals("\"" + reserved + "\" is a reserved filter key ($and, $or and $not combine filters), so "
                        + "a metadata field named \"" + reserved + "\" cannot be filtered on; combine filters with "
                        + "Filter.and, Filter.or and Filter.not.",
                        assertThrows(IllegalArgumentException.class, () -> factory.apply(reserved)).getMessage());
            }
            factory.apply("$price"); // other $-names are ordinary fields
        }
        assertEquals("Filter.startsWith needs a metadata field name, but was given null.",
                assertThrows(IllegalArgumentException.class, () -> Filter.startsWith(null, "a")).getMessage());
    }

    @Test
    void operandsAreCheckedWhenTheFilterIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> Filter.eq("f", new Object()));
        assertThrows(IllegalArgumentException.class, () -> Filter.gt("f", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Filter.lt("f", (String) null));
        assertThrows(IllegalArgumentException.class, () -> Filter.gte("f", (Number) null));
        assertEquals("\"startswith\" takes a string, and {\"f\": {\"startswith\": ...}} was given null.",
                assertThrows(IllegalArgumentException.class, () -> Filter.startsWith("f", null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Filter.in("f", (Object[]) null));
        assertThrows(IllegalArgumentException.class, () -> Filter.all("f", (Collection<?>) null));
        assertThrows(IllegalArgumentException.class, () -> Filter.and(Filter.all(), null));
        assertThrows(IllegalArgumentException.class, () -> Filter.all().or((Filter) null));
        assertThrows(IllegalArgumentException.class, () -> Filter.not(null));
        assertThrows(IllegalArgumentException.class, () -> Filter.and((Filter[]) null));
    }

    @Test
    void groupNestingIsCheckedWhenTheFilterIsBuilt() {
        Filter nine = Filter.eq("a", 1);
        for (int i = 0; i < 9; i++) {
            nine = nine.not();
        }
        Filter atLimit = nine;
        assertEquals("Filter groups nest to 10 levels and \"$not\" would open level 11.",
                assertThrows(IllegalArgumentException.class, atLimit::not).getMessage());
        assertEquals("Filter groups nest to 10 levels and \"$not\" would open level 11.",
                assertThrows(IllegalArgumentException.class, () -> atLimit.and(Filter.eq("b", 1))).getMessage());
    }

    @Test
    void ofAndParseValidateCopyAndSortKeys() {
        Map<String, Object> source = map("year", map("lt", 2030, "gte", 2024), "lang", null);
        Filter filter = Filter.of(source);
        source.put("extra", 1);
        assertEquals(List.of("lang", "year"), List.copyOf(filter.toMap().keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> year = (Map<String, Object>) filter.toMap().get("year");
        assertEquals(List.of("gte", "lt"), List.copyOf(year.keySet()));
        assertEquals(filter, Filter.parse("{\"year\": {\"gte\": 2024, \"lt\": 2030}, \"lang\": null}"));
        assertEquals("{\"lang\":null,\"year\":{\"gte\":2024,\"lt\":2030}}", filter.toString());
        assertEquals("Unknown filter operation: kind",
                assertThrows(IllegalArgumentException.class, () -> Filter.of(map("source", map("kind", "web"))))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Filter.parse("[1]"));
        assertThrows(IllegalArgumentException.class, () -> Filter.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Filter.of(null));
    }

    @Test
    void theMapFormIsUnmodifiable() {
        Filter filter = Filter.eq("a", List.of(1)).and(Filter.eq("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> filter.toMap().put("c", 1));
        @SuppressWarnings("unchecked")
        List<Object> branches = (List<Object>) filter.toMap().get("$and");
        assertThrows(UnsupportedOperationException.class, () -> branches.add(Map.of()));
    }

    @Test
    void operandsAreKeptCanonicalSoEqualInputsGiveEqualFilters() {
        assertEquals(Filter.eq("n", 10), Filter.eq("n", 10L));
        assertEquals(Filter.eq("n", 10).hashCode(), Filter.eq("n", (short) 10).hashCode());
        assertEquals(Filter.eq("v", List.of(1L, 2L)), Filter.eq("v", new int[] {1, 2}));
        assertEquals(Filter.eq("s", "x"), Filter.eq("s", new StringBuilder("x")));
        assertEquals(Filter.eq("n", 2.5), Filter.eq("n", 2.5f));
    }

    @Test
    void equalityIsStructuralNotSemantic() {
        Filter typed = Filter.eq("a", 1);
        Filter plain = Filter.of(Map.of("a", 1));
        assertNotEquals(typed, plain);
        assertNotEquals(Filter.eq("n", 10), Filter.eq("n", 10.0));
        Map<String, Object> one = record("a", 1.0);
        assertEquals(matches(typed, one), matches(plain, one));
        assertNotEquals(typed, "{\"a\":{\"eq\":1}}");
    }

    @Test
    void toStringIsJsonTextThatParsesBackToAnEqualFilter() {
        Filter filter = Filter.or(Filter.gte("date", "2024-01-01"), Filter.eq("n", 1.0), Filter.isNull("x").not(),
                Filter.any("tags", "\uD83D\uDE00", 9007199254740993L), Filter.eq("doc", Map.of("k", List.of())));
        assertEquals("{\"$or\":[{\"date\":{\"gte\":\"2024-01-01\"}},{\"n\":{\"eq\":1.0}},"
                + "{\"$not\":{\"x\":{\"is_null\":true}}},{\"tags\":{\"any\":[\"\uD83D\uDE00\",9007199254740993]}},"
                + "{\"doc\":{\"eq\":{\"k\":[]}}}]}", filter.toString());
        assertEquals(filter, Filter.parse(filter.toString()));
    }
}
