package io.zeusdb.vector.filter;

import io.zeusdb.vector.Filter;
import io.zeusdb.vector.filter.FilterSyntax.AndGroup;
import io.zeusdb.vector.filter.FilterSyntax.Conjunction;
import io.zeusdb.vector.filter.FilterSyntax.Entry;
import io.zeusdb.vector.filter.FilterSyntax.FieldEquals;
import io.zeusdb.vector.filter.FilterSyntax.FieldOperators;
import io.zeusdb.vector.filter.FilterSyntax.NotGroup;
import io.zeusdb.vector.filter.FilterSyntax.OperatorUse;
import io.zeusdb.vector.filter.FilterSyntax.OrGroup;
import io.zeusdb.vector.metadata.CodePointOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a metadata filter, in any of its forms, into a {@link MetadataPredicate}.
 *
 * <p>Internal, not API: the index calls this once per {@code search}, {@code count},
 * {@code removeWhere} or {@code deleteWhere} call, before reading any record. Every malformed
 * filter (unknown operator, malformed group, wrong operand type, groups nested past 10 levels,
 * values nested past 128 levels) throws {@link IllegalArgumentException} here, so evaluating the
 * compiled predicate never fails.
 *
 * <p>Accepted forms of {@code spec}: {@code null} (matches everything); a {@code Map} (the Map
 * form, values as Java metadata values); a {@code String} (the JSON text of the Map form); a
 * {@link Filter} (compiled from its {@link Filter#toMap()}).
 */
public final class FilterCompiler {

    private FilterCompiler() {}

    /**
     * Compiles a filter.
     *
     * @param spec {@code null}, a {@code Map}, JSON text or a {@link Filter}
     * @return the predicate; immutable and thread-safe
     * @throws IllegalArgumentException if the filter is malformed or {@code spec} is of another type
     */
    public static MetadataPredicate compile(Object spec) {
        Conjunction syntax = parse(spec);
        Set<String> fieldNames = new TreeSet<>(CodePointOrder.INSTANCE);
        FilterSyntax.collectFieldNames(syntax, fieldNames);
        return new CompiledFilter(build(syntax), Collections.unmodifiableSet(fieldNames), FilterSyntax.toMap(syntax));
    }

    /**
     * Validates a filter and returns its canonical Map form: keys in code-point order at every
     * level, operands canonical ({@link io.zeusdb.vector.metadata.MetadataValues}), every level
     * unmodifiable, null operands allowed. It compiles to the same predicate as {@code spec}.
     *
     * @param spec as for {@link #compile}
     * @throws IllegalArgumentException as {@link #compile} does
     */
    public static Map<String, Object> canonicalForm(Object spec) {
        return FilterSyntax.toMap(parse(spec));
    }

    private static Conjunction parse(Object spec) {
        if (spec == null) {
            return FilterParser.parse(null);
        }
        if (spec instanceof Map<?, ?> map) {
            return FilterParser.parse(map);
        }
        if (spec instanceof String json) {
            return FilterParser.parse(FilterJson.parseObject(json));
        }
        if (spec instanceof Filter filter) {
            return FilterParser.parse(filter.toMap());
        }
        throw new IllegalArgumentException("A filter is null, a Map, JSON text (a String) or a Filter, "
                + "but it was given a " + spec.getClass().getName() + ".");
    }

    // ---------------------------------------------------------------------------------------------
    // Syntax to predicate tree. Groups whose answer the shape decides fold into constants, so
    // {"$and": []} costs nothing per record and matchesEverythingByShape is a reference check.

    private static FilterNode build(Conjunction conjunction) {
        List<FilterNode> children = new ArrayList<>(conjunction.entries().size());
        for (Entry entry : conjunction.entries()) {
            children.add(build(entry));
        }
        return allOf(children);
    }

    private static FilterNode build(Entry entry) {
        return switch (entry) {
            case AndGroup g -> allOf(buildEach(g.branches()));
            case OrGroup g -> anyOf(buildEach(g.branches()));
            case NotGroup g -> not(build(g.negated()));
            case FieldEquals f -> new FilterNode.FieldNode(f.field(),
                    new ValueTest[] {EqualityMatcher.of(f.operand())});
            case FieldOperators f -> buildOperators(f);
        };
    }

    private static List<FilterNode> buildEach(List<Conjunction> branches) {
        List<FilterNode> nodes = new ArrayList<>(branches.size());
        for (Conjunction branch : branches) {
            nodes.add(build(branch));
        }
        return nodes;
    }

    /** A field's operator map: presence tests first, then one node for all value operators. */
    private static FilterNode buildOperators(FieldOperators condition) {
        List<FilterNode> nodes = new ArrayList<>();
        List<ValueTest> valueTests = new ArrayList<>();
        for (OperatorUse use : condition.uses()) {
            if (use.operator().isPresence()) {
                nodes.add(new FilterNode.PresenceNode(condition.field(), presence(use)));
            } else {
                valueTests.add(valueTest(use));
            }
        }
        if (!valueTests.isEmpty()) {
            nodes.add(new FilterNode.FieldNode(condition.field(), valueTests.toArray(new ValueTest[0])));
        }
        return allOf(nodes);
    }

    private static FilterNode.Presence presence(OperatorUse use) {
        boolean wanted = (Boolean) use.operand();
        return switch (use.operator()) {
            case EXISTS -> wanted ? FilterNode.Presence.PRESENT : FilterNode.Presence.ABSENT;
            case IS_MISSING -> wanted ? FilterNode.Presence.ABSENT : FilterNode.Presence.PRESENT;
            case IS_NULL -> wanted ? FilterNode.Presence.NULL : FilterNode.Presence.NOT_NULL;
            default -> throw new IllegalStateException("not a presence operator: " + use.operator());
        };
    }

    private static ValueTest valueTest(OperatorUse use) {
        Object operand = use.operand();
        return switch (use.operator()) {
            case EQ -> EqualityMatcher.of(operand);
            case NE -> new ValueTest.NotEqual(EqualityMatcher.of(operand));
            case GT -> range(operand, new ValueTest.Accepted(false, false, true));
            case GTE -> range(operand, new ValueTest.Accepted(false, true, true));
            case LT -> range(operand, new ValueTest.Accepted(true, false, false));
            case LTE -> range(operand, new ValueTest.Accepted(true, true, false));
            case CONTAINS -> new ValueTest.Contains(operand);
            case STARTSWITH -> new ValueTest.StartsWith((String) operand);
            case ENDSWITH -> new ValueTest.EndsWith((String) operand);
            case IN -> new ValueTest.In(new ValueSet((List<?>) operand));
            case NIN -> new ValueTest.NotIn(new ValueSet((List<?>) operand));
            case ANY -> new ValueTest.AnyOf(new ValueSet((List<?>) operand));
            case ALL -> new ValueTest.AllOf(EqualityMatcher.ofEach((List<?>) operand));
            case EXISTS, IS_MISSING, IS_NULL ->
                    throw new IllegalStateException("presence operator as a value test: " + use.operator());
        };
    }

    private static ValueTest range(Object operand, ValueTest.Accepted accepted) {
        if (operand instanceof String s) {
            return new ValueTest.StringRange(s, accepted);
        }
        return new ValueTest.NumberRange(operand, accepted);
    }

    private static FilterNode allOf(List<FilterNode> parts) {
        return fold(parts, true);
    }

    private static FilterNode anyOf(List<FilterNode> parts) {
        return fold(parts, false);
    }

    /**
     * A conjunction or disjunction, folded: parts equal to the operation's identity (TRUE for
     * "and", FALSE for "or") drop out, one absorbing part decides the whole, a lone part stands
     * for itself.
     */
    private static FilterNode fold(List<FilterNode> parts, boolean conjunction) {
        FilterNode identity = conjunction ? FilterNode.Constant.TRUE : FilterNode.Constant.FALSE;
        FilterNode absorbing = conjunction ? FilterNode.Constant.FALSE : FilterNode.Constant.TRUE;
        List<FilterNode> kept = new ArrayList<>(parts.size());
        for (FilterNode part : parts) {
            if (part == absorbing) {
                return absorbing;
            }
            if (part != identity) {
                kept.add(part);
            }
        }
        if (kept.isEmpty()) {
            return identity;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        FilterNode[] array = kept.toArray(new FilterNode[0]);
        return conjunction ? new FilterNode.AllOf(array) : new FilterNode.AnyOf(array);
    }

    private static FilterNode not(FilterNode negated) {
        if (negated == FilterNode.Constant.TRUE) {
            return FilterNode.Constant.FALSE;
        }
        if (negated == FilterNode.Constant.FALSE) {
            return FilterNode.Constant.TRUE;
        }
        return new FilterNode.Not(negated);
    }
}
