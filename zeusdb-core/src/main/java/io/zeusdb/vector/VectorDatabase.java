package io.zeusdb.vector;

import io.zeusdb.vector.persistence.ZdbReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The entry point: creates and loads indexes. Stateless; one instance can be shared freely.
 *
 * <pre>{@code
 * VectorDatabase vdb = new VectorDatabase();
 * HnswIndex index = vdb.create("hnsw", Map.of("dim", 1536, "space", "cosine", "m", 16));
 * HnswIndex typed = vdb.create(IndexConfig.hnsw(1536).space(Space.COSINE).m(16).build());
 * }</pre>
 */
public final class VectorDatabase {

    private static final String VERSION = readVersion();

    /** A new, stateless factory. */
    public VectorDatabase() {}

    /** The index types {@link #create(String, Map)} knows: {@code ["hnsw"]}. */
    public static List<String> availableIndexTypes() {
        return List.of("hnsw");
    }

    /** The library version. */
    public static String version() {
        return VERSION;
    }

    /**
     * Creates an index of the given type (case-insensitive; only {@code "hnsw"}) from upstream's
     * snake_case parameters, e.g. {@code Map.of("dim", 384, "space", "l2")}.
     *
     * @throws IllegalArgumentException for an unknown type, a missing {@code dim}, an unknown key
     *                                  or an invalid value
     */
    public HnswIndex create(String indexType, Map<String, ?> params) {
        String type = indexType == null ? "null" : indexType.trim().toLowerCase(Locale.ROOT);
        if (!"hnsw".equals(type)) {
            throw new IllegalArgumentException("Unknown index type '" + indexType + "'. Available: hnsw");
        }
        return new HnswIndex(IndexConfig.fromMap(params));
    }

    /** Creates an HNSW index from upstream's snake_case parameters. */
    public HnswIndex create(Map<String, ?> params) {
        return create("hnsw", params);
    }

    /** Creates an HNSW index from a typed configuration. */
    public HnswIndex create(IndexConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config cannot be null");
        }
        return new HnswIndex(config);
    }

    /** Loads a saved index; see {@link #load(Path, LoadOptions)}. */
    public HnswIndex load(String path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("load path cannot be null");
        }
        return load(Path.of(path));
    }

    /** Loads a saved index with the default options; see {@link #load(Path, LoadOptions)}. */
    public HnswIndex load(Path path) throws IOException {
        return load(path, LoadOptions.defaults());
    }

    /**
     * Restores a complete index from a directory written by {@link HnswIndex#save(Path)}: its
     * configuration, records, metadata, counters and graph, verified first (format version, file
     * inventory, every file's length and CRC32C, structure). The saved graph is restored as it
     * is, so searches answer exactly as they did before the save.
     *
     * @throws java.nio.file.NoSuchFileException when {@code path} does not exist
     * @throws ZdbFormatException                when the directory is not a complete, sound index of
     *                                           a format version this build reads (the exception
     *                                           names the file and the problem)
     * @throws IOException                       when reading fails
     */
    public HnswIndex load(Path path, LoadOptions options) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("load path cannot be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("load options cannot be null");
        }
        return new HnswIndex(ZdbReader.load(path, options.rebuildGraph(), options.insertThreads()));
    }

    private static String readVersion() {
        try (InputStream in = VectorDatabase.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "0.0.0-dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "0.0.0-dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
