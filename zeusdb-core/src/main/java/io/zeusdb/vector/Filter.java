package io.zeusdb.vector;

import java.util.Map;

/** Placeholder until the filter language lands. */
public final class Filter {
    private final Map<String, Object> map;

    private Filter(Map<String, Object> map) {
        this.map = map;
    }

    public Map<String, Object> toMap() {
        return map;
    }
}
