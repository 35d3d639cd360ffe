package io.zeusdb.langchain4j;

import io.zeusdb.langchain4j.FilterTranslator.Bound;
import io.zeusdb.vector.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * A string range in LangChain4j's order ({@link String#compareTo}: UTF-16 code units), built from
 * ZeusDB's string ranges, which order by code point.
 *
 * <p>Internal, not API. The two orders look at the first code unit where the strings differ and
 * disagree only when one of the two units is a surrogate (a character above U+FFFF) and the other
 * lies in U+E000..U+FFFF: UTF-16 puts the surrogate first, code-point order puts it last. So a
 * bound without units at or above U+D800 translates directly (every stored string compares the
 * same way in both orders). For each unit of the bound that is at or above U+D800, the strings
 * that share the bound's prefix up to that unit and differ there in the disputed way are moved to
 * the correct side: taken out of the ZeusDB range, or added to it. Each such set is "starts with
 * the prefix, and the next unit lies in a class", and a class of next units is a code-point
 * interval just after the prefix. The result is exact for every string, unpaired surrogates
 * included (tested against {@code String.compareTo}).
 */
final class Utf16Range {

    /** The least unit of U+E000..U+FFFF, the least surrogate. */
    private static final String UPPER_BMP_START = "\uE000";
    private static final String SURROGATE_START = "\uD800";

    private Utf16Range() {}

    /** {@code key} holds a string that compares with {@code bound} as {@code op} says, by UTF-16. */
    static Filter of(String key, String bound, Bound op) {
        Filter base = switch (op) {
            case GT -> Filter.gt(key, bound);
            case GTE -> Filter.gte(key, bound);
            case LT -> Filter.lt(key, bound);
            case LTE -> Filter.lte(key, bound);
        };
        List<Filter> removed = new ArrayList<>();
        List<Filter> added = new ArrayList<>();
        for (int k = 0; k < bound.length(); k++) {
            char unit = bound.charAt(k);
            boolean surrogate = Character.isSurrogate(unit);
            boolean upperBmp = unit >= 0xE000;
            if (!surrogate && !upperBmp) {
                continue;
            }
            String prefix = bound.substring(0, k);
            // Strings whose first difference is here, with a next unit of the disputed class.
            Filter disputed = surrogate ? nextUnitUpperBmp(key, prefix) : nextUnitSurrogate(key, prefix);
            // Below a surrogate, U+E000..U+FFFF is "greater" by UTF-16 but "less" by code point;
            // below a U+E000..U+FFFF unit, surrogates are "less" by UTF-16 but "greater" by code point.
            boolean utf16SaysGreater = surrogate;
            boolean wanted = utf16SaysGreater != op.upper();
            (wanted ? added : removed).add(disputed);
        }
        Filter result = base;
        if (!removed.isEmpty()) {
            result = result.and(Filter.not(anyOf(removed)));
        }
        if (!added.isEmpty()) {
            result = result.or(anyOf(added));
        }
        return result;
    }

    private static Filter anyOf(List<Filter> parts) {
        return parts.size() == 1 ? parts.get(0) : Filter.or(parts.toArray(new Filter[0]));
    }

    /** Strings starting with {@code prefix} whose next unit is a surrogate. */
    private static Filter nextUnitSurrogate(String key, String prefix) {
        // surrogates order last in code-point order, so no upper end is needed
        return Filter.startsWith(key, prefix).and(Filter.gte(key, prefix + SURROGATE_START));
    }

    /** Strings starting with {@code prefix} whose next unit is in U+E000..U+FFFF. */
    private static Filter nextUnitUpperBmp(String key, String prefix) {
        return Filter.and(Filter.startsWith(key, prefix), Filter.gte(key, prefix + UPPER_BMP_START),
                Filter.lt(key, prefix + SURROGATE_START));
    }
}
