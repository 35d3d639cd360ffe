package io.zeusdb.vector.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * The sixteen field operators of the filter language: thirteen value operators and three presence
 * operators, each with the operand shape it takes.
 *
 * <p>Internal, not API. This enum is the only list of operator names; the parser resolves a name
 * here exactly once, so validation and evaluation cannot disagree about which operators exist.
 */
enum Operator {
    EQ("eq", OperandShape.ANY),
    NE("ne", OperandShape.ANY),
    GT("gt", OperandShape.NUMBER_OR_STRING),
    GTE("gte", OperandShape.NUMBER_OR_STRING),
    LT("lt", OperandShape.NUMBER_OR_STRING),
    LTE("lte", OperandShape.NUMBER_OR_STRING),
    CONTAINS("contains", OperandShape.ANY),
    STARTSWITH("startswith", OperandShape.STRING),
    ENDSWITH("endswith", OperandShape.STRING),
    IN("in", OperandShape.LIST),
    NIN("nin", OperandShape.LIST),
    ANY("any", OperandShape.LIST),
    ALL("all", OperandShape.LIST),
    EXISTS("exists", OperandShape.BOOLEAN),
    IS_MISSING("is_missing", OperandShape.BOOLEAN),
    IS_NULL("is_null", OperandShape.BOOLEAN);

    /** What an operator accepts as its operand; anything else is a malformed filter. */
    enum OperandShape {
        /** Any storable value, null included. */
        ANY,
        /** A number or a string (ranges: numbers by magnitude, strings by code point). */
        NUMBER_OR_STRING,
        /** A string. */
        STRING,
        /** A list (a Java {@code Collection} or array in the Map form). */
        LIST,
        /** {@code true} or {@code false}: the presence operators. */
        BOOLEAN
    }

    private static final Map<String, Operator> BY_WIRE_NAME = new HashMap<>();

    static {
        for (Operator op : values()) {
            BY_WIRE_NAME.put(op.wireName, op);
        }
    }

    /** The name as written in a filter, e.g. {@code "startswith"}. */
    final String wireName;

    /** The operand this operator takes. */
    final OperandShape operandShape;

    Operator(String wireName, OperandShape operandShape) {
        this.wireName = wireName;
        this.operandShape = operandShape;
    }

    /** True for {@code exists}, {@code is_missing} and {@code is_null}. */
    boolean isPresence() {
        return operandShape == OperandShape.BOOLEAN;
    }

    /** The operator written {@code wireName}, or null when there is none (e.g. {@code text_match}). */
    static Operator byWireName(String wireName) {
        return BY_WIRE_NAME.get(wireName);
    }
}
