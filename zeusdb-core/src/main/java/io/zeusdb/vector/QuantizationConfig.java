package io.zeusdb.vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Product-quantization settings of an index (upstream's {@code quantization_config}). Vectors
 * are split into {@code subvectors} sub-spaces, each coded by one byte naming one of
 * {@code 2^bits} centroids; the codebook trains itself on the {@code add} that brings the
 * collected records to {@code training_size}.
 *
 * <pre>{@code
 * HnswIndex index = new VectorDatabase().create(IndexConfig.hnsw(1536)
 *         .quantization(QuantizationConfig.pq().subvectors(8).bits(8).trainingSize(1000)
 *                 .storageMode(StorageMode.QUANTIZED_ONLY).build())
 *         .build());
 * // or, upstream's Map form:
 * Map<String, Object> pq = Map.of("type", "pq", "subvectors", 8, "bits", 8, "training_size", 1000);
 * }</pre>
 *
 * <p>Defaults: {@code subvectors} derived from the dimension (the divisor of {@code dim} in
 * [8, 192] nearest {@code dim/32}, so compression is about 128x), {@code bits} 8,
 * {@code training_size} 10,000, {@code max_training_vectors} unset (train on exactly
 * {@code training_size}), {@code storage_mode} {@code quantized_only}.
 */
public final class QuantizationConfig {

    private static final List<String> KEYS = List.of("type", "subvectors", "bits", "training_size",
            "max_training_vectors", "storage_mode");

    private final Integer subvectors;
    private final int bits;
    private final int trainingSize;
    private final Integer maxTrainingVectors;
    private final StorageMode storageMode;
    /** Whether {@code subvectors} was given (it decides the high-compression warning). */
    private final boolean subvectorsExplicit;

    private QuantizationConfig(Integer subvectors, boolean subvectorsExplicit, int bits, int trainingSize,
                               Integer maxTrainingVectors, StorageMode storageMode) {
        this.subvectors = subvectors;
        this.subvectorsExplicit = subvectorsExplicit;
        this.bits = bits;
        this.trainingSize = trainingSize;
        this.maxTrainingVectors = maxTrainingVectors;
        this.storageMode = storageMode;
    }

    /** Starts a product-quantization configuration. */
    public static Builder pq() {
        return new Builder();
    }

    /**
     * Reads upstream's Map form ({@code type}, {@code subvectors}, {@code bits},
     * {@code training_size}, {@code max_training_vectors}, {@code storage_mode}); a {@code null}
     * value means the default.
     *
     * @throws IllegalArgumentException for a non-Map, an unknown key or an invalid value
     */
    public static QuantizationConfig fromMap(Object config) {
        if (config instanceof QuantizationConfig q) {
            return q;
        }
        if (!(config instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("quantization_config must be a Map, got "
                    + (config == null ? "null" : config.getClass().getSimpleName()));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String) || !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown quantization_config key '" + key + "'. Accepted keys: "
                        + String.join(", ", KEYS));
            }
        }
        Object type = map.get("type");
        String t = type == null ? "" : type.toString();
        if (!(type instanceof String) || !t.trim().toLowerCase(Locale.ROOT).equals("pq")) {
            throw new IllegalArgumentException("Unsupported quantization type: '" + t
                    + "'. Currently only 'pq' is supported.");
        }
        Builder b = new Builder();
        Object sv = map.get("subvectors");
        if (sv != null) {
            b.subvectors = integral(sv, "subvectors must be a positive integer, got " + sv);
        }
        Object bits = map.get("bits");
        if (bits != null) {
            b.bits = integral(bits, "bits must be an integer between 1 and 8, got " + bits);
        }
        Object ts = map.get("training_size");
        if (ts != null) {
            b.trainingSize = integral(ts, "training_size must be at least 1000 for stable k-means clustering, got "
                    + ts);
        }
        Object max = map.get("max_training_vectors");
        if (max != null) {
            b.maxTrainingVectors = integral(max, "max_training_vectors must be an integer, got " + max);
        }
        Object mode = map.get("storage_mode");
        if (mode != null) {
            if (mode instanceof StorageMode m) {
                b.storageMode = m;
            } else if (mode instanceof String s) {
                b.storageMode = StorageMode.parse(s);
            } else {
                throw new IllegalArgumentException("Invalid storage_mode: '" + mode
                        + "'. Supported modes: quantized_only, quantized_with_raw");
            }
        }
        return b.build();
    }

    private static Integer integral(Object value, String message) {
        try {
            Integer i = Limits.intParam("", value);
            if (i != null) {
                return i;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the key's own message
        }
        throw new IllegalArgumentException(message);
    }

    /** Sub-spaces, or {@code null} while it is still to be derived from the index dimension. */
    public Integer subvectors() {
        return subvectors;
    }

    /** Bits per code (centroids per sub-space = {@code 2^bits}). */
    public int bits() {
        return bits;
    }

    /** Records collected before training starts. */
    public int trainingSize() {
        return trainingSize;
    }

    /** Cap on the training sample, or {@code null} (train on exactly {@code training_size}). */
    public Integer maxTrainingVectors() {
        return maxTrainingVectors;
    }

    /** What a trained index keeps: codes only, or codes and the raw vectors. */
    public StorageMode storageMode() {
        return storageMode;
    }

    /** Whether {@code subvectors} was given rather than derived. */
    public boolean subvectorsExplicit() {
        return subvectorsExplicit;
    }

    /**
     * This configuration for an index of width {@code dim}: derives {@code subvectors} when unset
     * and checks that it divides {@code dim}.
     *
     * @throws IllegalArgumentException when {@code subvectors} does not divide {@code dim}
     */
    QuantizationConfig resolve(int dim) {
        int s = subvectors == null ? derivedSubvectors(dim) : subvectors;
        if (dim % s != 0) {
            List<String> divisors = new ArrayList<>();
            for (int d = 1; d <= Math.min(32, dim); d++) {
                if (dim % d == 0) {
                    divisors.add(Integer.toString(d));
                }
            }
            throw new IllegalArgumentException("subvectors (" + s + ") must divide dimension (" + dim
                    + ") evenly. Consider using subvectors: " + String.join(", ", divisors));
        }
        if (s > dim) {
            throw new IllegalArgumentException("subvectors (" + s + ") cannot exceed dimension (" + dim + ")");
        }
        return new QuantizationConfig(s, subvectorsExplicit, bits, trainingSize, maxTrainingVectors, storageMode);
    }

    /**
     * Upstream's default: target {@code round(dim/32)} clamped to [8, 192], then the divisor of
     * {@code dim} in [8, 192] nearest the target (ties to the larger); failing that, the largest
     * divisor up to 192.
     */
    static int derivedSubvectors(int dim) {
        int target = Math.max(8, Math.min(192, Math.round(dim / 32f)));
        int best = -1;
        for (int d = 8; d <= Math.min(192, dim); d++) {
            if (dim % d == 0 && (best < 0 || Math.abs(d - target) <= Math.abs(best - target))) {
                best = d;
            }
        }
        if (best > 0) {
            return best;
        }
        for (int d = Math.min(192, dim); d >= 1; d--) {
            if (dim % d == 0) {
                return d;
            }
        }
        return 1;
    }

    /** Upstream's Map form, keys in upstream's order ({@code max_training_vectors} only when set). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "pq");
        if (subvectors != null) {
            m.put("subvectors", subvectors);
        }
        m.put("bits", bits);
        m.put("training_size", trainingSize);
        if (maxTrainingVectors != null) {
            m.put("max_training_vectors", maxTrainingVectors);
        }
        m.put("storage_mode", storageMode.toString());
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizationConfig q && q.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "QuantizationConfig" + toMap();
    }

    /** Typed construction; {@link #build()} checks every value that does not depend on the dimension. */
    public static final class Builder {
        private Integer subvectors;
        private Integer bits;
        private Integer trainingSize;
        private Integer maxTrainingVectors;
        private StorageMode storageMode;

        private Builder() {}

        /** Sub-spaces; must divide the index dimension (default derived from it). */
        public Builder subvectors(int subvectors) {
            this.subvectors = subvectors;
            return this;
        }

        /** Bits per code, 1..8 (default 8). */
        public Builder bits(int bits) {
            this.bits = bits;
            return this;
        }

        /** Records collected before training, at least 1,000 (default 10,000). */
        public Builder trainingSize(int trainingSize) {
            this.trainingSize = trainingSize;
            return this;
        }

        /** Cap on the training sample, at least {@code training_size} (default: none). */
        public Builder maxTrainingVectors(int maxTrainingVectors) {
            this.maxTrainingVectors = maxTrainingVectors;
            return this;
        }

        /** What is kept once trained (default {@link StorageMode#QUANTIZED_ONLY}). */
        public Builder storageMode(StorageMode storageMode) {
            this.storageMode = storageMode;
            return this;
        }

        /**
         * Checks the values and returns the configuration.
         *
         * @throws IllegalArgumentException naming the key, the value and the allowed range
         */
        public QuantizationConfig build() {
            if (subvectors != null && subvectors <= 0) {
                throw new IllegalArgumentException("subvectors must be a positive integer, got " + subvectors);
            }
            int b = bits == null ? 8 : bits;
            if (b < 1 || b > 8) {
                throw new IllegalArgumentException("bits must be an integer between 1 and 8, got " + b);
            }
            int ts = trainingSize == null ? Math.min(Math.max((1 << b) * 20, 10_000), 200_000) : trainingSize;
            if (ts < 1000) {
                throw new IllegalArgumentException("training_size must be at least 1000 for stable k-means "
                        + "clustering, got " + ts);
            }
            if (maxTrainingVectors != null && maxTrainingVectors < ts) {
                throw new IllegalArgumentException("max_training_vectors (" + maxTrainingVectors
                        + ") must be >= training_size (" + ts + ")");
            }
            StorageMode mode = storageMode == null ? StorageMode.QUANTIZED_ONLY : storageMode;
            return new QuantizationConfig(subvectors, subvectors != null, b, ts, maxTrainingVectors, mode);
        }
    }
}
