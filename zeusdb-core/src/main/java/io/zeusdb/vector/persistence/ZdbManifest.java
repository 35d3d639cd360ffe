package io.zeusdb.vector.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.zeusdb.vector.ZdbFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * {@code manifest.json}: format version, library version, times, record count, storage mode and
 * the inventory of every artefact with its exact length and CRC32C (reference 12.3). Its own
 * digest is its last field, {@code manifest_crc32c}: the CRC32C of the file's bytes with those 8
 * hex digits replaced by ASCII {@code 0}s.
 *
 * <p>Internal: not part of the public API.
 *
 * @param formatVersion       e.g. {@code "2.0.0"}
 * @param zeusdbVersion       the library version that wrote it
 * @param createdAt           the index's creation time (RFC 3339 UTC)
 * @param savedAt             when this directory was written (RFC 3339 UTC)
 * @param totalVectors        live records
 * @param indexType           {@code "HNSW"}
 * @param hasQuantization     a quantization configuration is present
 * @param quantizationTrained a codebook is trained
 * @param storageMode         the index's storage mode, e.g. {@code "raw_only"}
 * @param filesIncluded       artefacts written, in write order
 * @param filesExcluded       artefacts not written, in the same canonical order
 * @param fileDigests         length and CRC32C per included artefact
 * @param totalSizeMb         the artefacts' total size in MiB
 * @param compressionInfo     codes' original and compressed sizes and ratio, or {@code null}
 */
