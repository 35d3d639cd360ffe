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
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
     * Every record of {@code metadata.json} in file order, parsed and canonical but not yet
     * matched to graph nodes (which needs {@code mappings.bin}), so it can be read on another
     * thread while mappings.bin is.
     *
     * @param ids      external ids, {@code count} of them
     * @param metadata canonical metadata, parallel to {@code ids}
     */
    record Records(String[] ids, Map<String, Object>[] metadata, int count) {}

    /**
     * Reads every record's metadata into {@code slots}; the ids must be exactly the live ids of
     * {@code mappings.bin}, each once.
     */
    static void read(Path dir, IdTable nodeOf, RecordSlots slots, int nodeCount, int liveCount) throws IOException {
        try (BinaryIn in = BinaryIn.open(dir, ZdbLayout.METADATA)) {
            place(parse(in, liveCount), nodeOf, slots, nodeCount, liveCount);
        }
    }

    /**
     * Parses the whole file: one object of id to metadata object, each value storable.
     *
     * @param expected records expected (room is made for them up front), or -1 when unknown
     */
    static Records parse(BinaryIn in, int expected) throws IOException {
        String file = ZdbLayout.METADATA;
        long bytes = in.remaining();
        try (JsonParser p = Json.parserForUniqueNames(in)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new ZdbFormatException(file, first == null ? "is empty; it must hold one JSON object"
                        : "must hold one JSON object mapping ids to metadata, found " + first);
            }
            RecordParser records = new RecordParser(p, expected);
            while (p.nextToken() != JsonToken.END_OBJECT) {
                records.next(); // a method of its own so the JIT compiles it early in a fresh JVM
            }
            if (p.nextToken() != null) {
                throw new ZdbFormatException(file, "has more text after its object, at "
                        + Json.where(p.currentTokenLocation()));
            }
            return new Records(records.ids, records.metadata, records.count);
        } catch (JsonProcessingException | CharConversionException e) {
            throw Json.invalid(file, e);
        } catch (OutOfMemoryError e) {
            // JSON expands several times in heap and only parsing tells by how much; everything
            // parsed so far is unreachable once this is thrown, so the JVM has its heap back
            throw new ZdbFormatException(file, "holds " + bytes + " bytes of JSON, more metadata than fits in this "
                    + "JVM's maximum heap of " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB (run it with a "
                    + "larger -Xmx)", e);
        }
    }

    /**
     * Installs parsed records in {@code slots}: every id must be a live record of mappings.bin,
     * listed once, and every live record must be listed.
     */
    static void place(Records records, IdTable nodeOf, RecordSlots slots, int nodeCount, int liveCount)
            throws ZdbFormatException {
        String file = ZdbLayout.METADATA;
        // the writer lists live records in node order: the next live node's id is checked first,
        // which avoids a hash lookup (a cache miss per record) for all but a reordered file
        int next = 0;
        for (int i = 0; i < records.count(); i++) {
            String id = records.ids()[i];
            while (next < nodeCount && !slots.isLive(next)) {
                next++;
            }
            int node = next < nodeCount && id.equals(slots.id(next)) ? next++ : nodeOf.get(id);
            if (node < 0) {
                throw new ZdbFormatException(file, "has metadata for id '" + id + "', which mappings.bin does "
                        + "not hold as a live record");
            }
            if (slots.metadata(node) != null) {
                throw new ZdbFormatException(file, "has two entries for id '" + id + "' (the second is record "
                        + (i + 1) + " of the file); every live record has exactly one");
            }
            slots.setMetadata(node, records.metadata()[i]);
        }
        if (records.count() != liveCount) {
            for (int node = 0; node < nodeCount; node++) {
                if (slots.isLive(node) && slots.metadata(node) == null) {
                    throw new ZdbFormatException(file, "has no entry for id '" + slots.id(node) + "' (node "
                            + node + "); every live record needs one, {} when it has no metadata");
                }
            }
        }
    }

    /** Parses one record after another; the parser stands on the record's id. */
    private static final class RecordParser {
        private static final String FILE = ZdbLayout.METADATA;
        private final JsonParser p;
        private String[] ids;
        private Map<String, Object>[] metadata;
        private int count;
        /** One record's field names and raw values, reused from record to record. */
        private String[] names = new String[16];
        private Object[] values = new Object[16];
        private final StringSharing sharing = StringSharing.forBatch();

        @SuppressWarnings("unchecked")
        RecordParser(JsonParser p, int expected) {
            this.p = p;
            int room = Math.max(16, expected);
            this.ids = new String[room];
            this.metadata = (Map<String, Object>[]) new Map<?, ?>[room];
        }

        void next() throws IOException {
            String id = p.currentName();
            JsonToken valueToken = p.nextToken();
            if (valueToken != JsonToken.START_OBJECT) {
                throw new ZdbFormatException(FILE, "the metadata of id '" + id + "' must be an object, found "
                        + valueToken + " at " + Json.where(p.currentTokenLocation()));
            }
            int fields = 0;
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                if (fields == names.length) {
                    names = Arrays.copyOf(names, 2 * fields);
                    values = Arrays.copyOf(values, 2 * fields);
                }
                names[fields] = p.currentName();
                JsonToken value = p.nextToken();
                values[fields++] = value == JsonToken.VALUE_STRING // most values: no String for a repeat
                        ? sharing.value(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())
                        : Json.read(p, value);
            }
            Map<String, Object> canonical;
            try {
                canonical = MetadataValues.canonicalFields(names, values, fields, sharing);
            } catch (InvalidMetadataException e) {
                throw new ZdbFormatException(FILE, "the metadata of id '" + id + "' cannot be stored: "
                        + e.getMessage(), e);
            }
            if (canonical == null) {
                throw new ZdbFormatException(FILE, "the metadata of id '" + id + "' names a field twice ("
                        + repeated(fields) + "); each field appears once per record");
            }
            Arrays.fill(values, 0, fields, null);
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, 2 * count);
                metadata = Arrays.copyOf(metadata, 2 * count);
            }
            ids[count] = id;
            metadata[count++] = canonical;
        }

        private String repeated(int fields) {
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < fields; i++) {
                if (!distinct.add(names[i])) {
                    return "'" + names[i] + "'";
                }
            }
            return "?";
        }
    }
}
