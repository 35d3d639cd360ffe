package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.ZdbFormatException;
import io.zeusdb.vector.persistence.ZdbReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference 12.9 and 12.10: forged counts in every count field of every binary file and every
 * numeric field of the JSON files, truncated, bit-flipped, extended, missing, extra and empty
 * files, and foreign format versions, each refused with a {@link ZdbFormatException} naming the
 * file and the problem: never an OutOfMemoryError, a NullPointerException, a hang or a silently
 * different index.
 */
class HostileFilesTest {

    @TempDir
    static Path tmp;

    static Map<String, byte[]> good;
    static int nodes;
    static int dim;
    static int counter;

    @BeforeAll
    static void save() throws IOException {
        HnswIndex index = Fixtures.varied(Space.COSINE, 80, 11);
        nodes = Integer.parseInt(index.getStats().get("graph_nodes"));
        dim = index.dim();
        Path dir = tmp.resolve("good.zdb");
        index.save(dir);
        good = Fixtures.files(dir);
    }

    /** Writes {@code files} as a fresh directory, optionally with repaired digests. */
    private static Path write(Map<String, byte[]> files, boolean repair) {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        if (repair) {
            out.put("manifest.json", Digests.repaired(out));
        }
        Path dir = tmp.resolve("case" + counter++ + ".zdb");
        Fixtures.replaceDirectory(dir, out);
        return dir;
    }

    private static ZdbFormatException refused(Path dir, String file, String... words) {
        ZdbFormatException e = assertThrows(ZdbFormatException.class, () -> VDB.load(dir));
        assertEquals(file, e.file(), e.getMessage());
        assertNotNull(e.problem());
        assertTrue(e.getMessage().startsWith(file == null ? "" : file + ": "), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' not in: " + e.getMessage());
        }
        return e;
    }

    private static Map<String, byte[]> with(String file, UnaryOperator<byte[]> change) {
        Map<String, byte[]> files = new LinkedHashMap<>(good);
        files.put(file, change.apply(files.get(file).clone()));
        return files;
    }

    private static UnaryOperator<byte[]> u64At(int offset, long value) {
        return b -> {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
            return b;
        };
    }

