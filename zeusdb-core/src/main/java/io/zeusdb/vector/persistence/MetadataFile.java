package io.zeusdb.vector.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.metadata.InvalidMetadataException;
import io.zeusdb.vector.metadata.MetadataValues;
import io.zeusdb.vector.metadata.StringSharing;
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
     * {@code mappings.bin}, each once.
     */
    static void read(Path dir, IdTable nodeOf, RecordSlots slots, int nodeCount, int liveCount) throws IOException {
        String file = ZdbLayout.METADATA;
        try (BinaryIn in = BinaryIn.open(dir, file); JsonParser p = Json.parserForUniqueNames(in)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new ZdbFormatException(file, first == null ? "is empty; it must hold one JSON object"
                        : "must hold one JSON object mapping ids to metadata, found " + first);
            }
            RecordDecoder decoder = new RecordDecoder(p, nodeOf, slots, nodeCount);
            while (p.nextToken() != JsonToken.END_OBJECT) {
                decoder.record(); // a method of its own so the JIT compiles it early in a fresh JVM
            }
            if (p.nextToken() != null) {
                throw new ZdbFormatException(file, "has more text after its object, at "
                        + Json.where(p.currentTokenLocation()));
            }
            if (decoder.seen != liveCount) {
                for (int node = 0; node < nodeCount; node++) {
                    if (slots.isLive(node) && slots.metadata(node) == null) {
                        throw new ZdbFormatException(file, "has no entry for id '" + slots.id(node) + "' (node "
                                + node + "); every live record needs one, {} when it has no metadata");
                    }
                }
            }
        } catch (JsonProcessingException | CharConversionException e) {
            throw Json.invalid(file, e);
        }
    }

    /** Places one record's metadata after another; the parser stands on the record's id. */
    private static final class RecordDecoder {
        private static final String FILE = ZdbLayout.METADATA;
        private final JsonParser p;
        private final IdTable nodeOf;
        private final RecordSlots slots;
        private final int nodeCount;
        /**
         * The writer lists live records in node order: the next live node's id is checked first,
         * which avoids a hash lookup (a cache miss per record) for all but a reordered file.
         */
        private int next;
        private int seen;
        /** One record's field names and raw values, reused from record to record. */
        private String[] names = new String[16];
        private Object[] values = new Object[16];
        private final StringSharing sharing = StringSharing.forBatch();

        RecordDecoder(JsonParser p, IdTable nodeOf, RecordSlots slots, int nodeCount) {
            this.p = p;
            this.nodeOf = nodeOf;
            this.slots = slots;
            this.nodeCount = nodeCount;
        }

        void record() throws IOException {
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
                throw new ZdbFormatException(FILE, "has metadata for id '" + id + "', which mappings.bin does "
                        + "not hold as a live record");
            }
            if (slots.metadata(node) != null) {
                // the parser does not track names (ids are unique by construction); the slots do
                throw new ZdbFormatException(FILE, "has two entries for id '" + id + "' (the second at "
                        + Json.where(p.currentTokenLocation()) + "); every live record has exactly one");
            }
            if (valueToken != JsonToken.START_OBJECT) {
                throw new ZdbFormatException(FILE, "the metadata of id '" + id + "' must be an object, found "
                        + valueToken + " at " + Json.where(p.currentTokenLocation()));
            }
            int count = 0;
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                if (count == names.length) {
                    names = java.util.Arrays.copyOf(names, 2 * count);
                    values = java.util.Arrays.copyOf(values, 2 * count);
                }
                names[count] = p.currentName();
                values[count++] = Json.read(p, p.nextToken());
            }
            Map<String, Object> canonical;
            try {
                canonical = MetadataValues.canonicalFields(names, values, count, sharing);
            } catch (InvalidMetadataException e) {
                throw new ZdbFormatException(FILE, "the metadata of id '" + id + "' cannot be stored: "
                        + e.getMessage(), e);
            }
            if (canonical == null) {
                throw new ZdbFormatException(FILE, "the metadata of id '" + id + "' names a field twice ("
                        + repeated(count) + "); each field appears once per record");
            }
            java.util.Arrays.fill(values, 0, count, null);
            slots.setMetadata(node, canonical);
            seen++;
        }

        private String repeated(int count) {
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (int i = 0; i < count; i++) {
                if (!distinct.add(names[i])) {
                    return "'" + names[i] + "'";
                }
            }
            return "?";
        }
    }
}
