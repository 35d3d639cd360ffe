package io.zeusdb.vector.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes small .fvecs/.ivecs files for tests. */
final class TestVecs {

    private TestVecs() {}

    static Path writeFvecs(Path file, float[][] rows) throws IOException {
        int bytes = 0;
        for (float[] r : rows) {
            bytes += 4 + 4 * r.length;
        }
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) {
            b.putInt(r.length);
            for (float v : r) {
                b.putFloat(v);
            }
        }
        return Files.write(file, b.array());
    }

    static Path writeIvecs(Path file, int[][] rows) throws IOException {
        int bytes = 0;
        for (int[] r : rows) {
            bytes += 4 + 4 * r.length;
        }
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] r : rows) {
            b.putInt(r.length);
            for (int v : r) {
                b.putInt(v);
            }
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
