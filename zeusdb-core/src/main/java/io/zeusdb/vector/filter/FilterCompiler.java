package io.zeusdb.vector.filter;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Placeholder until the filter language lands: plain equality only. */
public final class FilterCompiler {
    private FilterCompiler() {}

    public static MetadataPredicate compile(Object spec) {
        Map<?, ?> map = spec == null ? Map.of() : (Map<?, ?>) spec;
        return new MetadataPredicate() {
            @Override
            public boolean test(Map<String, Object> metadata) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object v = metadata.get((String) e.getKey());
                    Object want = io.zeusdb.vector.metadata.MetadataValues.canonical(e.getValue());
                    if (!metadata.containsKey((String) e.getKey()) || !Objects.equals(v, want)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public boolean matchesEverythingByShape() {
                return map.isEmpty();
            }

            @Override
            public boolean matchesNothingByShape() {
                return false;
            }

            @Override
            public Set<String> fieldNames() {
                return Set.of();
            }
        };
    }
}
