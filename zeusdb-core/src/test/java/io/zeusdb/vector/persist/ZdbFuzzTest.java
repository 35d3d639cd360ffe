package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.IndexConfig;
import io.zeusdb.vector.QuantizationConfig;
import io.zeusdb.vector.StorageMode;
import io.zeusdb.vector.SearchOptions;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.ZdbFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates real saved indexes at random (bit flips, byte overwrites with boundary values,
 * truncations, extensions, insertions, deletions, numbers in JSON text replaced by extreme ones,
 * emptied, missing and extra files) and loads each result. Without repaired digests every change
 * must be refused with a {@link ZdbFormatException}; with repaired digests (so the structural
 * checks are what stands in the way) a load may succeed, and the index must then work, but any
 * failure must still be a {@code ZdbFormatException} naming a file. Anything else (an
 * OutOfMemoryError, a NullPointerException, an IndexOutOfBoundsException, a hang) fails the test,
 * and the input is kept under {@code target/fuzz-failures} to become a regression case.
 *
 * <p>{@code -Dzeusdb.fuzz.cases=N} (default 3,000) and {@code -Dzeusdb.fuzz.seed=S} for longer
 * runs.
 */
class ZdbFuzzTest {

    @TempDir
    static Path tmp;

    static long WRITE_NANOS;
    static long LOAD_NANOS;
    static final List<Map<String, byte[]>> CORPUS = new ArrayList<>();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String[] EXTREME_NUMBERS = {"0", "-1", "1", "2147483647", "2147483648", "4294967295",
        "4294967296", "1099511627776", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1e400", "0.5", "1.0", "-0.0", "65536", "65537", "256", "257", "4096", "1e2"};
    private static final long[] EXTREME_INTS = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL,
        1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, 15, 16, 2};

    @BeforeAll
    static void corpus() throws IOException {
        List<HnswIndex> indexes = new ArrayList<>();
        indexes.add(Fixtures.varied(Space.COSINE, 60, 1));
        indexes.add(Fixtures.varied(Space.DOT, 25, 2));
        HnswIndex l1 = VDB.create(IndexConfig.hnsw(3).space(Space.L1).m(2).efConstruction(8).insertThreads(1)
                .indexedFields("a").build());
        Random r = new Random(3);
        for (int i = 0; i < 40; i++) {
            l1.add(Map.of("id", "k" + i, "vector", Fixtures.randomVector(r, 3), "metadata", Map.of("a", i)));
        }
        l1.removePoints(List.of("k1", "k2"));
        indexes.add(l1);
        // vectors.bin above 64 KiB, read through the thread's direct buffer rather than a small heap one
        HnswIndex wide = VDB.create(IndexConfig.hnsw(100).space(Space.L2).m(4).efConstruction(8).insertThreads(1)
                .build());
        float[][] rows = new float[180][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Fixtures.randomVector(r, 100);
        }
        wide.add(rows);
        indexes.add(wide);
        // product quantization: trained with and without raw vectors, and still collecting
        for (StorageMode mode : StorageMode.values()) {
            HnswIndex pq = VDB.create(IndexConfig.hnsw(8).space(Space.L2).m(4).efConstruction(8).insertThreads(1)
                    .quantization(QuantizationConfig.pq().subvectors(2).bits(4).trainingSize(1000).storageMode(mode)
                            .build()).build());
            float[][] pqRows = new float[1010][];
            for (int i = 0; i < pqRows.length; i++) {
                pqRows[i] = Fixtures.randomVector(r, 8);
            }
            pq.add(pqRows);
            pq.removePoints(List.of("vec_3"));
            indexes.add(pq);
        }
        HnswIndex collecting = VDB.create(IndexConfig.hnsw(4).quantization(QuantizationConfig.pq().subvectors(2)
                .bits(2).trainingSize(1000).build()).build());
        for (int i = 0; i < 30; i++) {
            collecting.add(Map.of("id", "c" + i, "vector", Fixtures.randomVector(r, 4)));
        }
        indexes.add(collecting);
        HnswIndex empty = VDB.create(Map.of("dim", 2));
        empty.addMetadata(Map.of("only", "metadata"));
        indexes.add(empty);
        for (int i = 0; i < indexes.size(); i++) {
            Path dir = tmp.resolve("corpus" + i + ".zdb");
            indexes.get(i).save(dir);
            CORPUS.add(Fixtures.files(dir));
        }
    }

