package io.zeusdb.vector.persistence;

import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves an index atomically (reference 12.8): every artefact is streamed into a staging sibling
 * {@code <name>.zdbtmp}, each file and then the directory forced to disk, and the staging
 * directory renamed into place; an existing index is first renamed to {@code <name>.zdbold} and
 * deleted after the new one is in place. At every instant the target path, or failing that its
 * {@code .zdbold} sibling (which {@link ZdbReader} falls back to), holds a whole index: the old
 * one or the new one. Leftovers of an interrupted save are cleaned up by the next save.
 *
 * <p>Nothing that is not recognisably ours is ever deleted or replaced: the target is replaced
 * only when it is a {@code .zdb} index directory, and a sibling is removed only when every entry
 * in it is one of the nine artefact names.
 *
 * <p>Internal: not part of the public API.
 */
public final class ZdbWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ZdbWriter.class);
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");
    /** Saves to one path from two threads of this process are serialised; their stagings would collide. */
    private static final Map<Path, Object> PATH_LOCKS = new ConcurrentHashMap<>();

    private ZdbWriter() {}

    /**
     * Saves {@code s} to the directory {@code path}.
     *
     * @throws FileAlreadyExistsException when {@code path} (or a sibling the save needs) exists and
     *                                    is not a ZeusDB index; it is left untouched
     * @throws AccessDeniedException      when the location is not writable; nothing is left behind
     * @throws IOException                for any other failure; the previous index stays in place
     */
    public static void save(IndexSnapshot s, Path path) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        Path name = target.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("save path must name a directory to create, e.g. my_index.zdb; got "
                    + path);
        }
        Path parent = target.getParent();
        Path staging = parent.resolve(name + ZdbLayout.STAGING_SUFFIX);
        Path old = parent.resolve(name + ZdbLayout.OLD_SUFFIX);
        long started = System.nanoTime();
        LOG.debug("save_start path={} nodes={} vectors={}", target, s.nodeCount(), s.liveCount());
        synchronized (PATH_LOCKS.computeIfAbsent(target, k -> new Object())) {
            recover(target, staging, old);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isIndex(target)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "exists and is not a ZeusDB index; refusing to replace it");
            }
            createStaging(parent, staging, target);
            long prepared = System.nanoTime();
            long written;
            long manifested;
            Map<String, FileDigest> digests;
            try {
                digests = writeArtefacts(s, staging);
                written = System.nanoTime();
                long total = 0;
                for (FileDigest d : digests.values()) {
                    total += d.bytes();
                }
                List<String> included = List.copyOf(digests.keySet());
                List<String> excluded = new ArrayList<>(ZdbLayout.ARTEFACTS);
                excluded.removeAll(included);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                new ZdbManifest(ZdbLayout.FORMAT_VERSION, VectorDatabase.version(), s.createdAt(), now,
                        s.liveCount(), "HNSW", s.pq() != null, s.pq() != null && s.pq().codebook() != null,
                        s.storageMode(), included, List.copyOf(excluded), digests, total / (1024.0 * 1024.0),
                        compressionInfo(s)).write(staging);
                manifested = System.nanoTime();
                fsyncDirectory(staging);
                SaveSteps.step("staging synced");
            } catch (IOException | RuntimeException | Error e) {
                deleteQuietly(staging, e);
                throw e;
            }
            long synced = System.nanoTime();
            commit(target, staging, old);
            LOG.debug("save phase=steps prepare_ms={} artefacts_ms={} manifest_ms={} staging_sync_ms={} commit_ms={}",
                    (prepared - started) / 1_000_000, (written - prepared) / 1_000_000,
                    (manifested - written) / 1_000_000, (synced - manifested) / 1_000_000,
                    (System.nanoTime() - synced) / 1_000_000);
        }
        LOG.debug("save_complete path={} duration_ms={}", target, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Writes every artefact; returns their digests in the format's order. {@code vectors.bin}
     * (most of the bytes) is written and forced on a pooled thread while this thread serialises
     * the others, so the metadata's JSON and the graph overlap the vectors' disk writes; both are
     * finished before this returns or throws (a failure then deletes the whole staging directory).
     */
    private static Map<String, FileDigest> writeArtefacts(IndexSnapshot s, Path dir) throws IOException {
        boolean vectorsFile = s.nodeCount() > 0 && s.rawVectors();
        Future<FileDigest> vectors = null;
        if (vectorsFile && Runtime.getRuntime().availableProcessors() > 1) {
            vectors = ReadAhead.POOL.submit(() -> VectorsFile.write(dir, s));
        }
        Map<String, FileDigest> digests = new LinkedHashMap<>();
        FileDigest graph = null;
        try {
            digests.put(ZdbLayout.CONFIG, ConfigFile.write(dir, s));
            digests.put(ZdbLayout.MAPPINGS, MappingsFile.write(dir, s));
            digests.put(ZdbLayout.METADATA, MetadataFile.write(dir, s));
            PqState pq = s.pq();
            if (pq != null) {
                digests.put(ZdbLayout.QUANTIZATION, QuantizationFile.write(dir, s.dim(), pq));
                if (pq.codebook() != null) {
                    digests.put(ZdbLayout.PQ_CENTROIDS, CentroidsFile.write(dir, pq.codebook()));
                }
                if (pq.codesActive() && s.nodeCount() > 0) {
                    digests.put(ZdbLayout.PQ_CODES, CodesFile.write(dir, s, pq.config().subvectors()));
                }
            }
            if (s.nodeCount() > 0) {
                graph = GraphFile.write(dir, s);
            }
        } catch (IOException | RuntimeException | Error e) {
            if (vectors != null) {
                try {
                    await(vectors);
                } catch (IOException | RuntimeException | Error again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        if (vectorsFile) {
            digests.put(ZdbLayout.VECTORS, vectors != null ? await(vectors) : VectorsFile.write(dir, s));
        }
        if (graph != null) {
            digests.put(ZdbLayout.GRAPH, graph);
        }
        return digests;
    }

    /** The result of a write on the pool, its failure rethrown as it was thrown. */
    private static FileDigest await(Future<FileDigest> write) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return write.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the write must finish before the staging directory can go
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The manifest's {@code compression_info}: {@code null} unless codes are stored, else the
     * codes' raw and compressed sizes (MiB) and the ratio.
     */
    private static Map<String, Object> compressionInfo(IndexSnapshot s) {
        PqState pq = s.pq();
        if (pq == null || !pq.codesActive() || s.nodeCount() == 0) {
            return null;
        }
        int sub = pq.config().subvectors();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("original_size_mb", (double) s.nodeCount() * s.dim() * 4 / (1024.0 * 1024.0));
        m.put("compressed_size_mb", (double) s.nodeCount() * sub / (1024.0 * 1024.0));
        m.put("compression_ratio", s.dim() * 4.0 / sub);
        return m;
    }

    /**
     * Cleans up after an interrupted save: a {@code .zdbold} next to an existing target is
     * deleted, one without a target is renamed back (the save died between its two renames), and
     * a staging directory is deleted. Each only if recognisably ours.
     */
    private static void recover(Path target, Path staging, Path old) throws IOException {
        if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            requireOurs(old, target);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                LOG.debug("save recovery: deleting {} left by an interrupted save", old);
                deleteOurs(old);
            } else {
                LOG.debug("save recovery: renaming {} back to {} (a save was interrupted between its renames)",
                        old, target);
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(target.getParent());
            }
        }
        if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
            requireOurs(staging, target);
            LOG.debug("save recovery: deleting {} left by an interrupted save", staging);
            deleteOurs(staging);
        }
    }

    private static void requireOurs(Path sibling, Path target) throws FileAlreadyExistsException {
        if (!isOurs(sibling)) {
            throw new FileAlreadyExistsException(sibling.toString(), null, "is in the way of saving " + target
                    + " and is not a leftover of a ZeusDB save (it holds entries other than index files); "
                    + "move it away and save again");
        }
    }

    private static void createStaging(Path parent, Path staging, Path target) throws IOException {
        try {
            Files.createDirectories(parent);
            Files.createDirectory(staging);
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            throw e;
        } catch (FileSystemException e) {
            String reason = e.getReason();
            if (e instanceof AccessDeniedException || "Operation not permitted".equals(reason)
                    || "Read-only file system".equals(reason)) {
                AccessDeniedException denied = new AccessDeniedException(target.toString(), null,
                        "cannot save here: writing beside it is not permitted (" + (reason == null ? "access denied"
                                : reason) + " for " + e.getFile() + "); nothing was written");
                denied.initCause(e);
                throw denied;
            }
            throw e;
        }
        SaveSteps.step("staging created");
    }

    /**
     * Moves the staging directory into place. With an existing target: target to
     * {@code .zdbold}, staging to target (on failure the old index is moved back), then
     * {@code .zdbold} deleted; the parent directory is forced after each rename.
     */
    private static void commit(Path target, Path staging, Path old) throws IOException {
        Path parent = target.getParent();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            move(staging, target, "renamed staging to target");
            fsyncDirectory(parent);
            SaveSteps.step("parent synced");
            return;
        }
        move(target, old, "renamed target to old");
        fsyncDirectory(parent);
        SaveSteps.step("parent synced after first rename");
        try {
            move(staging, target, "renamed staging to target");
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(parent);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            deleteQuietly(staging, e);
            throw e;
        }
        fsyncDirectory(parent);
        SaveSteps.step("parent synced after second rename");
        deleteOurs(old);
        fsyncDirectory(parent);
        SaveSteps.step("old deleted");
    }

    private static void move(Path from, Path to, String step) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        SaveSteps.step(step);
    }

    /** A directory (not a link) whose every entry is a regular file named like an artefact. */
    static boolean isOurs(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (!ZdbLayout.ALL_NAMES.contains(e.getFileName().toString())
                        || !Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A {@code .zdb} index: ours (only artefact names) and holding a {@code manifest.json} that
     * parses as JSON with a {@code format_version} string. Its digests are not checked: a damaged
     * index may be replaced by a good save.
     */
    static boolean isIndex(Path dir) {
        if (!isOurs(dir)) {
            return false;
        }
        Path manifest = dir.resolve(ZdbLayout.MANIFEST);
        try {
            if (Files.size(manifest) > ZdbManifest.MAX_BYTES) {
                return false;
            }
            return Json.readBytes(Files.readAllBytes(manifest), ZdbLayout.MANIFEST).get("format_version")
                    instanceof String;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a directory that {@link #isOurs} recognises: its files, then itself. */
    private static void deleteOurs(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                files.add(e);
            }
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
            SaveSteps.step("deleted " + dir.getFileName() + "/" + f.getFileName());
        }
        Files.deleteIfExists(dir);
    }

    private static void deleteQuietly(Path staging, Throwable failure) {
        try {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                deleteOurs(staging);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Forces a directory's entries to disk so renames and new files survive a crash. Windows
     * cannot open a directory for this; there the step is skipped (NTFS journals metadata).
     */
    static void fsyncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
