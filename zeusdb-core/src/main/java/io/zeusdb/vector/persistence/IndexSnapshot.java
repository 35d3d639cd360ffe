package io.zeusdb.vector.persistence;

import io.zeusdb.vector.Space;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * Everything a saved index directory records, as the saving index hands it over: the
 * configuration, the counters, the index-level metadata, and per node its record and graph
 * lists (through {@link NodeView}). Built and consumed while the index's writer lock is held, so
 * the view is consistent without copying the index.
 *
 * <p>The product-quantization state (configuration, training state, centroids, codes) joins this
 * type when quantization exists; {@link ZdbWriter} then adds {@code quantization.json},
 * {@code pq_centroids.bin} and {@code pq_codes.bin} to the files it writes, between
 * {@code metadata.json} and {@code vectors.bin}.
 *
 * <p>Internal: not part of the public API.
 *
 * @param dim            vector width
 * @param space          distance space
 * @param m              graph degree (layer 0 allows {@code 2m})
 * @param efConstruction candidate list width while linking
 * @param expectedSize   the expected record count (a hint)
 * @param indexedFields  declared metadata fields, in declaration order (only the declaration is saved)
 * @param idCounter      the highest internal id issued
 * @param generatedIds   the generated-id counter ({@code vec_N})
 * @param indexMetadata  index-level metadata, sorted by key
 * @param createdAt      when the index was created (carried across save and load)
 * @param nodeCount      graph nodes, stranded ones included
 * @param liveCount      live records
 * @param entryNode      the graph's entry node, or -1 when the graph is empty
 * @param entryLevel     the entry node's top level, or -1 when the graph is empty
 * @param nodes          per-node access
 * @param rawVectors     the index holds raw vectors (then {@code vectors.bin} is written)
 * @param storageMode    the index's {@code getStorageMode()} value
 * @param pq             the product-quantization state, or {@code null} without quantization
 */
public record IndexSnapshot(int dim, Space space, int m, int efConstruction, int expectedSize,
                            List<String> indexedFields, long idCounter, long generatedIds,
                            SortedMap<String, String> indexMetadata, Instant createdAt, int nodeCount,
                            int liveCount, int entryNode, int entryLevel, NodeView nodes, boolean rawVectors,
                            String storageMode, PqState pq) {}
