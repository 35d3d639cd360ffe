package io.zeusdb.vector.cli;

import io.zeusdb.vector.HnswIndex;
import io.zeusdb.vector.VectorDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a load costs a program that has just started: {@code zdb bench --fresh-jvms N} runs this
 * class in new JVMs (same java, same JVM options), one measurement per process, because the first
 * load of a process is the one users wait for and nothing in a warm JVM reproduces it.
 *
 * <ul>
 *   <li>{@code load DIR QUERIES}: loads the index, then times its first query and first ten
 *       queries; prints {@code load=S first_query=S first_10=S}.
 *   <li>{@code read DIR}: the floor of any loader that keeps the index in heap memory: every file
 *       of the directory read into new arrays of 256 KiB (the vector store's chunk size), nothing
 *       parsed or checked; prints {@code read=S}. In a new process this is mostly the operating
 *       system supplying fresh memory pages, which a {@code cp -r} (a copy inside the kernel)
 *       never pays.
 * </ul>
 */
public final class FreshJvmProbe {

    private FreshJvmProbe() {}

    /** Runs one measurement; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("load")) {
            load(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length == 2 && args[0].equals("read")) {
            read(Path.of(args[1]));
        } else {
            System.err.println("usage: FreshJvmProbe load DIR QUERIES.fvecs | read DIR");
            System.exit(2);
        }
    }

    private static void load(Path dir, Path queries) throws IOException, VecsFormatException {
        float[][] qs = VecsReader.readFvecs(queries, 10).rows();
        long t0 = System.nanoTime();
        HnswIndex index = new VectorDatabase().load(dir);
        long t1 = System.nanoTime();
        index.search(qs[0], 10);
        long t2 = System.nanoTime();
        for (int i = 1; i < qs.length; i++) {
            index.search(qs[i], 10);
        }
        long t3 = System.nanoTime();
        System.out.printf(Locale.ROOT, "load=%.4f first_query=%.4f first_10=%.4f%n", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t3 - t1) / 1e9);
    }

    private static final int CHUNK_FLOATS = (1 << 18) / Float.BYTES;

    private static void read(Path dir) throws IOException {
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        long t0 = System.nanoTime();
        List<float[]> kept = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                float[] chunk = new float[CHUNK_FLOATS];
                int filled = 0;
                while (true) {
                    buf.clear();
                    if (ch.read(buf) < 0) {
                        break;
                    }
                    buf.flip();
                    var floats = buf.asFloatBuffer();
                    while (floats.hasRemaining()) {
                        int n = Math.min(floats.remaining(), CHUNK_FLOATS - filled);
                        floats.get(chunk, filled, n);
                        filled += n;
                        if (filled == CHUNK_FLOATS) {
                            kept.add(chunk);
                            chunk = new float[CHUNK_FLOATS];
                            filled = 0;
                        }
                    }
                }
                kept.add(chunk);
            }
        }
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "read=%.4f chunks=%d%n", (t1 - t0) / 1e9, kept.size());
    }

    /** The {@code key=seconds} field of a probe's output line. */
    static double field(String line, String key) throws IOException {
        for (String part : line.trim().split(" ")) {
            if (part.startsWith(key + "=")) {
                return Double.parseDouble(part.substring(key.length() + 1));
            }
        }
        throw new IOException("a new JVM's probe printed no " + key + ": " + line);
    }

    /** Runs the probe with {@code args} in a new JVM; returns what it printed. */
    static String runInNewJvm(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FreshJvmProbe.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("a new JVM running " + String.join(" ", args) + " failed (exit "
                        + p.exitValue() + "): " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while a new JVM was measuring", e);
        }
        return out;
    }
}
