package io.zeusdb.vector.persistence;

import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.graph.HnswGraph;
import io.zeusdb.vector.storage.IdTable;
import io.zeusdb.vector.storage.RecordSlots;
import io.zeusdb.vector.storage.VectorStore;
import java.time.Instant;
import java.util.Map;

/**
 * A verified index read from disk, in the index's own storage structures (filled directly while
 * reading, so a load holds one copy of the data, not two), ready to be wrapped by
 * {@code HnswIndex}.
 *
 * <p>Internal: not part of the public API.
 *
 * @param config        the configuration ({@code insert_threads} from the load options)
 * @param createdAt     the index's creation time, from the manifest
 * @param idCounter     the highest internal id issued
 * @param generatedIds  the generated-id counter as saved, raised to the highest stored {@code vec_N}
 * @param indexMetadata index-level metadata
 * @param nodeCount     graph nodes, stranded ones included
 * @param liveCount     live records
 * @param vectors       one vector per node, or {@code null} when none are held
 * @param codes         one code per node, or {@code null} when not quantized
 * @param pq            the product-quantization state, or {@code null}
 * @param graph         the saved graph, published with its entry point; {@code null} when a
 *                      rebuild was requested
 * @param slots         external id, metadata and internal id per node
 * @param nodeOf        external id to node, live records only
 * @param manifest      the manifest as read
 */
public record LoadedIndex(IndexConfig config, Instant createdAt, long idCounter, long generatedIds,
                          Map<String, String> indexMetadata, int nodeCount, int liveCount, VectorStore vectors,
                          io.zeusdb.vector.quantization.CodeStore codes, PqState pq, HnswGraph graph, RecordSlots slots, IdTable nodeOf, ZdbManifest manifest) {}
