package io.zeusdb.vector.persistence;

import java.util.Locale;

/**
 * A file's exact length and CRC32C, as the manifest records them.
 *
 * <p>Internal: not part of the public API.
 *
 * @param bytes  the length in bytes
 * @param crc32c the CRC32C (Castagnoli) of every byte, as an unsigned 32-bit value in an int
 */
public record FileDigest(long bytes, int crc32c) {

    /** The digest as the manifest writes it: 8 lower-case hex digits. */
    public String crcHex() {
        return hex(crc32c);
    }

    /** 8 lower-case hex digits of a CRC. */
    public static String hex(int crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }
}
