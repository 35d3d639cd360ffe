package io.zeusdb.vector.filter;

import java.util.Map;
import java.util.Set;

/**
 * The {@link MetadataPredicate} {@link FilterCompiler} returns: a folded tree of
 * {@link FilterNode}s plus the field names the filter mentions.
 *
 * <p>Internal, not API.
 */
final class CompiledFilter implements MetadataPredicate {

    private final FilterNode root;
    private final Set<String> fieldNames;
    private final Map<String, Object> canonicalForm;

    CompiledFilter(FilterNode root, Set<String> fieldNames, Map<String, Object> canonicalForm) {
        this.root = root;
        this.fieldNames = fieldNames;
        this.canonicalForm = canonicalForm;
    }

    @Override
    public Object cacheKey() {
        return canonicalForm;
    }

    @Override
    public boolean test(Map<String, Object> metadata) {
        return root.test(metadata);
    }

    @Override
    public boolean matchesEverythingByShape() {
        // Constants are folded upward at compile time, so a trivially true tree is exactly TRUE.
        return root == FilterNode.Constant.TRUE;
    }

    @Override
    public boolean matchesNothingByShape() {
        return root == FilterNode.Constant.FALSE;
    }

    @Override
    public Set<String> fieldNames() {
        return fieldNames;
    }

    @Override
    public long[] matchBits(ColumnView.Lookup columns, int nodeCount) {
        for (String field : fieldNames) {
            if (columns.column(field) == null) {
                return null;
            }
        }
        return root.bits(columns, nodeCount);
    }

    @Override
    public long[] candidateBits(ColumnView.Lookup columns, int nodeCount) {
        return root.bound(columns, nodeCount);
    }

    @Override
    public String toString() {
        return "MetadataPredicate" + fieldNames;
    }
}
