package io.zeusdb.vector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated configuration of an HNSW index. Build it typed, or from upstream's snake_case
 * keyword map; both run the same checks in the same order with the same messages.
 *
 * <pre>{@code
 * IndexConfig cfg = IndexConfig.hnsw(1536).space(Space.COSINE).m(16).efConstruction(200)
 *         .expectedSize(10_000).build();
 * IndexConfig same = IndexConfig.fromMap(Map.of("dim", 1536, "space", "cosine", "m", 16));
 * }</pre>
 *
 * <p>Defaults: space cosine, {@code ef_construction} 200, {@code expected_size} 10,000, and
 * {@code m} 16 when {@code expected_size <= 25,000}, else 32 (a graph too sparse for its record
 * count loses recall no search width recovers). {@code insert_threads} (0 = all cores) sets how
 * many threads link a batch; 1 gives a graph that is bit-for-bit reproducible for the same input.
 */
public final class IndexConfig {

    private static final Logger LOG = LoggerFactory.getLogger(IndexConfig.class);
    private static final List<String> KEYS = List.of("dim", "space", "m", "ef_construction", "expected_size",
            "quantization_config", "indexed_fields", "insert_threads");
    private static final Set<String> RESERVED_FIELDS = Set.of("$and", "$or", "$not");

    private final int dim;
    private final Space space;
    private final int m;
    private final int efConstruction;
    private final int expectedSize;
    private final List<String> indexedFields;
    private final int insertThreads;
    /** Resolved for {@link #dim}, or {@code null} without quantization. */
    private final QuantizationConfig quantization;

    private IndexConfig(int dim, Space space, int m, int efConstruction, int expectedSize,
                        List<String> indexedFields, int insertThreads, QuantizationConfig quantization) {
        this.dim = dim;
        this.space = space;
        this.m = m;
        this.efConstruction = efConstruction;
        this.expectedSize = expectedSize;
        this.indexedFields = indexedFields;
        this.insertThreads = insertThreads;
        this.quantization = quantization;
    }

    /** Starts a configuration for vectors of width {@code dim} (required: it must match your model). */
    public static Builder hnsw(int dim) {
        return new Builder(dim);
    }

