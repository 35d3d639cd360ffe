package io.zeusdb.vector;

import java.util.List;

/**
 * What one {@code add()} call did: how many records went in, which ids, and a message for each
 * record that was rejected (the others were still inserted).
 *
 * <pre>{@code
 * AddResult r = index.add(Map.of("ids", List.of("a", "b"), "vectors", List.of(v1, v2)));
 * if (!r.isSuccess()) r.errors().forEach(System.err::println);
 * System.out.println(r.summary());   // "2 inserted, 0 errors"
 * }</pre>
 */
public final class AddResult {

    private final int totalInserted;
    private final List<String> errors;
    private final Shape vectorShape;
    private final List<String> ids;

    AddResult(List<String> ids, List<String> errors, Shape vectorShape) {
        this.ids = List.copyOf(ids);
        this.errors = List.copyOf(errors);
        this.totalInserted = this.ids.size();
        this.vectorShape = vectorShape;
    }

    /** Records inserted or replaced; equals {@code ids().size()}. */
    public int totalInserted() {
        return totalInserted;
    }

    /** Records rejected; equals {@code errors().size()}. */
    public int totalErrors() {
        return errors.size();
    }

    /** One message per rejected record, e.g. {@code Vector doc7: Vector cannot be empty}. */
    public List<String> errors() {
        return errors;
    }

    /** Input rows by index width; an empty input is {@code (0, dim)}. */
    public Shape vectorShape() {
        return vectorShape;
    }

    /** Ids actually inserted or replaced, in insertion order (not aligned with the input). */
    public List<String> ids() {
        return ids;
    }

    /** True when no record was rejected. */
    public boolean isSuccess() {
        return errors.isEmpty();
    }

    /** {@code "<n> inserted, <m> errors"}. */
    public String summary() {
        return totalInserted + " inserted, " + errors.size() + " errors";
    }

    /** Byte-compatible with upstream: {@code AddResult(inserted=2, errors=0, shape=Some((2, 2)))}. */
    @Override
    public String toString() {
        return "AddResult(inserted=" + totalInserted + ", errors=" + errors.size() + ", shape=Some("
                + vectorShape + "))";
    }
}
