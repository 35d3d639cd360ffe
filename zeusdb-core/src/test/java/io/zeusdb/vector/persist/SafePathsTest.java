package io.zeusdb.vector.persist;

import static io.zeusdb.vector.persist.Fixtures.VDB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.Space;
import io.zeusdb.vector.ZdbFormatException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference 12.8: saving never deletes or overwrites what is not an index, and fails cleanly. */
class SafePathsTest {

    @TempDir
    Path tmp;

    private static HnswIndex small(int n) {
        return Fixtures.varied(Space.COSINE, n, n);
    }

    private List<String> siblings() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRegularFileIsNeverReplaced() throws IOException {
        Path file = tmp.resolve("notes.zdb");
        Files.writeString(file, "precious");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> small(10).save(file));
        assertTrue(e.getMessage().contains("exists and is not a ZeusDB index; refusing to replace it"), e.getMessage());
        assertEquals("precious", Files.readString(file));
        assertEquals(List.of("notes.zdb"), siblings());
    }

    @Test
    void emptyForeignAndUpstreamDirectoriesAreNeverReplaced() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty.zdb"));
        assertThrows(FileAlreadyExistsException.class, () -> small(10).save(empty));
        Path foreign = Files.createDirectory(tmp.resolve("photos"));
        Files.writeString(foreign.resolve("cat.jpg"), "meow");
        assertThrows(FileAlreadyExistsException.class, () -> small(10).save(foreign));
        assertEquals("meow", Files.readString(foreign.resolve("cat.jpg")));
        Path upstream = Files.createDirectory(tmp.resolve("upstream.zdb"));
        Files.writeString(upstream.resolve("manifest.json"), "{\"format_version\": \"1.1.0\"}");
        Files.writeString(upstream.resolve("hnsw_index.zdbgraph"), "graph");
        assertThrows(FileAlreadyExistsException.class, () -> small(10).save(upstream));
        assertTrue(Files.exists(upstream.resolve("hnsw_index.zdbgraph")));
        // nine names but no parseable manifest: not an index either
        Path noManifest = Files.createDirectory(tmp.resolve("half.zdb"));
        Files.writeString(noManifest.resolve("config.json"), "{}");
        assertThrows(FileAlreadyExistsException.class, () -> small(10).save(noManifest));
        assertEquals(List.of("empty.zdb", "half.zdb", "photos", "upstream.zdb"), siblings());
    }

    @Test
    void anExistingIndexIsReplacedCompletely() throws IOException {
        Path dir = tmp.resolve("idx.zdb");
        small(50).save(dir);
        HnswIndex empty = VDB.create(Map.of("dim", 12));
        empty.save(dir); // no stale vectors.bin or graph survives
        assertEquals(List.of("config.json", "manifest.json", "mappings.bin", "metadata.json"), Fixtures.names(dir));
        assertEquals(0, VDB.load(dir).getVectorCount());
        assertEquals(List.of("idx.zdb"), siblings());
        HnswIndex again = small(60);
        again.save(dir);
        Fixtures.assertSameIndex(again, VDB.load(dir), List.of());
        assertEquals(List.of("idx.zdb"), siblings());
    }

    @Test
    void missingPathsAndFilesAreReportedAsSuch() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> VDB.load(tmp.resolve("nothing.zdb")));
        assertTrue(missing.getMessage().contains("Index directory not found"), missing.getMessage());
        Path file = Files.writeString(tmp.resolve("file.zdb"), "x");
        ZdbFormatException notDir = assertThrows(ZdbFormatException.class, () -> VDB.load(file));
        assertNull(notDir.file());
        assertTrue(notDir.problem().contains("not a directory"), notDir.problem());
        Path emptyDir = Files.createDirectory(tmp.resolve("e.zdb"));
        ZdbFormatException noManifest = assertThrows(ZdbFormatException.class, () -> VDB.load(emptyDir));
        assertEquals("manifest.json", noManifest.file());
    }

    @Test
    void aReadOnlyLocationFailsCleanlyAndLeavesNothing() throws IOException {
        HnswIndex index = small(20);
        Path target;
        Path ro = null;
        if ("root".equals(System.getProperty("user.name"))) {
            // root ignores permission bits; sysfs refuses new directories to everyone
            target = Path.of("/sys/fs/zeusdb-test-" + ProcessHandle.current().pid() + ".zdb");
            Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys/fs")), "needs /sys/fs");
        } else {
            ro = Files.createDirectory(tmp.resolve("ro"));
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
            target = ro.resolve("idx.zdb");
        }
        try {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> index.save(target));
            assertTrue(e.getMessage().contains("cannot save here"), e.getMessage());
            assertFalse(Files.exists(target));
            assertFalse(Files.exists(target.resolveSibling(target.getFileName() + ".zdbtmp")));
        } finally {
            if (ro != null) {
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void leftoversOfAnInterruptedSaveAreCleanedUpByTheNextSave() throws IOException {
        Path dir = tmp.resolve("idx.zdb");
        HnswIndex first = small(30);
        first.save(dir);
        // a half-written staging directory and a stale .zdbold next to a complete index
        Path staging = Files.createDirectory(tmp.resolve("idx.zdb.zdbtmp"));
        Files.writeString(staging.resolve("config.json"), "{\"dim\": 3");
        Path old = Files.createDirectory(tmp.resolve("idx.zdb.zdbold"));
        Files.writeString(old.resolve("vectors.bin"), "partial");
        Fixtures.assertSameIndex(first, VDB.load(dir), List.of()); // leftovers do not disturb a load
        HnswIndex second = small(40);
        second.save(dir);
        assertEquals(List.of("idx.zdb"), siblings());
        Fixtures.assertSameIndex(second, VDB.load(dir), List.of());
    }

    @Test
    void aSaveInterruptedBetweenItsRenamesLeavesTheOldIndexUnderZdbold() throws IOException {
        Path dir = tmp.resolve("idx.zdb");
        HnswIndex first = small(30);
        first.save(dir);
        Files.move(dir, tmp.resolve("idx.zdb.zdbold"));
        // a reader finds the complete old index there, and changes nothing
        Fixtures.assertSameIndex(first, VDB.load(dir), List.of());
        assertEquals(List.of("idx.zdb.zdbold"), siblings());
        // the next save renames it back first, then replaces it
        HnswIndex second = small(35);
        second.save(dir);
        assertEquals(List.of("idx.zdb"), siblings());
        Fixtures.assertSameIndex(second, VDB.load(dir), List.of());
    }

    @Test
    void foreignSiblingsInTheWayAreRefusedNotDeleted() throws IOException {
        Path dir = tmp.resolve("idx.zdb");
        Path staging = Files.createDirectory(tmp.resolve("idx.zdb.zdbtmp"));
        Files.writeString(staging.resolve("diary.txt"), "mine");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> small(5).save(dir));
        assertTrue(e.getMessage().contains("idx.zdb.zdbtmp"), e.getMessage());
        assertEquals("mine", Files.readString(staging.resolve("diary.txt")));
        assertFalse(Files.exists(dir));
    }

    @Test
    void stringAndPathFormsAgreeAndNullIsRefused() throws IOException {
        HnswIndex index = small(8);
        index.save(tmp.resolve("a.zdb").toString());
        index.save(tmp.resolve("b.zdb"));
        assertArrayEquals(Fixtures.files(tmp.resolve("a.zdb")).get("vectors.bin"),
                Fixtures.files(tmp.resolve("b.zdb")).get("vectors.bin"));
        assertThrows(IllegalArgumentException.class, () -> index.save((String) null));
        assertThrows(IllegalArgumentException.class, () -> index.save((Path) null));
        assertThrows(IllegalArgumentException.class, () -> VDB.load((String) null));
        assertThrows(IllegalArgumentException.class, () -> VDB.load(tmp.resolve("a.zdb"), null));
        assertThrows(IllegalArgumentException.class, () -> index.save(Path.of("/")));
    }

    @Test
    void saveWritesNothingToStandardOutput() throws IOException {
        var out = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            small(10).save(tmp.resolve("quiet.zdb"));
            VDB.load(tmp.resolve("quiet.zdb"));
        } finally {
            System.setOut(out);
        }
        assertEquals("", captured.toString());
    }
}