    /**
     * Reads upstream's keyword form: {@code dim} (required), {@code space}, {@code m},
     * {@code ef_construction}, {@code expected_size}, {@code quantization_config},
     * {@code indexed_fields}, {@code insert_threads}.
     *
     * @throws IllegalArgumentException for a missing {@code dim}, an unknown key or any invalid value
     */
    public static IndexConfig fromMap(Map<String, ?> params) {
        if (params == null) {
            throw new IllegalArgumentException("create() parameters cannot be null");
        }
        for (String key : params.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown parameter '" + key + "' for create(). Accepted keys: "
                        + String.join(", ", KEYS));
            }
        }
        Integer dim = Limits.intParam("dim", params.get("dim"));
        if (dim == null) {
            throw new IllegalArgumentException("create() requires 'dim', the width of the vectors this index will "
                    + "hold. There is no default because dim must equal the width your embedding model produces "
                    + "(read it with vector.length), e.g. dim=1536 for OpenAI text-embedding-3-small, dim=768 for "
                    + "most sentence-transformers models.");
        }
        Builder b = new Builder(dim);
        b.indexedFieldsRaw = params.get("indexed_fields");
        Object space = params.get("space");
        if (space != null) {
            if (space instanceof Space s) {
                b.space = s.toString();
            } else if (space instanceof String s) {
                b.space = s;
            } else {
                throw new IllegalArgumentException("space must be a String, got " + space.getClass().getSimpleName());
            }
        }
        b.m = Limits.intParam("m", params.get("m"));
        b.efConstruction = Limits.intParam("ef_construction", params.get("ef_construction"));
        b.expectedSize = Limits.intParam("expected_size", params.get("expected_size"));
        b.insertThreads = Limits.intParam("insert_threads", params.get("insert_threads"));
        b.quantization = params.get("quantization_config");
        return b.build();
    }

    /** The snake_case Map form; {@code fromMap(cfg.toMap())} equals {@code cfg}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dim", dim);
        map.put("space", space.toString());
        map.put("m", m);
        map.put("ef_construction", efConstruction);
        map.put("expected_size", expectedSize);
        map.put("indexed_fields", indexedFields);
        map.put("insert_threads", insertThreads);
        if (quantization != null) {
            map.put("quantization_config", quantization.toMap());
        }
        return map;
    }

    /** Floats per vector (1..65536). */
    public int dim() {
        return dim;
    }

    /** The distance space: cosine, l2, l1 or dot. */
    public Space space() {
        return space;
    }

    /** Neighbours kept per node on the upper layers (layer 0 keeps {@code 2 * m}). */
    public int m() {
        return m;
    }

    /** Candidate-list width used while linking each insert. */
    public int efConstruction() {
        return efConstruction;
    }

    /** Records to reserve room for up front. */
    public int expectedSize() {
        return expectedSize;
    }

    /** Declared metadata fields, in declaration order. */
    public List<String> indexedFields() {
        return indexedFields;
    }

    /** Threads that link a batch; 0 means all available cores. */
    public int insertThreads() {
        return insertThreads;
    }

    /** Product-quantization settings (with {@code subvectors} resolved), or {@code null}. */
    public QuantizationConfig quantization() {
        return quantization;
    }

    IndexConfig withGraph(int newM, int newEfConstruction, int newExpectedSize) {
        return new IndexConfig(dim, space, newM, newEfConstruction, newExpectedSize, indexedFields, insertThreads,
                quantization);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexConfig c && c.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "IndexConfig" + toMap();
    }

    // ------------------------------------------------------------------ validation shared with rebuild()

    static void checkM(int m) {
        if (m < Limits.MIN_M) {
            throw new IllegalArgumentException("m must be at least 2, got " + m);
        }
        if (m > Limits.MAX_M) {
            throw new IllegalArgumentException("m must be less than or equal to 256, got " + m);
        }
    }

    static void checkEfConstruction(int ef) {
        if (ef <= 0) {
            throw new IllegalArgumentException("ef_construction must be positive");
        }
        if (ef > Limits.MAX_EF_CONSTRUCTION) {
            throw new IllegalArgumentException("ef_construction must be at most 4096, got " + ef);
        }
    }

    static void checkExpectedSize(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("expected_size must be positive");
        }
        if (n > Limits.MAX_EXPECTED_SIZE) {
            throw new IllegalArgumentException("expected_size must be at most 100000000, got " + n
                    + " (declaring it would reserve " + String.format(Locale.ROOT, "%.1f", n * 8.0 / 1e9)
                    + " GB at 8 bytes per declared record; it is a hint, not a cap, so declare less and let the "
                    + "index grow)");
        }
    }

    /**
     * Logs create()'s warnings about this configuration (a disabled neighbour heuristic, PQ
     * settings that never train or cost memory): once per create(), not when a saved index is
     * loaded.
     */
    void warnAtCreate() {
        warnIfHeuristicDisabled(m, efConstruction);
        if (quantization != null) {
            warnQuantization(dim, expectedSize, quantization);
        }
    }

    /** Logs upstream's warning when the neighbour-selection heuristic has no room to prune. */
    static void warnIfHeuristicDisabled(int m, int efConstruction) {
        if (efConstruction <= 2 * m) {
            String hint = efConstruction - 1 >= 2 * 1 && (efConstruction - 1) / 2 >= 2
                    ? " Use m <= " + (efConstruction - 1) / 2 + " or raise ef_construction above " + 2 * m + "."
                    : " Raise ef_construction above " + 2 * m + ".";
            LOG.warn("ef_construction={} is at most 2*m={}: the neighbour-selection heuristic is disabled "
                    + "(the graph keeps every candidate and prunes none), which lowers recall.{}",
                    efConstruction, 2 * m, hint);
        }
    }

    /** Upstream's create() warnings about a quantization configuration (section 11.3). */
    static void warnQuantization(int dim, int expectedSize, QuantizationConfig pq) {
        int s = pq.subvectors();
        long k = 1L << pq.bits();
        long fixedBytes = k * dim * Float.BYTES + s * (k * (k - 1) / 2) * Float.BYTES;
        double fixedMb = fixedBytes / (1024.0 * 1024.0);
        double ratio = dim * 4.0 / s;
        boolean neverTrains = expectedSize < pq.trainingSize();
        boolean memoryWarned = false;
        if (neverTrains) {
            LOG.warn("expected_size={} is below training_size={}: training will never trigger, so quantization will "
                    + "never engage. Lower training_size or raise expected_size.", expectedSize, pq.trainingSize());
            memoryWarned = true;
        } else if (pq.storageMode() == StorageMode.QUANTIZED_ONLY) {
            long perRecordSaving = (long) dim * Float.BYTES - s;
            long breakEven = perRecordSaving <= 0 ? Long.MAX_VALUE : (fixedBytes + perRecordSaving - 1) / perRecordSaving;
            if (expectedSize < breakEven) {
                LOG.warn("quantized_only at expected_size={} will use more memory than an unquantized index: the "
                        + "codebook and distance tables take {} MB, which pays off only from {} records on.",
                        expectedSize, String.format(Locale.ROOT, "%.1f", fixedMb), breakEven);
                memoryWarned = true;
            }
        }
        if (!memoryWarned && fixedMb > 50) {
            LOG.warn("Large fixed quantization memory: {} MB for the codebook and distance tables ({} sub-vectors x "
                    + "{} centroids). Consider fewer bits or sub-vectors.", String.format(Locale.ROOT, "%.1f", fixedMb),
                    s, k);
        }
        if (pq.subvectorsExplicit() && ratio > 50) {
            LOG.warn("Very high compression ratio: {}x may significantly impact recall quality",
                    String.format(Locale.ROOT, "%.1f", ratio));
        }
        if (!neverTrains && pq.storageMode() == StorageMode.QUANTIZED_WITH_RAW) {
            LOG.warn("storage_mode='quantized_with_raw' keeps every raw vector beside its {}-byte code (accuracy mode): "
                    + "it saves no memory over an unquantized index and adds {} MB of fixed tables; searches rescore "
                    + "candidates against the raw vectors.", s, String.format(Locale.ROOT, "%.1f", fixedMb));
        }
    }

    /** Typed construction; {@link #build()} validates. */
    public static final class Builder {
        private final int dim;
        private String space;
        private Integer m;
        private Integer efConstruction;
        private Integer expectedSize;
        private Object indexedFieldsRaw;
        private Object quantization;
        private Integer insertThreads;

        private Builder(int dim) {
            this.dim = dim;
        }

        /** The distance space (default cosine). */
        public Builder space(Space space) {
            this.space = space == null ? null : space.toString();
            return this;
        }

        /** The distance space by name: cosine, l2, l1, dot (case-insensitive). */
        public Builder space(String space) {
            this.space = space;
            return this;
        }

        /** Upper-layer degree (layer 0 allows {@code 2m}); 2..256. */
        public Builder m(int m) {
            this.m = m;
            return this;
        }

        /** Candidate list width while linking; 1..4096 (default 200). */
        public Builder efConstruction(int efConstruction) {
            this.efConstruction = efConstruction;
            return this;
        }

        /** Expected record count, a hint: 1..100,000,000 (default 10,000). */
        public Builder expectedSize(int expectedSize) {
            this.expectedSize = expectedSize;
            return this;
        }

        /** Metadata fields to keep columns for (up to 32). */
        public Builder indexedFields(String... fields) {
            this.indexedFieldsRaw = fields == null ? null : List.of(fields);
            return this;
        }

        /** Product quantization (default: none); {@code space} must not be {@code dot}. */
        public Builder quantization(QuantizationConfig quantization) {
            this.quantization = quantization;
            return this;
        }

        /** Threads that link a batch: 0 = all cores (default), 1 = reproducible graphs. */
        public Builder insertThreads(int insertThreads) {
            this.insertThreads = insertThreads;
            return this;
        }

        /** Runs every check of {@code create()} and returns the configuration. */
        public IndexConfig build() {
            List<String> fields = indexedFields(indexedFieldsRaw);
            int size = expectedSize == null ? 10_000 : expectedSize;
            int mm = m != null ? m : (size <= 25_000 ? 16 : 32);
            int ef = efConstruction == null ? 200 : efConstruction;
            QuantizationConfig pq = quantization == null ? null : QuantizationConfig.fromMap(quantization);
            if (dim <= 0) {
                throw new IllegalArgumentException("dim must be positive, got " + dim);
            }
            if (dim > Limits.MAX_DIM) {
                throw new IllegalArgumentException("dim must be at most 65536, got " + dim);
            }
            Space sp = space == null ? Space.COSINE : Space.parse(space);
            checkM(mm);
            checkEfConstruction(ef);
            checkExpectedSize(size);
            checkFields(fields);
            int threads = insertThreads == null ? 0 : insertThreads;
            if (threads < 0) {
                throw new IllegalArgumentException("insert_threads must be 0 (all cores) or positive, got " + threads);
            }
            if (pq != null) {
                if (sp == Space.DOT) {
                    throw new IllegalArgumentException("space='dot' cannot be combined with quantization_config: "
                            + "product quantization ranks by distances to reconstructed vectors, while an "
                            + "inner-product ordering depends on each vector's length, which the codes do not keep. "
                            + "Use space='cosine' (it ranks normalised vectors identically) or drop "
                            + "quantization_config.");
                }
                pq = pq.resolve(dim);
            }
            return new IndexConfig(dim, sp, mm, ef, size, fields, threads, pq);
        }

        private static List<String> indexedFields(Object raw) {
            if (raw == null) {
                return List.of();
            }
            if (raw instanceof CharSequence) {
                throw new IllegalArgumentException("indexed_fields must be a List of field names, got a single "
                        + "String; write List.of(\"" + raw + "\")");
            }
            Collection<?> items;
            if (raw instanceof Collection<?> c) {
                items = c;
            } else if (raw instanceof Object[] a) {
                items = java.util.Arrays.asList(a);
            } else {
                throw new IllegalArgumentException("indexed_fields must be a List of field names, got "
                        + raw.getClass().getSimpleName());
            }
            List<String> out = new ArrayList<>();
            for (Object o : items) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("indexed_fields entries must be Strings, got "
                            + (o == null ? "null" : o.getClass().getSimpleName()));
                }
                out.add(s);
            }
            return Collections.unmodifiableList(out);
        }

        private static void checkFields(List<String> fields) {
            if (fields.size() > Limits.MAX_INDEXED_FIELDS) {
                throw new IllegalArgumentException("indexed_fields declares " + fields.size()
                        + " fields; at most 32 are allowed");
            }
            Set<String> seen = new HashSet<>();
            for (String f : fields) {
                if (f.isEmpty()) {
                    throw new IllegalArgumentException("indexed_fields entries must be non-empty field names");
                }
                if (RESERVED_FIELDS.contains(f)) {
                    throw new IllegalArgumentException("indexed_fields cannot declare '" + f
                            + "': it is a reserved filter key ($and, $or, $not)");
                }
                if (!seen.add(f)) {
                    throw new IllegalArgumentException("indexed_fields declares '" + f + "' twice");
                }
            }
        }
    }
}
