package io.zeusdb.vector.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.metadata.InvalidMetadataException;
import io.zeusdb.vector.metadata.MetadataValues;
import io.zeusdb.vector.storage.IdTable;
import io.zeusdb.vector.storage.RecordSlots;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code metadata.json}: one object mapping every live record's external id to its metadata
 * object, records in arrival order, keys in code-point order at every level, JSON types kept
 * (integers stay integers, however large; other numbers keep a fraction or exponent), reference
 * 12.5. Streamed both ways: no whole-file text or tree is ever built.
 *
 * <p>Internal: not part of the public API.
 */
final class MetadataFile {

    private MetadataFile() {}

    static FileDigest write(Path dir, IndexSnapshot s) throws IOException {
        NodeView nodes = s.nodes();
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.METADATA)) {
            JsonGenerator g = Json.generator(out.asStream());
            g.writeStartObject();
            for (int node = 0; node < s.nodeCount(); node++) {
                String id = nodes.externalId(node);
                if (id == null) {
                    continue;
                }
                g.writeFieldName(id);
                Json.write(g, nodes.metadata(node));
            }
            g.writeEndObject();
            Json.end(g);
            return out.finish();
        } catch (com.fasterxml.jackson.core.JsonGenerationException e) {
            throw new IOException("metadata.json could not be written: " + e.getOriginalMessage()
                    + " (a record id or metadata string holds an unpaired UTF-16 surrogate, which UTF-8 cannot "
                    + "represent)", e);
        }
    }

    /**
     * Reads every record's metadata into {@code slots}; the ids must be exactly the live ids of
     * {@code mappings.bin}.
     */
    static void read(Path dir, IdTable nodeOf, RecordSlots slots, int nodeCount, int liveCount) throws IOException {
        String file = ZdbLayout.METADATA;
        int seen = 0;
        // the writer lists live records in node order: check the next live node's id first, which
        // avoids a hash lookup (a cache miss per record) for all but a reordered file
        int next = 0;
        try (BinaryIn in = BinaryIn.open(dir, file); JsonParser p = Json.parserForUniqueNames(in)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new ZdbFormatException(file, first == null ? "is empty; it must hold one JSON object"
                        : "must hold one JSON object mapping ids to metadata, found " + first);
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String id = p.currentName();
                JsonToken valueToken = p.nextToken();
                while (next < nodeCount && !slots.isLive(next)) {
                    next++;
                }
                int node;
                if (next < nodeCount && id.equals(slots.id(next))) {
                    node = next++;
                } else {
                    node = nodeOf.get(id);
                }
                if (node < 0) {
                    throw new ZdbFormatException(file, "has metadata for id '" + id + "', which mappings.bin does "
                            + "not hold as a live record");
                }
                if (valueToken != JsonToken.START_OBJECT) {
                    throw new ZdbFormatException(file, "the metadata of id '" + id + "' must be an object, found "
                            + valueToken + " at " + Json.where(p.currentTokenLocation()));
                }
                Map<String, Object> canonical;
                if (p.nextToken() == JsonToken.END_OBJECT) {
                    canonical = MetadataValues.emptyMap(); // the common case of a bulk load
                } else {
                    Map<String, Object> raw = new java.util.LinkedHashMap<>();
                    for (JsonToken f = p.currentToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                        String key = p.currentName();
                        raw.put(key, Json.read(p, p.nextToken()));
                    }
                    try {
                        canonical = MetadataValues.canonicalMap(raw);
                    } catch (InvalidMetadataException e) {
                        throw new ZdbFormatException(file, "the metadata of id '" + id + "' cannot be stored: "
                                + e.getMessage(), e);
                    }
                }
                slots.setMetadata(node, canonical);
                seen++;
            }
            if (p.nextToken() != null) {
                throw new ZdbFormatException(file, "has more text after its object, at "
                        + Json.where(p.currentTokenLocation()));
            }
        } catch (JsonProcessingException | CharConversionException e) {
            throw Json.invalid(file, e);
        }
        if (seen != liveCount) {
            for (int node = 0; node < nodeCount; node++) {
                if (slots.isLive(node) && slots.metadata(node) == null) {
                    throw new ZdbFormatException(file, "has no entry for id '" + slots.id(node) + "' (node " + node
                            + "); every live record needs one, {} when it has no metadata");
                }
            }
        }
    }
}
