package io.zeusdb.vector.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zeusdb.vector.metadata.MetadataValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the JSON text form of a filter.
 *
 * <p>Internal, not API. Reading keeps JSON's number kinds: an integer that fits 64 bits becomes a
 * {@code Long}, a larger one a {@code Double} (as metadata does), a number with a fraction or
 * exponent a {@code Double}. Nesting deeper than 128 levels, a repeated key, trailing text and
 * non-finite numbers are refused. Error messages give a position, never an excerpt of the text.
 */
public final class FilterJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(FilterParser.MAX_VALUE_LEVELS)
                    .build())
            // Parse errors must not quote the caller's text back.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final ObjectMapper WRITER = new ObjectMapper();

    private FilterJson() {}

    /**
     * Parses JSON text that must hold one object.
     *
     * @return a mutable map in the text's key order (null values allowed)
     * @throws IllegalArgumentException if the text is not one JSON object, or is too deep
     */
    public static Map<String, Object> parseObject(String json) {
        if (json == null) {
            throw new IllegalArgumentException("Filter JSON text must not be null; pass null as the filter "
                    + "itself to match every record.");
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("Filter JSON text is empty; write {} to match every record.");
            }
            Object value = readValue(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("Filter JSON text has more after its object, at "
                        + position(parser.currentTokenLocation()) + "; a filter is exactly one JSON object.");
            }
            if (!(value instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("Filter JSON text must be an object, for example "
                        + "{\"lang\": \"en\"}, but it is " + FilterParser.kindOf(value) + ".");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            return object;
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("The filter JSON text nests objects and arrays deeper than "
                    + FilterParser.MAX_VALUE_LEVELS + " levels; filters, like metadata, nest at most "
                    + FilterParser.MAX_VALUE_LEVELS + " levels.", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Filter JSON text is not valid JSON (at "
                    + position(e.getLocation()) + ").", e);
        } catch (IOException e) {
            // A String source cannot fail to read; kept for the checked signature.
            throw new IllegalArgumentException("Filter JSON text could not be read.", e);
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String key = parser.currentName();
                    Object value = readValue(parser, parser.nextToken());
                    if (object.containsKey(key)) {
                        throw new IllegalArgumentException("Filter JSON text repeats a key within one object (at "
                                + position(parser.currentTokenLocation()) + "); each key may appear once.");
                    }
                    object.put(key, value);
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(readValue(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.INT
                        || parser.getNumberType() == JsonParser.NumberType.LONG) {
                    return parser.getLongValue();
                }
                // Beyond 64 bits: a float, exactly as metadata stores it.
                return MetadataValues.canonical(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = parser.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("Filter JSON text holds a number too large for a double (at "
                            + position(parser.currentTokenLocation()) + ").");
                }
                return d;
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
            default -> throw new IllegalArgumentException("Filter JSON text is not valid JSON (at "
                    + position(parser.currentTokenLocation()) + ").");
        }
    }

    private static String position(JsonLocation location) {
        if (location == null) {
            return "an unknown position";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * Writes a filter map (or any canonical value) as compact JSON text, keys in the map's order.
     *
     * @throws IllegalArgumentException if the value holds something JSON cannot express
     */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A filter value could not be written as JSON.", e);
        }
    }
}
