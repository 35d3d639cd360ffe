package io.zeusdb.vector.persistence;

import io.zeusdb.vector.Space;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Names, magic numbers and version numbers of the {@code .zdb} format (reference 12.2, 12.7).
 *
 * <p>Internal: not part of the public API.
 */
public final class ZdbLayout {

    /** The directory format this build writes; it reads every {@code 2.x}. */
    public static final String FORMAT_VERSION = "2.0.0";
    /** The major version this build reads. */
    public static final int FORMAT_MAJOR = 2;

    public static final String MANIFEST = "manifest.json";
    public static final String CONFIG = "config.json";
    public static final String MAPPINGS = "mappings.bin";
    public static final String METADATA = "metadata.json";
    public static final String QUANTIZATION = "quantization.json";
    public static final String PQ_CENTROIDS = "pq_centroids.bin";
    public static final String PQ_CODES = "pq_codes.bin";
    public static final String VECTORS = "vectors.bin";
    public static final String GRAPH = "hnsw_index.hnsw.graph";

    /**
     * The eight artefacts in write order, which is also the order of {@code files_included} and
     * {@code files_excluded}; the manifest is written after them.
     */
    public static final List<String> ARTEFACTS = List.of(CONFIG, MAPPINGS, METADATA, QUANTIZATION, PQ_CENTROIDS,
            PQ_CODES, VECTORS, GRAPH);

    /** The nine names a {@code .zdb} directory may hold; anything else makes it foreign. */
    public static final Set<String> ALL_NAMES = Set.of(MANIFEST, CONFIG, MAPPINGS, METADATA, QUANTIZATION,
            PQ_CENTROIDS, PQ_CODES, VECTORS, GRAPH);

    /** Suffix of the staging sibling a save writes into. */
    public static final String STAGING_SUFFIX = ".zdbtmp";
    /** Suffix the previous index is renamed to while the new one is moved into place. */
    public static final String OLD_SUFFIX = ".zdbold";

    /** Bytes of the prefix every binary file starts with: magic, version, flags. */
    public static final int PREFIX_BYTES = 16;
    /** The version every binary file of this build carries in its prefix. */
    public static final int BINARY_VERSION = 1;

    static final byte[] MAGIC_MAPPINGS = ascii("ZDB-MAPS");
    static final byte[] MAGIC_VECTORS = ascii("ZDB-VECS");
    static final byte[] MAGIC_GRAPH = ascii("ZDB-HNSW");
    static final byte[] MAGIC_CENTROIDS = ascii("ZDB-CENT");
    static final byte[] MAGIC_CODES = ascii("ZDB-CODE");

    /** Graph file element kind: raw f32 vectors (2 = u8 codes, written by quantized indexes). */
    static final int ELEMENT_F32 = 1;
    /** Graph file element kind: u8 product-quantization codes. */
    static final int ELEMENT_CODES = 2;
    /** Graph file entry node meaning "no entry". */
    static final long NO_ENTRY = 0xFFFF_FFFFL;

    private ZdbLayout() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The graph file's space code: 1 cosine, 2 l2, 3 l1, 4 dot. */
    static int spaceCode(Space space) {
        return switch (space) {
            case COSINE -> 1;
            case L2 -> 2;
            case L1 -> 3;
            case DOT -> 4;
        };
    }

    /** The space of a graph file's space code, or {@code null} for an unknown code. */
    static Space spaceOf(int code) {
        return switch (code) {
            case 1 -> Space.COSINE;
            case 2 -> Space.L2;
            case 3 -> Space.L1;
            case 4 -> Space.DOT;
            default -> null;
        };
    }
}
