package io.zeusdb.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes the {@code .fvecs}/{@code .ivecs} formats of the ann-benchmarks data sets:
 * per row a little-endian int32 width, then that many float32 (or int32) values.
 */
public final class Vecs {

    private Vecs() {}

    /** The first {@code limit} rows (all when {@code limit <= 0}) of an {@code .fvecs} file. */
    public static float[][] readFvecs(Path file, int limit) throws IOException {
        ByteBuffer buf = map(file);
        int dim = buf.getInt(0);
        int rowBytes = 4 + 4 * dim;
        int rows = (int) (buf.capacity() / rowBytes);
        if (limit > 0) {
            rows = Math.min(rows, limit);
        }
        float[][] out = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            int at = r * rowBytes;
            if (buf.getInt(at) != dim) {
                throw new IOException(file + ": row " + r + " has width " + buf.getInt(at) + ", expected " + dim);
            }
            buf.position(at + 4);
            buf.asFloatBuffer().get(out[r], 0, dim);
        }
        return out;
    }

    /** The first {@code limit} rows (all when {@code limit <= 0}) of an {@code .ivecs} file. */
    public static int[][] readIvecs(Path file, int limit) throws IOException {
        ByteBuffer buf = map(file);
        int[][] out = new int[0][];
        java.util.List<int[]> rows = new java.util.ArrayList<>();
        int at = 0;
        while (at < buf.capacity() && (limit <= 0 || rows.size() < limit)) {
            int width = buf.getInt(at);
            int[] row = new int[width];
            buf.position(at + 4);
            buf.asIntBuffer().get(row);
            rows.add(row);
            at += 4 + 4 * width;
        }
        return rows.toArray(out);
    }

    /** Writes {@code rows} as {@code .ivecs}. */
    public static void writeIvecs(Path file, int[][] rows) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
            ByteBuffer le = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] row : rows) {
                out.write(le.putInt(0, row.length).array());
                for (int v : row) {
                    out.write(le.putInt(0, v).array());
                }
            }
        }
    }

    private static ByteBuffer map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            // a copy on the heap rather than a mapping: the files are small and a mapping would
            // outlive the channel until GC, which the heap accounting of the child JVM would see
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(ch.size())).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read fully
            }
            return buf.flip();
        }
    }
}
