package io.zeusdb.vector.metadata;

/**
 * Thrown when a metadata value cannot be stored: a non-finite number, a non-String map key,
 * nesting deeper than {@link MetadataValues#MAX_DEPTH} levels, or an unsupported Java type.
 * The message says what was wrong and where, without the "Vector id:" prefix the caller adds.
 */
public final class InvalidMetadataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidMetadataException(String message) {
        super(message);
    }
}
