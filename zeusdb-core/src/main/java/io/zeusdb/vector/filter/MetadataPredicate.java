package io.zeusdb.vector.filter;

import java.util.Map;
import java.util.Set;

/** Placeholder until the filter language lands. */
public interface MetadataPredicate {
    boolean test(Map<String, Object> metadata);

    boolean matchesEverythingByShape();

    boolean matchesNothingByShape();

    Set<String> fieldNames();
}
