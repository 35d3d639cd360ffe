package io.zeusdb.vector.filter;

import io.zeusdb.vector.metadata.MetadataValues;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders shared by the filter tests: maps and lists that allow null, canonical records. */
final class FilterTesting {

    private FilterTesting() {}

    /** A mutable map from alternating keys and values; nulls allowed. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** A list of the values; nulls allowed. */
    static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    /** A record's metadata in canonical form, as the index would hold it. */
    static Map<String, Object> record(Object... keysAndValues) {
        return MetadataValues.canonicalMap(map(keysAndValues));
    }

    /** Compiles and judges one record. */
    static boolean matches(Object filter, Map<String, Object> record) {
        return FilterCompiler.compile(filter).test(record);
    }
}
