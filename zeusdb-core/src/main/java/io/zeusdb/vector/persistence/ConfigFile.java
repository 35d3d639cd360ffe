package io.zeusdb.vector.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.ZdbFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code config.json}: {@code dim, space, m, ef_construction, expected_size, id_counter,
 * vector_count, generated_ids, metadata, indexed_fields}, in that order (reference 12.4).
 *
 * <p>Internal: not part of the public API.
 */
final class ConfigFile {

    /** Internal ids are u32 on disk (reference 12.9 step 6). */
    static final long MAX_ID_COUNTER = 0xFFFF_FFFFL;

    /**
     * What {@code config.json} holds.
     *
     * @param config       the validated configuration
     * @param idCounter    highest internal id issued
     * @param vectorCount  live records at save
     * @param generatedIds the generated-id counter
     * @param metadata     index-level metadata, sorted
     * @param quantization what quantization.json holds, or {@code null} when the index has none
     */
    record Contents(IndexConfig config, long idCounter, long vectorCount, long generatedIds,
                    Map<String, String> metadata, QuantizationFile.Contents quantization) {}

    private ConfigFile() {}

    static FileDigest write(Path dir, IndexSnapshot s) throws IOException {
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.CONFIG)) {
            JsonGenerator g = Json.generator(out.asStream());
            g.writeStartObject();
            g.writeNumberField("dim", s.dim());
            g.writeStringField("space", s.space().toString());
            g.writeNumberField("m", s.m());
            g.writeNumberField("ef_construction", s.efConstruction());
            g.writeNumberField("expected_size", s.expectedSize());
            g.writeNumberField("id_counter", s.idCounter());
            g.writeNumberField("vector_count", s.liveCount());
            g.writeNumberField("generated_ids", s.generatedIds());
            g.writeFieldName("metadata");
            Json.write(g, s.indexMetadata());
            g.writeFieldName("indexed_fields");
            Json.write(g, s.indexedFields());
            g.writeEndObject();
            Json.end(g);
            return out.finish();
        }
    }

    /** Reads quantization.json for an index of width {@code dim} (the file is checked against it). */
    @FunctionalInterface
    interface QuantizationSource {
        QuantizationFile.Contents read(int dim) throws IOException;
    }

    /**
     * Reads config.json once; {@code quantization}, when not null, is asked for the PQ settings as
     * soon as {@code dim} is known, so they join the configuration before create()'s checks run.
     */
    static Contents read(Path dir, int insertThreads, QuantizationSource quantization) throws IOException {
        JsonFields f = new JsonFields(ZdbLayout.CONFIG, "", Json.readFile(dir, ZdbLayout.CONFIG));
        int dim = createInt(f, "dim");
        QuantizationFile.Contents pq = null;
        if (quantization != null) {
            if (dim <= 0 || dim > 65_536) {
                throw f.problem("dim is " + dim + "; it must be 1..65536");
            }
            pq = quantization.read(dim);
        }
        String space = f.string("space");
        int m = createInt(f, "m");
        int ef = createInt(f, "ef_construction");
        int expected = createInt(f, "expected_size");
        long idCounter = f.integer("id_counter", 0, MAX_ID_COUNTER);
        long vectorCount = f.integer("vector_count", 0, Integer.MAX_VALUE);
        long generated = f.integer("generated_ids", 0, Long.MAX_VALUE);
        Map<String, Object> rawMeta = f.object("metadata");
        TreeMap<String, String> meta = new TreeMap<>(io.zeusdb.vector.metadata.CodePointOrder.INSTANCE);
        for (Map.Entry<String, Object> e : rawMeta.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw f.problem("field 'metadata' must map names to strings, but \"" + e.getKey() + "\" holds "
                        + JsonFields.kind(e.getValue()));
            }
            meta.put(e.getKey(), v);
        }
        List<String> fields = f.strings("indexed_fields");
        IndexConfig config;
        try {
            config = IndexConfig.hnsw(dim).space(space).m(m).efConstruction(ef).expectedSize(expected)
                    .indexedFields(fields.toArray(new String[0])).insertThreads(insertThreads)
                    .quantization(pq == null ? null : pq.config()).build();
        } catch (IllegalArgumentException e) {
            throw new ZdbFormatException(ZdbLayout.CONFIG, e.getMessage(), e);
        }
        return new Contents(config, idCounter, vectorCount, generated, Collections.unmodifiableMap(meta), pq);
    }

    /**
     * An integer create() validates: values beyond 32 bits are refused here with create()'s
     * wording, smaller ones are left to create()'s own checks and messages.
     */
    private static int createInt(JsonFields f, String name) throws ZdbFormatException {
        long v = f.anyLong(name);
        if (v > Integer.MAX_VALUE) {
            throw f.problem(name + " must be at most " + switch (name) {
                case "dim" -> "65536";
                case "m" -> "256";
                case "ef_construction" -> "4096";
                default -> "100000000";
            } + ", got " + v);
        }
        if (v < Integer.MIN_VALUE) {
            throw f.problem(name + " must be positive, got " + v);
        }
        return (int) v;
    }
}