public record ZdbManifest(String formatVersion, String zeusdbVersion, Instant createdAt, Instant savedAt,
                          long totalVectors, String indexType, boolean hasQuantization,
                          boolean quantizationTrained, String storageMode, List<String> filesIncluded,
                          List<String> filesExcluded, Map<String, FileDigest> fileDigests, double totalSizeMb,
                          Map<String, Object> compressionInfo) {

    /** The largest manifest a reader accepts; a real one is about 1.5 KB. */
    static final int MAX_BYTES = 1 << 20;
    private static final String CRC_FIELD = "manifest_crc32c";
    private static final String PLACEHOLDER = "00000000";

    /** RFC 3339 in UTC with as many fraction digits as needed ({@code 2026-11-25T11:08:21.123456Z}). */
    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** Writes {@code dir/manifest.json}, computes and inserts its own CRC, and forces it to disk. */
    void write(Path dir) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(2048);
        JsonGenerator g = Json.generator(buf);
        g.writeStartObject();
        g.writeStringField("format_version", formatVersion);
        g.writeStringField("zeusdb_version", zeusdbVersion);
        g.writeStringField("created_at", time(createdAt));
        g.writeStringField("saved_at", time(savedAt));
        g.writeNumberField("total_vectors", totalVectors);
        g.writeStringField("index_type", indexType);
        g.writeBooleanField("has_quantization", hasQuantization);
        g.writeBooleanField("quantization_trained", quantizationTrained);
        g.writeStringField("storage_mode", storageMode);
        g.writeFieldName("files_included");
        Json.write(g, filesIncluded);
        g.writeFieldName("files_excluded");
        Json.write(g, filesExcluded);
        g.writeFieldName("file_digests");
        g.writeStartObject();
        for (Map.Entry<String, FileDigest> e : fileDigests.entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeStartObject();
            g.writeNumberField("bytes", e.getValue().bytes());
            g.writeStringField("crc32c", e.getValue().crcHex());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeNumberField("total_size_mb", totalSizeMb);
        g.writeFieldName("compression_info");
        if (compressionInfo == null) {
            g.writeNull();
        } else {
            Json.write(g, compressionInfo);
        }
        g.writeStringField(CRC_FIELD, PLACEHOLDER);
        g.writeEndObject();
        Json.end(g);
        byte[] bytes = buf.toByteArray();
        byte[] marker = ("\"" + CRC_FIELD + "\": \"" + PLACEHOLDER + "\"").getBytes(StandardCharsets.US_ASCII);
        int at = lastIndexOf(bytes, marker) + marker.length - 1 - PLACEHOLDER.length();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        byte[] hex = FileDigest.hex((int) crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, bytes, at, hex.length);
        try (BinaryOut out = BinaryOut.create(dir, ZdbLayout.MANIFEST)) {
            out.bytes(bytes, 0, bytes.length);
            out.finish();
        }
    }

    private static int lastIndexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("manifest placeholder not found");
    }

    /**
     * Reads and checks {@code dir/manifest.json}: size, JSON syntax, format version (a foreign
     * major version is refused with both versions named), its own CRC, then every field.
     */
    static ZdbManifest read(Path dir) throws IOException {
        Path file = dir.resolve(ZdbLayout.MANIFEST);
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ZdbFormatException(ZdbLayout.MANIFEST, "is missing from " + dir
                    + "; without it the directory is not a complete index (an interrupted save, or not a "
                    + "ZeusDB index at all)");
        }
        if (size > MAX_BYTES) {
            throw new ZdbFormatException(ZdbLayout.MANIFEST, "is " + size + " bytes, larger than any manifest ("
                    + "at most " + MAX_BYTES + " bytes)");
        }
        byte[] bytes = Files.readAllBytes(file);
        JsonFields f = new JsonFields(ZdbLayout.MANIFEST, "", Json.readBytes(bytes, ZdbLayout.MANIFEST));
        String version = f.string("format_version");
        checkVersion(version);
        checkOwnCrc(bytes, f.string(CRC_FIELD));

        String zeusdb = f.string("zeusdb_version");
        Instant created = instant(f, "created_at");
        Instant saved = instant(f, "saved_at");
        long total = f.integer("total_vectors", 0, Integer.MAX_VALUE);
        String indexType = f.string("index_type");
        if (!"HNSW".equals(indexType)) {
            throw f.problem("field 'index_type' is \"" + indexType + "\"; this build reads \"HNSW\" indexes only");
        }
        boolean hasQ = f.bool("has_quantization");
        boolean trained = f.bool("quantization_trained");
        String mode = f.string("storage_mode");
        List<String> included = List.copyOf(f.strings("files_included"));
        List<String> excluded = List.copyOf(f.strings("files_excluded"));
        checkInventoryLists(f, included, excluded);
        Map<String, Object> digestsRaw = f.object("file_digests");
        if (!digestsRaw.keySet().equals(new HashSet<>(included))) {
            throw f.problem("field 'file_digests' has entries for " + digestsRaw.keySet()
                    + " but files_included lists " + included + "; they must name the same files");
        }
        Map<String, FileDigest> digests = new LinkedHashMap<>();
        JsonFields d = f.nested("file_digests");
        for (String name : included) {
            JsonFields one = d.nested(name);
            long bytesField = one.integer("bytes", 0, Long.MAX_VALUE);
            String crc = one.string("crc32c");
            if (!isHex8(crc)) {
                throw one.problem("field 'file_digests." + name + ".crc32c' is \"" + crc
                        + "\"; it must be 8 lower-case hex digits");
            }
            digests.put(name, new FileDigest(bytesField, Integer.parseUnsignedInt(crc, 16)));
        }
        double totalMb = f.number("total_size_mb");
        Object compression = f.raw("compression_info");
        if (hasQ != included.contains(ZdbLayout.QUANTIZATION)) {
            throw f.problem("has_quantization is " + hasQ + " but files_included " + (hasQ ? "does not list "
                    : "lists ") + ZdbLayout.QUANTIZATION);
        }
        if (trained != included.contains(ZdbLayout.PQ_CENTROIDS)) {
            throw f.problem("quantization_trained is " + trained + " but files_included " + (trained
                    ? "does not list " : "lists ") + ZdbLayout.PQ_CENTROIDS);
        }
        if (included.contains(ZdbLayout.PQ_CODES) && !trained) {
            throw f.problem("files_included lists " + ZdbLayout.PQ_CODES + " but quantization_trained is false");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> compressionInfo = compression instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        return new ZdbManifest(version, zeusdb, created, saved, total, indexType, hasQ, trained, mode, included,
                excluded, digests, totalMb, compressionInfo);
    }

    /** Major version 2 is read; anything else is refused with both versions and advice. */
    static void checkVersion(String version) throws ZdbFormatException {
        int dot = version.indexOf('.');
        String majorText = dot < 0 ? version : version.substring(0, dot);
        int major;
        try {
            major = Integer.parseInt(majorText);
        } catch (NumberFormatException e) {
            throw new ZdbFormatException(ZdbLayout.MANIFEST, "format_version \"" + version
                    + "\" is not a version this build can interpret; it reads format version "
                    + ZdbLayout.FORMAT_MAJOR + ".x only");
        }
        if (major == ZdbLayout.FORMAT_MAJOR) {
            return;
        }
        String advice;
        if (major == 1) {
            advice = "format 1.x is written by upstream ZeusDB (Python), whose on-disk format this library does "
                    + "not read; re-create the index from its source data";
        } else if (major > ZdbLayout.FORMAT_MAJOR) {
            advice = "it was written by a newer release; upgrade the library to load it";
        } else {
            advice = "use the release that wrote it";
        }
        throw new ZdbFormatException(ZdbLayout.MANIFEST, "Index format version " + version
                + " cannot be opened by this build, which reads format version " + ZdbLayout.FORMAT_MAJOR
                + ".x only; " + advice);
    }

    /** Recomputes the manifest's CRC with its own 8 digits zeroed, and compares. */
    private static void checkOwnCrc(byte[] bytes, String recorded) throws IOException {
        if (!isHex8(recorded)) {
            throw new ZdbFormatException(ZdbLayout.MANIFEST, "field 'manifest_crc32c' is \"" + recorded
                    + "\"; it must be 8 lower-case hex digits");
        }
        int at = -1;
        try (JsonParser p = Json.parser(bytes, ZdbLayout.MANIFEST)) {
            p.nextToken();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                if (CRC_FIELD.equals(name)) {
                    at = (int) p.currentTokenLocation().getByteOffset() + 1;
                }
                p.skipChildren();
            }
        }
        byte[] copy = bytes.clone();
        if (at <= 0 || at + PLACEHOLDER.length() > copy.length
                || !recorded.equals(new String(copy, at, PLACEHOLDER.length(), StandardCharsets.US_ASCII))) {
            throw new ZdbFormatException(ZdbLayout.MANIFEST, "field 'manifest_crc32c' must be written as 8 plain "
                    + "hex digits");
        }
        for (int i = 0; i < PLACEHOLDER.length(); i++) {
            copy[at + i] = '0';
        }
        CRC32C crc = new CRC32C();
        crc.update(copy);
        String actual = FileDigest.hex((int) crc.getValue());
        if (!actual.equals(recorded)) {
            throw new ZdbFormatException(ZdbLayout.MANIFEST, "CRC32C is " + actual + " but its manifest_crc32c "
                    + "field records " + recorded + "; the manifest was changed or damaged after it was saved");
        }
    }

    private static void checkInventoryLists(JsonFields f, List<String> included, List<String> excluded)
            throws ZdbFormatException {
        Set<String> seen = new HashSet<>();
        int last = -1;
        for (String name : included) {
            int pos = ZdbLayout.ARTEFACTS.indexOf(name);
            if (pos < 0) {
                throw f.problem("field 'files_included' names \"" + name + "\", which is not one of the artefacts "
                        + ZdbLayout.ARTEFACTS);
            }
            if (!seen.add(name) || pos < last) {
                throw f.problem("field 'files_included' must list each artefact once, in write order "
                        + ZdbLayout.ARTEFACTS + "; found " + included);
            }
            last = pos;
        }
        for (String required : List.of(ZdbLayout.CONFIG, ZdbLayout.MAPPINGS, ZdbLayout.METADATA)) {
            if (!seen.contains(required)) {
                throw f.problem("field 'files_included' lacks " + required + ", which every index has");
            }
        }
        List<String> expected = new ArrayList<>(ZdbLayout.ARTEFACTS);
        expected.removeAll(included);
        if (!expected.equals(excluded)) {
            throw f.problem("field 'files_excluded' is " + excluded + " but must list exactly the artefacts "
                    + "not included, in order: " + expected);
        }
    }

    private static Instant instant(JsonFields f, String name) throws ZdbFormatException {
        String text = f.string(name);
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw f.problem("field '" + name + "' is \"" + text + "\", not an RFC 3339 time");
        }
    }

    static boolean isHex8(String s) {
        if (s.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