    private static UnaryOperator<byte[]> u32At(int offset, long value) {
        return b -> {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, (int) value);
            return b;
        };
    }

    private static UnaryOperator<byte[]> u8At(int offset, int value) {
        return b -> {
            b[offset] = (byte) value;
            return b;
        };
    }

    private static UnaryOperator<byte[]> text(String from, String to) {
        return b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            assertTrue(s.contains(from), from + " not in " + s.substring(0, Math.min(400, s.length())));
            return s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    static final long[] HUGE = {1L << 40, 1L << 31, (1L << 32) - 1, Long.MAX_VALUE, -1L, 1L << 62};

    @Test
    void forgedCountsInEveryBinaryCountField() {
        int graphLevels = 48;
        for (long v : HUGE) {
            refused(write(with("mappings.bin", u64At(16, v)), true), "mappings.bin");
            refused(write(with("mappings.bin", u64At(24, v)), true), "mappings.bin");
            refused(write(with("mappings.bin", u64At(32, v)), true), "mappings.bin"); // first internal id
            refused(write(with("vectors.bin", u64At(16, v)), true), "vectors.bin");
            refused(write(with("hnsw_index.hnsw.graph", u64At(16, v)), true), "hnsw_index.hnsw.graph");
        }
        for (long v : new long[] {1L << 31, (1L << 32) - 1, 65_537, 0, dim + 1}) {
            refused(write(with("vectors.bin", u32At(24, v)), true), "vectors.bin");
            refused(write(with("mappings.bin", u32At(41, v)), true), "mappings.bin"); // first id length
            refused(write(with("hnsw_index.hnsw.graph", u32At(24, v)), true), "hnsw_index.hnsw.graph"); // entry
            refused(write(with("hnsw_index.hnsw.graph", u32At(32, v)), true), "hnsw_index.hnsw.graph"); // m
            refused(write(with("hnsw_index.hnsw.graph", u32At(36, v)), true), "hnsw_index.hnsw.graph"); // ef
            refused(write(with("hnsw_index.hnsw.graph", u32At(40, v)), true), "hnsw_index.hnsw.graph"); // dim
            refused(write(with("hnsw_index.hnsw.graph", u32At(graphLevels + nodes, v)), true),
                    "hnsw_index.hnsw.graph"); // node 0's layer-0 count
        }
        refused(write(with("vectors.bin", u32At(28, 1)), true), "vectors.bin", "reserved");
        refused(write(with("hnsw_index.hnsw.graph", u32At(44, 1)), true), "hnsw_index.hnsw.graph", "reserved");
        for (int b : new int[] {0, 5, 255}) {
            refused(write(with("hnsw_index.hnsw.graph", u8At(28, b)), true), "hnsw_index.hnsw.graph"); // space
            refused(write(with("hnsw_index.hnsw.graph", u8At(29, b)), true), "hnsw_index.hnsw.graph"); // element
        }
        refused(write(with("hnsw_index.hnsw.graph", u8At(30, 16)), true), "hnsw_index.hnsw.graph", "top level");
        refused(write(with("hnsw_index.hnsw.graph", u8At(31, 1)), true), "hnsw_index.hnsw.graph", "reserved");
        refused(write(with("hnsw_index.hnsw.graph", u8At(graphLevels + 1, 200)), true), "hnsw_index.hnsw.graph");
        // the first neighbour of node 0: out of range, itself
        for (long v : new long[] {nodes, 1L << 31, 0}) {
            refused(write(with("hnsw_index.hnsw.graph", u32At(graphLevels + nodes + 4, v)), true),
                    "hnsw_index.hnsw.graph");
        }
        // prefixes: magic, version, flags
        for (String f : List.of("mappings.bin", "vectors.bin", "hnsw_index.hnsw.graph")) {
            refused(write(with(f, u8At(0, 'X')), true), f, "magic");
            refused(write(with(f, u32At(8, 2)), true), f, "version 2");
            refused(write(with(f, u32At(12, 1)), true), f, "flags");
        }
    }

    @Test
    void aRepeatedNeighbourIsRefused() {
        byte[] g = good.get("hnsw_index.hnsw.graph").clone();
        ByteBuffer b = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN);
        int at = 48 + nodes;
        int count = b.getInt(at);
        assertTrue(count >= 2);
        b.putInt(at + 8, b.getInt(at + 4));
        refused(write(with("hnsw_index.hnsw.graph", x -> g), true), "hnsw_index.hnsw.graph", "twice");
    }

    @Test
    void forgedNumbersInEveryJsonField() {
        String[][] config = {
            {"\"dim\": 12", "\"dim\": 1099511627776", "dim must be at most 65536, got 1099511627776"},
            {"\"dim\": 12", "\"dim\": 2147483648", "dim"},
            {"\"dim\": 12", "\"dim\": 65537", "dim must be at most 65536, got 65537"},
            {"\"dim\": 12", "\"dim\": 0", "dim must be positive"},
            {"\"dim\": 12", "\"dim\": 13", "dim is 12 but config.json says 13", "vectors.bin"},
            {"\"dim\": 12", "\"dim\": \"12\"", "must be an integer"},
            {"\"dim\": 12", "\"dim\": 12.0", "must be an integer"},
            {"\"dim\": 12", "\"dim\": 1e400", "must be an integer"},
            {"\"dim\": 12", "\"dim\": 123456789012345678901234567890", "dim"},
            {"\"m\": 6", "\"m\": 1099511627776", "m must be"},
            {"\"m\": 6", "\"m\": 7", "m=6", "hnsw_index.hnsw.graph"},
            {"\"ef_construction\": 40", "\"ef_construction\": 1099511627776", "ef_construction"},
            {"\"expected_size\": 10000", "\"expected_size\": 1099511627776", "expected_size"},
            {"\"space\": \"cosine\"", "\"space\": \"hamming\"", "Unsupported space"},
            {"\"space\": \"cosine\"", "\"space\": \"l2\"", "space is cosine", "hnsw_index.hnsw.graph"},
            {"\"id_counter\": ", "\"id_counter\": 1099511627776, \"x\": ", "id_counter"},
            {"\"vector_count\": ", "\"vector_count\": 1099511627776, \"y\": ", "vector_count"},
            {"\"generated_ids\": ", "\"generated_ids\": -1, \"z\": ", "generated_ids"},
            {"\"indexed_fields\": []", "\"indexed_fields\": [\"a\", \"a\"]", "twice"},
            {"\"indexed_fields\": []", "\"indexed_fields\": [\"$and\"]", "reserved"},
            {"\"indexed_fields\": []", "\"indexed_fields\": \"a\"", "indexed_fields"},
            {"\"dataset\": \"fixture\"", "\"dataset\": 7", "metadata"},
            {"\"dim\": 12,", "", "'dim' is missing"},
        };
        for (String[] c : config) {
            Map<String, byte[]> files = with("config.json", text(c[0], c[1]));
            ZdbFormatException e = refused(write(files, true), c.length > 3 ? c[3] : "config.json", c[2]);
            assertFalse(e.getMessage().isBlank());
        }
        String[][] manifest = {
            {"\"total_vectors\": ", "\"total_vectors\": 1099511627776, \"a\": ", "total_vectors"},
            {"\"bytes\": ", "\"bytes\": 9223372036854775807, \"b\": ", "length", "config.json"},
            {"\"format_version\": \"2.0.0\"", "\"format_version\": \"3.0.0\"", "3.0.0"},
            {"\"index_type\": \"HNSW\"", "\"index_type\": \"IVF\"", "index_type"},
            {"\"has_quantization\": false", "\"has_quantization\": true", "quantization"},
            {"\"files_excluded\": [", "\"files_excluded\": [\"x\", ", "files_excluded"},
            {"\"mappings.bin\",", "\"mappings.bin\", \"mappings.bin\",", "files_included"},
            {"\"created_at\": \"", "\"created_at\": \"yesterday\", \"c\": \"", "created_at"},
        };
        for (String[] c : manifest) {
            refused(write(with("manifest.json", text(c[0], c[1])), true), c.length > 3 ? c[3] : "manifest.json", c[2]);
        }
    }

    @Test
    void metadataJsonForgeries() {
        String[][] cases = {
            {"{\n  \"", "{\n  \"unknown-id\": {},\n  \"", "unknown-id"},
            {"\"i\": 4", "\"i\": 1e400", "non-finite"},
            {"\"i\": 4", "\"i\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                    + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]"
                    + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
                    + "]]]]]]]]]]]]]]]]]]", "JSON"},
            {"\"i\": 4,", "\"i\": 4, \"i\": 1,", "names a field twice", "'i'"},
            {"\n}\n", "\n}\n{}", "more text"},
        };
        for (String[] c : cases) {
            refused(write(with("metadata.json", text(c[0], c[1])), true), "metadata.json",
                    Arrays.copyOfRange(c, 2, c.length));
        }
        String meta = new String(good.get("metadata.json"), StandardCharsets.UTF_8);
        // a record listed twice: the first record's entry repeated right after it
        int firstEnd = meta.indexOf("\n  \"", meta.indexOf("\n  \"") + 1);
        String first = meta.substring(meta.indexOf("\n  \"") + 1, firstEnd);
        String twice = meta.substring(0, firstEnd) + "\n" + first.stripTrailing() + meta.substring(firstEnd);
        String firstId = first.substring(3, first.indexOf('"', 3));
        refused(write(with("metadata.json", b -> twice.getBytes(StandardCharsets.UTF_8)), true), "metadata.json",
                "two entries", "'" + firstId + "'");
        // a field repeated inside a nested object is refused by the JSON reader
        refused(write(with("metadata.json", text("\"i\": 4", "\"i\": 4, \"o\": {\"a\": 1, \"a\": 2}")), true),
                "metadata.json", "Duplicate field 'a'");
        // a record without an entry
        int second = meta.indexOf("\n  \"", meta.indexOf("\n  \"") + 1);
        int third = meta.indexOf("\n  \"", second + 1);
        String dropped = meta.substring(0, second) + meta.substring(third);
        refused(write(with("metadata.json", b -> dropped.getBytes(StandardCharsets.UTF_8)), true), "metadata.json",
                "no entry");
    }

    @Test
    void foreignVersionsAreRefusedWithBothVersionsNamed() {
        ZdbFormatException newer = refused(write(with("manifest.json",
                text("\"2.0.0\"", "\"3.1.0\"")), false), "manifest.json", "3.1.0", "2.x", "upgrade");
        assertTrue(newer.problem().startsWith("Index format version 3.1.0 cannot be opened by this build"));
        refused(write(with("manifest.json", text("\"2.0.0\"", "\"1.1.0\"")), false), "manifest.json", "upstream");
        refused(write(with("manifest.json", text("\"2.0.0\"", "\"v2\"")), false), "manifest.json",
                "not a version this build can interpret");
    }

    @Test
    void laterMinorVersionsAndUnknownFieldsAreRead() throws IOException {
        Map<String, byte[]> files = with("manifest.json", text("\"2.0.0\"", "\"2.7.1\""));
        files.put("config.json", text("\"dim\": 12,", "\"dim\": 12,\n  \"future_field\": {\"a\": [1]},")
                .apply(files.get("config.json")));
        assertEquals(VDB.load(write(good, false)).getVectorCount(), VDB.load(write(files, true)).getVectorCount());
    }

    @Test
    void everyFileTruncatedFlippedExtendedEmptiedOrMissingIsNamed() {
        for (String f : good.keySet()) {
            byte[] b = good.get(f);
            List<UnaryOperator<byte[]>> damage = List.of(
                    x -> java.util.Arrays.copyOf(x, x.length - 1),
                    x -> java.util.Arrays.copyOf(x, x.length / 2),
                    x -> new byte[0],
                    x -> java.util.Arrays.copyOf(x, x.length + 3),
                    x -> {
                        x[x.length / 3] ^= 0x10;
                        return x;
                    });
            for (int i = 0; i < damage.size(); i++) {
                refused(write(with(f, damage.get(i)), false), f);
                // with repaired digests the structure must catch a binary file of the wrong length, and a
                // JSON file cut in half or to nothing (a flipped bit may be a valid value or letter)
                boolean binary = f.endsWith(".bin") || f.endsWith(".graph");
                if ((binary && i < 4) || (f.endsWith("json") && (i == 1 || i == 2) && !f.equals("manifest.json"))) {
                    refused(write(with(f, damage.get(i)), true), f);
                }
            }
            if (!f.equals("manifest.json")) {
                Map<String, byte[]> missing = new LinkedHashMap<>(good);
                missing.remove(f);
                refused(write(missing, false), f, "does not hold it");
            }
            assertTrue(b.length > 0);
        }
        Map<String, byte[]> noManifest = new LinkedHashMap<>(good);
        noManifest.remove("manifest.json");
        refused(write(noManifest, false), "manifest.json", "missing");
        Map<String, byte[]> extra = new LinkedHashMap<>(good);
        extra.put("notes.txt", "hi".getBytes(StandardCharsets.UTF_8));
        refused(write(extra, false), "notes.txt", "does not list it");
        Map<String, byte[]> quant = new LinkedHashMap<>(good);
        quant.put("quantization.json", "{}".getBytes(StandardCharsets.UTF_8));
        refused(write(quant, false), "quantization.json", "does not list it");
    }

    @Test
    void aDigestMismatchNamesBothValuesAndWhatTheFileHolds() {
        Map<String, byte[]> files = with("vectors.bin", b -> {
            b[100] ^= 1;
            return b;
        });
        ZdbFormatException e = refused(write(files, false), "vectors.bin", "CRC32C is", "manifest.json records",
                "raw vectors");
        assertTrue(e.problem().matches("CRC32C is [0-9a-f]{8} but manifest\\.json records [0-9a-f]{8}.*"),
                e.problem());
        refused(write(with("vectors.bin", b -> java.util.Arrays.copyOf(b, b.length - 4)), false), "vectors.bin",
                "length is " + (good.get("vectors.bin").length - 4) + " bytes but manifest.json records "
                        + good.get("vectors.bin").length);
    }

    @Test
    void nonFiniteVectorsAreRefusedNamingTheRecords() {
        Map<String, byte[]> files = with("vectors.bin", b -> {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(32, Float.NaN);
            return b;
        });
        refused(write(files, true), "vectors.bin", "non-finite", "'vec_3'");
    }

    @Test
    void verifyListsEveryDigestProblem() throws IOException {
        Map<String, byte[]> files = with("vectors.bin", b -> {
            b[40] ^= 1;
            return b;
        });
        files.put("mappings.bin", java.util.Arrays.copyOf(files.get("mappings.bin"), 20));
        files.put("stray.bin", new byte[1]);
        List<ZdbFormatException> problems = ZdbReader.verify(write(files, false));
        assertEquals(List.of("stray.bin", "mappings.bin", "vectors.bin"),
                problems.stream().map(ZdbFormatException::file).toList());
        assertEquals(List.of(), ZdbReader.verify(write(good, false)));
        Path structural = write(with("hnsw_index.hnsw.graph", u32At(24, nodes)), true);
        assertEquals(List.of("hnsw_index.hnsw.graph"),
                ZdbReader.verify(structural).stream().map(ZdbFormatException::file).toList());
    }

    @Test
    void theManifestsOwnCrcIsChecked() throws IOException {
        String m = new String(good.get("manifest.json"), StandardCharsets.UTF_8);
        String changed = m.replace("\"storage_mode\": \"raw_only\"", "\"storage_mode\": \"raw_onlz\"");
        refused(write(with("manifest.json", b -> changed.getBytes(StandardCharsets.UTF_8)), false), "manifest.json",
                "manifest_crc32c");
        assertTrue(Files.exists(tmp.resolve("good.zdb")));
    }

    /**
     * A vectors.bin grown (sparsely) to 6 GB whose header declares as many vectors: it must be
     * refused by its length against the manifest, before anything is allocated for it, not read
     * until the heap runs out.
     */
    @Test
    void aHugeSelfConsistentFileIsRefusedByItsLengthWithoutReadingIt() throws IOException {
        Path dir = write(good, false);
        Path vectors = dir.resolve("vectors.bin");
        long nodes = (6L << 30) / (dim * 4L);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(vectors,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            header.putLong(0, nodes);
            ch.write(header, 16); // node_count, after the 16-byte prefix; dim and the reserved field stay
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(vectors.toFile(), "rw")) {
            f.setLength(32 + nodes * dim * 4L);
        }
        long t0 = System.nanoTime();
        refused(dir, "vectors.bin", "length is " + (32 + nodes * dim * 4L) + " bytes but manifest.json records");
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "refused without reading 6 GB");
    }

    /**
     * Grows {@code file} (sparsely) to {@code length} bytes after writing {@code header} at
     * {@code at} (or changes it otherwise), rewrites the manifest to vouch for it (its length and
     * CRC32C, and the manifest's own CRC) and loads the result in a JVM of 64 MiB: nothing stops the
     * file being read but the heap it would need, so it must be refused with a message naming it,
     * not an OutOfMemoryError.
     */
    private void refusedIn64MiB(String file, long at, java.nio.ByteBuffer header, long length) throws Exception {
        refusedIn64MiB(file, target -> {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(target,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(header, at);
            }
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(target.toFile(), "rw")) {
                f.setLength(length);
            }
        });
    }

    /** A change to one file of a saved index. */
    private interface FileChange {
        void apply(Path file) throws IOException;
    }

    private void refusedIn64MiB(String file, FileChange change) throws Exception {
        Path dir = write(good, false);
        Path target = dir.resolve(file);
        change.apply(target);
        long length = java.nio.file.Files.size(target);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(target)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf.clear()) > 0) {
                crc.update(buf.flip());
            }
        }
        String manifest = new String(good.get("manifest.json"), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\"" + java.util.regex.Pattern.quote(file)
                + "\": \\{\\s*\"bytes\": )(\\d+)(,\\s*\"crc32c\": \")([0-9a-f]{8})(\")").matcher(manifest);
        assertTrue(m.find(), manifest);
        String vouching = manifest.substring(0, m.start()) + m.group(1) + length + m.group(3)
                + String.format(java.util.Locale.ROOT, "%08x", crc.getValue()) + m.group(5) + manifest.substring(m.end());
        java.nio.file.Files.write(dir.resolve("manifest.json"),
                Digests.withOwnCrc(vouching.getBytes(StandardCharsets.UTF_8)));
        Process p = new ProcessBuilder(SaveCrashTest.command(List.of("-Xmx64m"), "copy", dir.toString(),
                tmp.resolve("never.zdb").toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), out);
        assertTrue(out.contains("Exception in thread \"main\" io.zeusdb.vector.ZdbFormatException: " + file + ": "),
                out);
        assertTrue(!out.contains("Exception in thread \"main\" java.lang.OutOfMemoryError"), out);
    }

    private static java.nio.ByteBuffer u64(long value) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, value);
    }

    @Test
    void hugeFilesTheManifestVouchesForAreRefusedBeforeTheHeapRunsOut() throws Exception {
        long vectorNodes = (96L << 20) / (dim * 4L);
        refusedIn64MiB("vectors.bin", 16, u64(vectorNodes), 32 + vectorNodes * dim * 4L);
        long idNodes = 4_000_000;
        refusedIn64MiB("mappings.bin", 16, u64(idNodes), 32 + idNodes * 9);
        // one metadata string of 48 M characters: valid JSON, twice the child's heap once parsed
        refusedIn64MiB("metadata.json", target -> {
            byte[] text = new byte[48 << 20];
            java.util.Arrays.fill(text, (byte) 'x');
            try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(target)) {
                o.write("{\n  \"some-id\": {\n    \"t\": \"".getBytes(StandardCharsets.UTF_8));
                o.write(text);
                o.write("\"\n  }\n}\n".getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
