package io.zeusdb.vector;

import java.util.Locale;

/**
 * What a product-quantized index keeps once its codebook is trained.
 *
 * <ul>
 *   <li>{@link #QUANTIZED_ONLY} (default): codes only; raw vectors are released at training, so
 *       {@code getRecords(..., true)} returns reconstructions and scores are distances to them.
 *   <li>{@link #QUANTIZED_WITH_RAW}: codes and raw vectors; searches rescore ADC candidates
 *       against the raw vectors (see {@link SearchOptions#rerank(Integer)}), read-back is exact.
 * </ul>
 *
 * <p>Constants print as upstream's names: {@code quantized_only}, {@code quantized_with_raw}.
 */
public enum StorageMode {
    /** Codes only once trained. */
    QUANTIZED_ONLY,
    /** Codes and raw vectors. */
    QUANTIZED_WITH_RAW;

    /**
     * Parses {@code quantized_only} / {@code quantized_with_raw}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the supported modes
     */
    public static StorageMode parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "quantized_only": return QUANTIZED_ONLY;
                case "quantized_with_raw": return QUANTIZED_WITH_RAW;
                default: break;
            }
        }
        throw new IllegalArgumentException("Invalid storage_mode: '" + name
                + "'. Supported modes: quantized_only, quantized_with_raw");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
