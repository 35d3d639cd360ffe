package io.zeusdb.vector.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.function.ObjIntConsumer;

/** Writes small .fvecs/.ivecs files for tests. */
final class TestVecs {

    private TestVecs() {}

    static Path writeFvecs(Path file, float[][] rows) throws IOException {
        return write(file, rows.length, i -> rows[i].length, (b, i) -> {
            for (float v : rows[i]) {
                b.putFloat(v);
            }
        });
    }

    static Path writeIvecs(Path file, int[][] rows) throws IOException {
        return write(file, rows.length, i -> rows[i].length, (b, i) -> {
            for (int v : rows[i]) {
                b.putInt(v);
            }
        });
    }

    /** Writes {@code n} rows: each its little-endian width, then its values. */
    private static Path write(Path file, int n, IntUnaryOperator width, ObjIntConsumer<ByteBuffer> values)
            throws IOException {
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += 4 + 4 * width.applyAsInt(i);
        }
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putInt(width.applyAsInt(i));
            values.accept(b, i);
        }
        return Files.write(file, b.array());
    }

    static float[][] gaussian(int n, int dim, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[n][dim];
        for (float[] r : rows) {
            for (int j = 0; j < dim; j++) {
                r[j] = (float) random.nextGaussian();
            }
        }
        return rows;
    }
}
