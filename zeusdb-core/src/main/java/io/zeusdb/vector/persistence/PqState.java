package io.zeusdb.vector.persistence;

import io.zeusdb.vector.QuantizationConfig;
import io.zeusdb.vector.quantization.PqCodebook;
import io.zeusdb.vector.quantization.RerankCalibration;
import java.time.Instant;
import java.util.List;

/**
 * The product-quantization state an index saves and loads: configuration, codebook, training
 * progress and rerank calibration. Codes travel per node through {@link NodeView} (saving) and
 * {@link LoadedIndex#codes()} (loading).
 *
 * <p>Internal: not part of the public API.
 *
 * @param config           the configuration, {@code subvectors} resolved
 * @param codebook         the trained codebook, or {@code null} while collecting
 * @param trainedAt        when training completed, or {@code null}
 * @param trainingIds      ids collected for training, in collection order (empty once trained)
 * @param thresholdReached the training threshold flag
 * @param calibration      the rerank calibration ({@code quantized_with_raw}), or {@code null}
 * @param codesActive      the index searches over codes (one code per graph node is saved)
 */
public record PqState(QuantizationConfig config, PqCodebook codebook, Instant trainedAt, List<String> trainingIds,
                      boolean thresholdReached, RerankCalibration calibration, boolean codesActive) {}
