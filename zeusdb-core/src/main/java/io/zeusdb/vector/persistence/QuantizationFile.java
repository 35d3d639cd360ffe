package io.zeusdb.vector.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zeusdb.vector.QuantizationConfig;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.quantization.RerankCalibration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code quantization.json}: PQ configuration, training state and rerank calibration (reference
 * 12.6). Fields in order: {@code type, subvectors, bits, training_size, max_training_vectors,
 * storage_mode, is_trained, training_completed_at, memory_stats, pq_config, training_ids,
 * training_threshold_reached, rerank_calibration}.
 *
 * <p>Internal: not part of the public API.
 */
final class QuantizationFile {

    /**
     * What the file holds, before the codebook is read.
     *
     * @param config           the configuration (validated like create())
     * @param trained          whether a codebook was trained
     * @param trainedAt        when, or {@code null}
     * @param trainingIds      collected ids in collection order
     * @param thresholdReached the saved threshold flag
     * @param calibration      the rerank calibration, or {@code null}
     */
    record Contents(QuantizationConfig config, boolean trained, Instant trainedAt, List<String> trainingIds,
                    boolean thresholdReached, RerankCalibration calibration) {}

    private QuantizationFile() {}

    static FileDigest write(Path dir, int dim, PqState pq) throws IOException {
        QuantizationConfig c = pq.config();
        int s = c.subvectors();
        int k = 1 << c.bits();
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.QUANTIZATION)) {
            JsonGenerator g = Json.generator(out.asStream());
            g.writeStartObject();
            g.writeStringField("type", "pq");
            g.writeNumberField("subvectors", s);
            g.writeNumberField("bits", c.bits());
            g.writeNumberField("training_size", c.trainingSize());
            if (c.maxTrainingVectors() == null) {
                g.writeNullField("max_training_vectors");
            } else {
                g.writeNumberField("max_training_vectors", c.maxTrainingVectors());
            }
            g.writeStringField("storage_mode", c.storageMode().toString());
            g.writeBooleanField("is_trained", pq.codebook() != null);
            if (pq.trainedAt() == null) {
                g.writeNullField("training_completed_at");
            } else {
                g.writeStringField("training_completed_at", ZdbManifest.time(pq.trainedAt()));
            }
            g.writeObjectFieldStart("memory_stats");
            g.writeNumberField("centroid_storage_mb", (double) k * dim * 4 / (1024.0 * 1024.0));
            g.writeNumberField("compression_ratio", dim * 4.0 / s);
            g.writeNumberField("centroids_per_subvector", k);
            g.writeNumberField("total_centroids", (long) s * k);
            g.writeEndObject();
            g.writeObjectFieldStart("pq_config");
            g.writeNumberField("dim", dim);
            g.writeNumberField("sub_dim", dim / s);
            g.writeNumberField("num_centroids", k);
            g.writeEndObject();
            g.writeFieldName("training_ids");
            Json.write(g, pq.trainingIds());
            g.writeBooleanField("training_threshold_reached", pq.thresholdReached());
            RerankCalibration cal = pq.calibration();
            if (cal == null) {
                g.writeNullField("rerank_calibration");
            } else {
                g.writeObjectFieldStart("rerank_calibration");
                g.writeNumberField("fetch", cal.fetch());
                g.writeFieldName("fit_fetches");
                g.writeArray(cal.fitFetches(), 0, cal.fitFetches().length);
                g.writeNumberField("exponent", cal.exponent());
                g.writeFieldName("page_fetches");
                g.writeArray(cal.pageFetches(), 0, cal.pageFetches().length);
                g.writeNumberField("page_exponent", cal.pageExponent());
                g.writeNumberField("sample_records", cal.sampleRecords());
                g.writeNumberField("queries", cal.queries());
                g.writeNumberField("target", cal.target());
                g.writeNumberField("millis", cal.millis());
                g.writeEndObject();
            }
            g.writeEndObject();
            Json.end(g);
            return out.finish();
        }
    }

    static Contents read(Path dir, int dim) throws IOException {
        JsonFields f = new JsonFields(ZdbLayout.QUANTIZATION, "", Json.readFile(dir, ZdbLayout.QUANTIZATION));
        String type = f.string("type");
        long subvectors = f.integer("subvectors", 1, Integer.MAX_VALUE);
        long bits = f.integer("bits", 0, Integer.MAX_VALUE);
        if (bits < 1 || bits > 8) {
            throw f.problem("bits is " + bits + "; it must be 1..8");
        }
        if (subvectors > dim || dim % subvectors != 0) {
            throw f.problem("subvectors is " + subvectors + "; it must divide dim " + dim + " and not exceed it");
        }
        long trainingSize = f.integer("training_size", 1000, Integer.MAX_VALUE);
        Object maxRaw = f.raw("max_training_vectors");
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("type", type);
        cfg.put("subvectors", (int) subvectors);
        cfg.put("bits", (int) bits);
        cfg.put("training_size", (int) trainingSize);
        if (maxRaw != null) {
            cfg.put("max_training_vectors", (int) f.integer("max_training_vectors", trainingSize, Integer.MAX_VALUE));
        }
        cfg.put("storage_mode", f.string("storage_mode"));
        QuantizationConfig config;
        try {
            config = QuantizationConfig.fromMap(cfg);
        } catch (IllegalArgumentException e) {
            throw new ZdbFormatException(ZdbLayout.QUANTIZATION, e.getMessage(), e);
        }
        boolean trained = f.bool("is_trained");
        Object at = f.raw("training_completed_at");
        Instant trainedAt = null;
        if (at != null) {
            String text = f.string("training_completed_at");
            try {
                trainedAt = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw f.problem("field 'training_completed_at' is \"" + text + "\", not an RFC 3339 time");
            }
        }
        f.raw("memory_stats");
        JsonFields pqConfig = f.nested("pq_config");
        if (pqConfig.anyLong("dim") != dim || pqConfig.anyLong("sub_dim") != dim / subvectors
                || pqConfig.anyLong("num_centroids") != 1L << bits) {
            throw f.problem("field 'pq_config' describes dim " + pqConfig.anyLong("dim") + ", sub_dim "
                    + pqConfig.anyLong("sub_dim") + ", " + pqConfig.anyLong("num_centroids") + " centroids, which "
                    + "disagrees with dim " + dim + ", subvectors " + subvectors + ", bits " + bits);
        }
        List<String> ids = new ArrayList<>(f.strings("training_ids"));
        if (trained && !ids.isEmpty()) {
            throw f.problem("field 'training_ids' lists " + ids.size() + " ids, but a trained index has none");
        }
        boolean threshold = f.bool("training_threshold_reached");
        RerankCalibration cal = null;
        if (f.raw("rerank_calibration") != null) {
            JsonFields c = f.nested("rerank_calibration");
            cal = new RerankCalibration((int) c.integer("fetch", 1, Integer.MAX_VALUE), ints(c, "fit_fetches", 4),
                    c.number("exponent"), ints(c, "page_fetches", 3), c.number("page_exponent"),
                    (int) c.integer("sample_records", 1, Integer.MAX_VALUE),
                    (int) c.integer("queries", 0, Integer.MAX_VALUE), c.number("target"),
                    c.integer("millis", 0, Long.MAX_VALUE));
            if (!(cal.exponent() >= 0 && cal.exponent() <= 1 && cal.pageExponent() >= 0 && cal.pageExponent() <= 1)) {
                throw c.problem("field 'rerank_calibration' holds exponents " + cal.exponent() + " and "
                        + cal.pageExponent() + "; both must lie in [0, 1]");
            }
        }
        return new Contents(config, trained, trainedAt, ids, threshold, cal);
    }

    private static int[] ints(JsonFields f, String name, int count) throws ZdbFormatException {
        Object v = f.raw(name);
        if (!(v instanceof List<?> list) || list.size() != count) {
            throw f.problem("field '" + name + "' must be an array of " + count + " positive integers");
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            if (!(list.get(i) instanceof Long l) || l < 1 || l > Integer.MAX_VALUE) {
                throw f.problem("field '" + name + "' must be an array of " + count + " positive integers");
            }
            out[i] = (int) (long) list.get(i);
        }
        return out;
    }
}
