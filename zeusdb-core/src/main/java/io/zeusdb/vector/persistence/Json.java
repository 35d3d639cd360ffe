package io.zeusdb.vector.persistence;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.metadata.MetadataValues;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON conventions of the {@code .zdb} format, on Jackson's streaming API: UTF-8, two-space
 * indentation, LF line ends, a final newline, {@code "key": value}, {@code {}} and {@code []} for
 * empty containers, integers without a fraction (a {@code Long} is written as an integer, a
 * {@code Double} always with a fraction or exponent, in Java's shortest round-trip form), so the
 * same values always give the same bytes and read back as the same types.
 *
 * <p>Reading refuses repeated keys, nesting deeper than metadata allows, non-finite numbers and
 * trailing text; names and strings may be as long as the file (they are bounded by its verified
 * length, not by Jackson's defaults, because ids and metadata strings have no length limit).
 *
 * <p>Internal: not part of the public API.
 */
final class Json {

    /** Metadata nests at most 128 levels below a record; files add up to two levels around it. */
    static final int MAX_NESTING = MetadataValues.MAX_DEPTH + 2;

    private static final JsonFactory FACTORY = factory(true);
    /**
     * For metadata.json, whose top-level names are record ids: unique, so Jackson's name
     * canonicalisation and interning would only fill its symbol table and the JVM's string table
     * (and made a 50,000-record load several times slower). Its duplicate names are found by
     * {@link #putUnique} and by the reader's one-entry-per-record check instead of Jackson's
     * per-object name set.
     */
    private static final JsonFactory UNIQUE_NAMES = factory(false);

    private static JsonFactory factory(boolean canonicalNames) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .build())
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, canonicalNames)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .configure(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES, canonicalNames)
                .configure(JsonFactory.Feature.INTERN_FIELD_NAMES, canonicalNames)
                .build();
    }

    private Json() {}

    /** A UTF-8 generator with the format's layout; finish with {@link #end}. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.setPrettyPrinter(new Layout());
        return g;
    }

    /** Writes the final newline and flushes the generator. */
    static void end(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        g.close();
    }

    /** A parser over the rest of a file, which must start as a UTF-8 JSON object. */
    static JsonParser parser(BinaryIn in) throws IOException {
        requireUtf8Object(in.peek(4), in.name());
        return FACTORY.createParser(in.asStream());
    }

    /** A parser for a file whose object names are mostly distinct (metadata.json). */
    static JsonParser parserForUniqueNames(BinaryIn in) throws IOException {
        requireUtf8Object(in.peek(4), in.name());
        return UNIQUE_NAMES.createParser(in.asStream());
    }

    /** A parser over a whole file in memory (the small manifest), which must be a UTF-8 JSON object. */
    static JsonParser parser(byte[] bytes, String file) throws IOException {
        requireUtf8Object(java.util.Arrays.copyOf(bytes, Math.min(4, bytes.length)), file);
        return FACTORY.createParser(bytes);
    }

    /**
     * The format's JSON files are UTF-8 and start with {@code {}; checking that first stops Jackson
     * from guessing UTF-16 or UTF-32 from zero bytes in the first four (which a damaged file can
     * hold) and failing later with an error that is not a parse error.
     */
    private static void requireUtf8Object(byte[] head, String file) throws ZdbFormatException {
        if (head.length == 0) {
            throw new ZdbFormatException(file, "is empty; it must hold one JSON object");
        }
        if (head[0] != '{') {
            throw new ZdbFormatException(file, String.format(java.util.Locale.ROOT,
                    "must start with '{' (one UTF-8 JSON object) but starts with byte 0x%02x", head[0] & 0xff));
        }
        for (int i = 1; i < head.length; i++) {
            if (head[i] == 0) {
                throw new ZdbFormatException(file, "holds a NUL byte at offset " + i + "; it must be UTF-8 JSON text");
            }
        }
    }

    /** A parse failure of {@code file} as a format error, with the position when Jackson gives one. */
    static ZdbFormatException invalid(String file, IOException e) {
        if (e instanceof JsonProcessingException j) {
            return new ZdbFormatException(file, "is not valid JSON (at " + where(j.getLocation()) + "): "
                    + j.getOriginalMessage(), e);
        }
        return new ZdbFormatException(file, "is not valid UTF-8 JSON: " + e.getMessage(), e);
    }

    /**
     * Writes a canonical value: {@code null}, {@code Boolean}, {@code Long}, {@code Double},
     * {@code String}, {@code List} or {@code Map<String, ?>} (entries in the map's order).
     */
    static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a canonical JSON value: " + v.getClass().getName());
        }
    }

    /**
     * Reads the value starting at {@code token} into plain Java: {@code LinkedHashMap} (text
     * order), {@code ArrayList}, {@code Long}, {@code Double}, {@code BigInteger} (integers beyond
     * 64 bits), {@code String}, {@code Boolean} or {@code null}.
     */
    static Object read(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    putUnique(p, object, p.currentName(), read(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(read(p, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = p.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return p.getLongValue();
                }
                return p.getBigIntegerValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + token);
        }
    }

    /**
     * Adds a name to an object being read, refusing a repeated one with Jackson's own message:
     * the metadata.json parser leaves duplicate detection to this (a hash set per object in
     * Jackson, for names that are unique by construction at the top level, cost a fifth of a
     * load).
     */
    static void putUnique(JsonParser p, Map<String, Object> object, String key, Object value) throws IOException {
        int before = object.size();
        object.put(key, value);
        if (object.size() == before) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "Duplicate field '" + key + "'");
        }
    }

    /** Reads {@code dir/name}, which must be one JSON object; every parse failure is a format error naming it. */
    static Map<String, Object> readFile(Path dir, String name) throws IOException {
        try (BinaryIn in = BinaryIn.open(dir, name); JsonParser p = parser(in)) {
            return readObject(p, name);
        } catch (JsonProcessingException | java.io.CharConversionException e) {
            throw invalid(name, e);
        }
    }

    /** The same for a whole file already in memory (the small manifest). */
    static Map<String, Object> readBytes(byte[] bytes, String name) throws IOException {
        try (JsonParser p = parser(bytes, name)) {
            return readObject(p, name);
        } catch (JsonProcessingException | java.io.CharConversionException e) {
            throw invalid(name, e);
        }
    }

    /** Reads one whole document that must be an object, refusing trailing text. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(JsonParser p, String file) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new io.zeusdb.vector.ZdbFormatException(file, first == null ? "is empty; it must hold one JSON object"
                    : "must hold one JSON object, found " + first + " at " + where(p.currentTokenLocation()));
        }
        Object value = read(p, first);
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new io.zeusdb.vector.ZdbFormatException(file, "has more text after its object, at "
                    + where(p.currentTokenLocation()));
        }
        return (Map<String, Object>) value;
    }

    /** "line L, column C" of a parser location. */
    static String where(JsonLocation loc) {
        return loc == null ? "an unknown position" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /**
     * Two-space indentation with LF, {@code ": "} between a name and its value, and nothing
     * inside empty containers. One instance per generator (it tracks depth).
     */
    private static final class Layout implements PrettyPrinter {
        private int depth;

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < depth; i++) {
                g.writeRaw("  ");
            }
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            if (values > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }
    }
}
