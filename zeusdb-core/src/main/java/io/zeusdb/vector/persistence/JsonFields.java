package io.zeusdb.vector.persistence;

import io.zeusdb.vector.ZdbFormatException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the fields of one parsed JSON object, every failure a
 * {@link ZdbFormatException} naming the file and the field. Unknown fields are ignored (later
 * 2.x versions may add optional ones).
 *
 * <p>Internal: not part of the public API.
 */
final class JsonFields {

    private final String file;
    private final String context;
    private final Map<String, Object> object;

    /**
     * @param file    the artefact the object came from
     * @param context a prefix for field names in messages, e.g. {@code "file_digests.vectors.bin."}, or ""
     */
    JsonFields(String file, String context, Map<String, Object> object) {
        this.file = file;
        this.context = context;
        this.object = object;
    }

    ZdbFormatException problem(String text) {
        return new ZdbFormatException(file, text);
    }

    private Object require(String name) throws ZdbFormatException {
        if (!object.containsKey(name)) {
            throw problem("field '" + context + name + "' is missing");
        }
        return object.get(name);
    }

    /** A JSON kind, for messages. */
    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return "an integer";
        }
        if (v instanceof Double) {
            return "a number with a fraction";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        return "an object";
    }

    /** An integer field within {@code min..max}; a value beyond 64 bits is reported as out of range. */
    long integer(String name, long min, long max) throws ZdbFormatException {
        Object v = require(name);
        if (v instanceof BigInteger b) {
            throw problem("field '" + context + name + "' is " + b + ", outside " + min + ".." + max);
        }
        if (!(v instanceof Long l)) {
            throw problem("field '" + context + name + "' must be an integer, found " + kind(v));
        }
        if (l < min || l > max) {
            throw problem("field '" + context + name + "' is " + l + ", outside " + min + ".." + max);
        }
        return l;
    }

    /** Any integer in 64 bits (range checks are the caller's, with its own message). */
    long anyLong(String name) throws ZdbFormatException {
        return integer(name, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A number (integer or not), as a double. */
    double number(String name) throws ZdbFormatException {
        Object v = require(name);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof BigInteger b) {
            return b.doubleValue();
        }
        throw problem("field '" + context + name + "' must be a number, found " + kind(v));
    }

    String string(String name) throws ZdbFormatException {
        Object v = require(name);
        if (!(v instanceof String s)) {
            throw problem("field '" + context + name + "' must be a string, found " + kind(v));
        }
        return s;
    }

    boolean bool(String name) throws ZdbFormatException {
        Object v = require(name);
        if (!(v instanceof Boolean b)) {
            throw problem("field '" + context + name + "' must be true or false, found " + kind(v));
        }
        return b;
    }

    /** An array whose every element is a string. */
    @SuppressWarnings("unchecked")
    List<String> strings(String name) throws ZdbFormatException {
        Object v = require(name);
        if (!(v instanceof List<?> list)) {
            throw problem("field '" + context + name + "' must be an array of strings, found " + kind(v));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                throw problem("field '" + context + name + "' must be an array of strings, but element " + i
                        + " is " + kind(list.get(i)));
            }
        }
        return (List<String>) list;
    }

    /** An object field. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) throws ZdbFormatException {
        Object v = require(name);
        if (!(v instanceof Map<?, ?>)) {
            throw problem("field '" + context + name + "' must be an object, found " + kind(v));
        }
        return (Map<String, Object>) v;
    }

    /** The raw value of a field that must be present (possibly {@code null}). */
    Object raw(String name) throws ZdbFormatException {
        return require(name);
    }

    /** Accessor for a nested object, with the field path carried into messages. */
    JsonFields nested(String name) throws ZdbFormatException {
        return new JsonFields(file, context + name + ".", object(name));
    }
}
