package io.zeusdb.vector.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The baseline a save and a load are measured against: copying a saved index's directory file by
 * file as {@code cp -r} does ({@link Files#copy}, which the JDK hands to the kernel), and the same
 * copy with every file and the directory forced to disk afterwards (as {@code cp -r} then
 * {@code sync}), which is what a durable save has to match. The copy goes to a fresh sibling
 * directory (same file system) that is deleted after each round.
 */
final class DirectoryCopy {

    /**
     * Seconds of each round.
     *
     * @param plain  copy only
     * @param forced copy, then every file and the directory forced to disk
     */
    record Times(double[] plain, double[] forced) {}

    private DirectoryCopy() {}

    /** Copies {@code dir} {@code rounds} times each way. */
    static Times measure(Path dir, int rounds) throws IOException {
        double[] plain = new double[rounds];
        double[] forced = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            plain[r] = copyOnce(dir, false);
            forced[r] = copyOnce(dir, true);
        }
        return new Times(plain, forced);
    }

    private static double copyOnce(Path dir, boolean force) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Path target = Files.createTempDirectory(parent, ".zdb-bench-copy-");
        List<Path> copies = new ArrayList<>();
        try {
            List<Path> files;
            try (var listing = Files.list(dir)) {
                files = listing.toList();
            }
            long t0 = System.nanoTime();
            for (Path f : files) {
                Path to = target.resolve(f.getFileName().toString());
                Files.copy(f, to);
                copies.add(to);
            }
            if (force) {
                for (Path c : copies) {
                    try (FileChannel ch = FileChannel.open(c, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
                try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ)) {
                    ch.force(true);
                } catch (IOException e) {
                    // directories cannot be opened for forcing on every platform; the files were forced
                }
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            try (var left = Files.list(target)) { // the directory is ours alone: everything in it goes
                for (Path c : left.toList()) {
                    Files.deleteIfExists(c);
                }
            }
            Files.deleteIfExists(target);
        }
    }

    /** The median of {@code seconds}. */
    static double median(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The smallest of {@code seconds}. */
    static double best(double[] seconds) {
        double min = Double.POSITIVE_INFINITY;
        for (double x : seconds) {
            min = Math.min(min, x);
        }
        return min;
    }
}
