package io.zeusdb.vector.persist;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Repairs a manifest after a test has changed artefacts on purpose: rewrites the recorded length
 * and CRC32C of each artefact to match its new bytes, then the manifest's own CRC, so that the
 * reader's structural checks (not its digests) have to catch the damage.
 */
final class Digests {

    private static final Pattern OWN = Pattern.compile("\"manifest_crc32c\": \"([0-9a-f]{8})\"");

    private Digests() {}

    /** The manifest with every listed artefact's digest recomputed from {@code files}, and its own CRC. */
    static byte[] repaired(Map<String, byte[]> files) {
        String text = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Pattern entry = Pattern.compile("(\"" + Pattern.quote(e.getKey())
                    + "\": \\{\\s*\"bytes\": )(\\d+)(,\\s*\"crc32c\": \")([0-9a-f]{8})(\")");
            Matcher m = entry.matcher(text);
            if (m.find()) {
                text = text.substring(0, m.start()) + m.group(1) + e.getValue().length + m.group(3)
                        + crcHex(e.getValue()) + m.group(5) + text.substring(m.end());
            }
        }
        return withOwnCrc(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The manifest bytes with {@code manifest_crc32c} recomputed (unchanged when the field is gone). */
    static byte[] withOwnCrc(byte[] manifest) {
        String text = new String(manifest, StandardCharsets.ISO_8859_1); // byte-preserving
        Matcher m = OWN.matcher(text);
        int start = -1;
        while (m.find()) {
            start = m.start(1);
        }
        if (start < 0) {
            return manifest;
        }
        byte[] out = manifest.clone();
        for (int i = 0; i < 8; i++) {
            out[start + i] = '0';
        }
        byte[] hex = crcHex(out).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, out, start, 8);
        return out;
    }

    static String crcHex(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
