package io.zeusdb.vector.cli;

import java.nio.file.Path;

/**
 * A {@code .fvecs}/{@code .ivecs} file that is missing, unreadable or malformed. The message
 * names the file and the problem, ready to show to a user as it is.
 */
public final class VecsFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the file concerned
     * @param problem what is wrong with it, without the file name
     */
    public VecsFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * @param file    the file concerned
     * @param problem what is wrong with it, without the file name
     * @param cause   the I/O error behind it
     */
    public VecsFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }
}
