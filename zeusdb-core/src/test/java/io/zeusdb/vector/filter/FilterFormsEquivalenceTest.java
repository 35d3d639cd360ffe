package io.zeusdb.vector.filter;

import static io.zeusdb.vector.filter.FilterTesting.list;
import static io.zeusdb.vector.filter.FilterTesting.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zeusdb.vector.Filter;
import io.zeusdb.vector.metadata.MetadataValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random typed filters, their Map form and their JSON text all compile to predicates that agree
 * with each other, and with the naive {@link ReferenceEvaluator}, on random canonical records.
 */
class FilterFormsEquivalenceTest {

    private static final String[] FIELDS = {"a", "b", "tags", "$x", "\uD83D\uDE00"};

    /** A small pool so that random filters and records often meet on equal, near or mixed values. */
    private static final Object[] SCALARS = {null, true, false, 0L, 1L, 1.0, -1L, 2.5, -0.0, (1L << 53) + 1,
            (double) (1L << 53), 1L << 53, Long.MAX_VALUE, 0x1p63, "", "a", "ab", "b", "B", "\uFFFD",
            "\uD83D\uDE00", "a\uD83D\uDE00"};

    private static final String[] STRINGS = {"", "a", "ab", "b", "B", "\uFFFD", "\uD83D\uDE00", "a\uD83D\uDE00"};

    @Test
    void typedFiltersTheirMapFormsAndTheirJsonTextAgreeOnRandomRecords() {
        SplittableRandom random = new SplittableRandom(20261125);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(randomRecord(random));
        }
        for (int i = 0; i < 1500; i++) {
            Filter filter = randomFilter(random, 0);
            String json = filter.toString();
            Filter reparsed = Filter.parse(json);
            assertEquals(filter, reparsed, json);
            assertEquals(filter.hashCode(), reparsed.hashCode(), json);
            assertEquals(filter, Filter.of(filter.toMap()), json);

            MetadataPredicate typed = FilterCompiler.compile(filter);
            MetadataPredicate fromMap = FilterCompiler.compile(filter.toMap());
            MetadataPredicate fromJson = FilterCompiler.compile(json);
            assertEquals(typed.fieldNames(), fromJson.fieldNames(), json);
            assertEquals(typed.matchesEverythingByShape(), fromMap.matchesEverythingByShape(), json);
            for (Map<String, Object> record : records) {
                boolean expected = ReferenceEvaluator.matches(filter.toMap(), record);
                assertEquals(expected, typed.test(record), () -> json + " on " + record);
                assertEquals(expected, fromMap.test(record), () -> json + " on " + record);
                assertEquals(expected, fromJson.test(record), () -> json + " on " + record);
            }
        }
    }

    private static Map<String, Object> randomRecord(SplittableRandom random) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (random.nextInt(4) != 0) {
                out.put(field, randomValue(random, 2));
            }
        }
        return MetadataValues.canonicalMap(out);
    }

    private static Object randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(10);
        if (depth > 0 && kind == 0) {
            List<Object> l = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                l.add(randomValue(random, depth - 1));
            }
            return l;
        }
        if (depth > 0 && kind == 1) {
            return map("k", randomValue(random, depth - 1));
        }
        return SCALARS[random.nextInt(SCALARS.length)];
    }

    /** A value for the plain (equality) form: anything but a map, which would read as operators. */
    private static Object randomPlainValue(SplittableRandom random) {
        Object v;
        do {
            v = randomValue(random, 2);
        } while (v instanceof Map<?, ?>);
        return v;
    }

    private static Object randomNumberOrString(SplittableRandom random) {
        Object v;
        do {
            v = SCALARS[random.nextInt(SCALARS.length)];
        } while (!(v instanceof Number || v instanceof String));
        return v;
    }

    private static Object[] randomValues(SplittableRandom random) {
        Object[] out = new Object[random.nextInt(4)];
        for (int i = 0; i < out.length; i++) {
            out[i] = randomValue(random, 1);
        }
        return out;
    }

    private static Filter randomFilter(SplittableRandom random, int depth) {
        int choice = random.nextInt(depth >= 3 ? 20 : 30);
        String f = FIELDS[random.nextInt(FIELDS.length)];
        return switch (choice) {
            case 0 -> Filter.eq(f, randomValue(random, 2));
            case 1 -> Filter.ne(f, randomValue(random, 1));
            case 2, 3, 4, 5 -> range(choice, f, randomNumberOrString(random));
            case 6 -> random.nextBoolean() ? Filter.in(f, randomValues(random)) : Filter.in(f, list(randomValues(random)));
            case 7 -> random.nextBoolean() ? Filter.nin(f, randomValues(random)) : Filter.nin(f, list(randomValues(random)));
            case 8 -> random.nextBoolean() ? Filter.any(f, randomValues(random)) : Filter.any(f, list(randomValues(random)));
            case 9 -> random.nextBoolean() ? Filter.all(f, randomValues(random)) : Filter.all(f, list(randomValues(random)));
            case 10 -> Filter.contains(f, randomValue(random, 1));
            case 11 -> Filter.startsWith(f, STRINGS[random.nextInt(STRINGS.length)]);
            case 12 -> Filter.endsWith(f, STRINGS[random.nextInt(STRINGS.length)]);
            case 13 -> Filter.exists(f);
            case 14 -> Filter.isMissing(f);
            case 15 -> Filter.isNull(f);
            case 16 -> Filter.of(map(f, randomPlainValue(random)));
            case 17 -> Filter.of(map(f, map("gte", randomNumberOrString(random), "exists", random.nextBoolean())));
            case 18 -> Filter.all();
            case 19 -> random.nextBoolean() ? Filter.and() : Filter.or();
            case 20, 21 -> randomFilter(random, depth + 1).and(randomFilter(random, depth + 1));
            case 22, 23 -> randomFilter(random, depth + 1).or(randomFilter(random, depth + 1));
            case 24, 25 -> randomFilter(random, depth + 1).not();
            case 26 -> Filter.and(randomFilter(random, depth + 1), randomFilter(random, depth + 1),
                    randomFilter(random, depth + 1));
            case 27 -> Filter.or(randomFilter(random, depth + 1), randomFilter(random, depth + 1),
                    randomFilter(random, depth + 1));
            case 28 -> Filter.not(randomFilter(random, depth + 1));
            default -> Filter.of(map("$and", list(randomFilter(random, depth + 1).toMap()),
                    FIELDS[random.nextInt(FIELDS.length)], map("any", list(randomValues(random)))));
        };
    }

    private static Filter range(int choice, String field, Object operand) {
        if (operand instanceof String s) {
            return switch (choice) {
                case 2 -> Filter.gt(field, s);
                case 3 -> Filter.gte(field, s);
                case 4 -> Filter.lt(field, s);
                default -> Filter.lte(field, s);
            };
        }
        Number n = (Number) operand;
        return switch (choice) {
            case 2 -> Filter.gt(field, n);
            case 3 -> Filter.gte(field, n);
            case 4 -> Filter.lt(field, n);
            default -> Filter.lte(field, n);
        };
    }
}