    /** One mutated directory: its files, what was done, and whether the digests were repaired. */
    record Case(Map<String, byte[]> files, String description, boolean repaired, boolean changed) {}

    static Case mutate(Random r, Map<String, byte[]> original) {
        Map<String, byte[]> files = new LinkedHashMap<>(original);
        List<String> names = new ArrayList<>(files.keySet());
        String name = names.get(r.nextInt(names.size()));
        byte[] b = files.get(name).clone();
        String what;
        int kind = r.nextInt(12);
        switch (kind) {
            case 0, 1 -> {
                int flips = 1 + r.nextInt(3);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                what = flips + " bit flip(s)";
            }
            case 2, 3 -> {
                // a boundary value written over a little-endian field-sized span
                long v = EXTREME_INTS[r.nextInt(EXTREME_INTS.length)];
                int width = new int[] {1, 4, 8}[r.nextInt(3)];
                int at = b.length == 0 ? 0 : r.nextInt(b.length);
                for (int i = 0; i < width && at + i < b.length; i++) {
                    b[at + i] = (byte) (v >>> (8 * i));
                }
                what = "value " + v + " (" + width + " bytes) at " + at;
            }
            case 4 -> {
                int len = b.length == 0 ? 0 : r.nextInt(b.length);
                b = Arrays.copyOf(b, len);
                what = "truncated to " + len;
            }
            case 5 -> {
                int extra = 1 + r.nextInt(64);
                byte[] longer = Arrays.copyOf(b, b.length + extra);
                for (int i = b.length; i < longer.length; i++) {
                    longer[i] = (byte) r.nextInt(256);
                }
                b = longer;
                what = "extended by " + extra;
            }
            case 6 -> {
                int at = b.length == 0 ? 0 : r.nextInt(b.length);
                int n = 1 + r.nextInt(8);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (byte) r.nextInt(256);
                }
                System.arraycopy(b, at, out, at + n, b.length - at);
                b = out;
                what = n + " bytes inserted at " + at;
            }
            case 7 -> {
                int at = b.length == 0 ? 0 : r.nextInt(b.length);
                int n = Math.min(b.length - at, 1 + r.nextInt(16));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                b = out;
                what = n + " bytes deleted at " + at;
            }
            case 8, 9 -> {
                String text = new String(b, StandardCharsets.ISO_8859_1);
                Matcher m = NUMBER.matcher(text);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (spans.isEmpty() || !name.endsWith(".json")) {
                    b = new byte[0];
                    what = "emptied";
                } else {
                    int[] s = spans.get(r.nextInt(spans.size()));
                    String num = EXTREME_NUMBERS[r.nextInt(EXTREME_NUMBERS.length)];
                    b = (text.substring(0, s[0]) + num + text.substring(s[1])).getBytes(StandardCharsets.ISO_8859_1);
                    what = "number at " + s[0] + " replaced by " + num;
                }
            }
            case 10 -> {
                files.remove(name);
                return new Case(files, name + " deleted", false, true);
            }
            default -> {
                String extra = r.nextBoolean() ? "quantization.json" : "junk" + r.nextInt(3);
                if (files.containsKey(extra)) {
                    files.put(extra, new byte[] {1});
                } else {
                    files.put(extra, new byte[] {1});
                }
                return new Case(files, "extra file " + extra, false, true);
            }
        }
        boolean changed = !Arrays.equals(b, files.get(name));
        files.put(name, b);
        boolean repair = r.nextInt(10) < 6;
        if (repair) {
            files.put("manifest.json", name.equals("manifest.json") ? Digests.withOwnCrc(b) : Digests.repaired(files));
        }
        return new Case(files, name + ": " + what, repair, changed);
    }

    @Test
    void randomMutationsAreRefusedCleanly() {
        int cases = Integer.getInteger("zeusdb.fuzz.cases", 3_000);
        long seed = Long.getLong("zeusdb.fuzz.seed", 20261125L);
        Duration budget = Duration.ofSeconds(Math.max(120, cases / 10));
        List<String> failures = new ArrayList<>();
        int[] outcomes = new int[3]; // refused, loaded, unchanged
        assertTimeoutPreemptively(budget, () -> {
            Random r = new Random(seed);
            Path work = workDirectory().resolve("work.zdb");
            for (int i = 0; i < cases && failures.size() < 5; i++) {
                int which = r.nextInt(CORPUS.size());
                Case c = mutate(r, CORPUS.get(which));
                long t0 = System.nanoTime();
                Fixtures.replaceDirectory(work, c.files());
                WRITE_NANOS += System.nanoTime() - t0;
                String label = "case " + i + " (seed " + seed + ", corpus " + which + "): " + c.description()
                        + (c.repaired() ? ", digests repaired" : "");
                try {
                    long t1 = System.nanoTime();
                    HnswIndex loaded;
                    try {
                        loaded = VDB.load(work);
                    } finally {
                        LOAD_NANOS += System.nanoTime() - t1;
                    }
                    if (!c.changed()) {
                        outcomes[2]++;
                        continue;
                    }
                    if (!c.repaired()) {
                        failures.add(keep(c, i, label + ": loaded although the digests no longer match"));
                        continue;
                    }
                    exercise(loaded, outcomes[1]);
                    outcomes[1]++;
                } catch (ZdbFormatException e) {
                    if (e.problem() == null || e.problem().isBlank() || e.getMessage().contains("null")
                            && e.getCause() == null && e.problem().contains("null null")) {
                        failures.add(keep(c, i, label + ": an unhelpful message: " + e.getMessage()));
                    }
                    outcomes[0]++;
                } catch (Throwable t) {
                    StringWriter sw = new StringWriter();
                    t.printStackTrace(new PrintWriter(sw));
                    failures.add(keep(c, i, label + ": " + sw));
                }
            }
        });
        System.out.printf("write %d ms, load %d ms%n", WRITE_NANOS / 1_000_000, LOAD_NANOS / 1_000_000);
        System.out.printf("fuzz: %d cases, %d refused, %d loaded (repaired, still valid), %d unchanged%n", cases,
                outcomes[0], outcomes[1], outcomes[2]);
        if (!failures.isEmpty()) {
            fail(failures.size() + " fuzz failure(s):\n" + String.join("\n\n", failures));
        }
        assertTrue(outcomes[0] > cases / 2, "most mutations should be refused");
    }

    /** A loaded (repaired, structurally valid) index must work: search, list, stats; every tenth is saved. */
    private static void exercise(HnswIndex index, int i) throws IOException {
        float[] q = new float[index.dim()];
        Arrays.fill(q, 0.5f);
        index.search(q, SearchOptions.topK(5).efSearch(5));
        index.search(q, 3);
        index.list(1000);
        index.getStats();
        index.info();
        if (i % 10 == 0) {
            index.save(tmp.resolve("resave.zdb"));
        }
    }

    /**
     * Where cases are written: memory-backed /dev/shm when there is one (thousands of tiny
     * directories are written and deleted), else the test's temporary directory.
     */
    private static Path workDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            Path dir = Files.createTempDirectory(shm, "zeusdb-fuzz");
            dir.toFile().deleteOnExit();
            SHM.add(dir);
            return dir;
        }
        return tmp;
    }

    static final List<Path> SHM = new ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    static void removeWorkDirectories() throws IOException {
        for (Path dir : SHM) {
            Fixtures.deleteTree(dir);
        }
    }

    /** Copies a failing input under target/fuzz-failures so it can become a regression test. */
    private static String keep(Case c, int i, String message) {
        Path dir = Path.of("target", "fuzz-failures", "case-" + i + ".zdb");
        try {
            Files.createDirectories(dir.getParent());
            Fixtures.replaceDirectory(dir, c.files());
            return message + "\n  input kept in " + dir.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            return message;
        }
    }
}
