package io.zeusdb.vector;

import java.io.IOException;

/**
 * A saved index directory that cannot be loaded as it is: a missing, extra, truncated, damaged or
 * inconsistent file, a digest mismatch, or a format version this build does not read.
 *
 * <p>{@link #file()} names the artefact at fault (for example {@code vectors.bin}), or is
 * {@code null} when the problem concerns the directory as a whole; {@link #problem()} says what
 * is wrong. The message names both, e.g. {@code vectors.bin: length is 1024 bytes but
 * manifest.json records 4096}. A missing index path is not a format problem and is reported as
 * {@link java.nio.file.NoSuchFileException} instead.
 *
 * <pre>{@code
 * try {
 *     HnswIndex index = new VectorDatabase().load("my_index.zdb");
 * } catch (ZdbFormatException e) {
 *     System.err.println("cannot load " + e.file() + ": " + e.problem());
 * }
 * }</pre>
 */
public class ZdbFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file    the artefact name, or {@code null} for the directory as a whole
     * @param problem what is wrong, in words
     */
    public ZdbFormatException(String file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file    the artefact name, or {@code null} for the directory as a whole
     * @param problem what is wrong, in words
     * @param cause   the lower-level failure (a JSON parse error, say), or {@code null}
     */
    public ZdbFormatException(String file, String problem, Throwable cause) {
        super(file == null ? problem : file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The artefact at fault, e.g. {@code mappings.bin}; {@code null} for the directory as a whole. */
    public String file() {
        return file;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
