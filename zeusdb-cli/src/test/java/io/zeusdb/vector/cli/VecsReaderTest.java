package io.zeusdb.vector.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VecsReaderTest {

    @TempDir
    Path dir;

    private static final float[][] ROWS = {{1f, 2f, 3f}, {-4.5f, 0f, 1e-7f}, {Float.MAX_VALUE, -0f, 7f}};

    @Test
    void readsEveryRowOfAGoodFvecsFile() throws Exception {
        Path f = TestVecs.writeFvecs(dir.resolve("good.fvecs"), ROWS);
        VecsReader.Floats r = VecsReader.readFvecs(f);
        assertEquals(3, r.totalRows());
        assertEquals(3, r.dim());
        assertEquals(3, r.rows().length);
        for (int i = 0; i < ROWS.length; i++) {
            assertArrayEquals(ROWS[i], r.rows()[i]);
        }
    }

    @Test
    void limitDecodesOnlyTheFirstRowsButCountsAll() throws Exception {
        Path f = TestVecs.writeFvecs(dir.resolve("good.fvecs"), ROWS);
        VecsReader.Floats r = VecsReader.readFvecs(f, 2);
        assertEquals(2, r.rows().length);
        assertEquals(3, r.totalRows());
        assertArrayEquals(ROWS[1], r.rows()[1]);
        assertEquals(3, VecsReader.readFvecs(f, 10).rows().length);
    }

    @Test
    void readsAGoodIvecsFile() throws Exception {
        int[][] rows = {{0, 5, 2, Integer.MAX_VALUE}, {-1, 3, 4, 9}};
        Path f = TestVecs.writeIvecs(dir.resolve("good.ivecs"), rows);
        VecsReader.Ints r = VecsReader.readIvecs(f);
        assertEquals(2, r.totalRows());
        assertEquals(4, r.width());
        assertArrayEquals(rows[0], r.rows()[0]);
        assertArrayEquals(rows[1], r.rows()[1]);
    }

    @Test
    void readsFilesLargerThanTheBuffer() throws Exception {
        float[][] big = TestVecs.gaussian(3000, 128, 7); // 1.5 MiB, more than one 1 MiB buffer
        Path f = TestVecs.writeFvecs(dir.resolve("big.fvecs"), big);
        VecsReader.Floats r = VecsReader.readFvecs(f);
        assertEquals(3000, r.rows().length);
        assertArrayEquals(big[0], r.rows()[0]);
        assertArrayEquals(big[2047], r.rows()[2047]);
        assertArrayEquals(big[2999], r.rows()[2999]);
    }

    @Test
    void truncatedFileIsRefusedNamingFileAndProblem() throws Exception {
        Path f = TestVecs.writeFvecs(dir.resolve("cut.fvecs"), ROWS);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 3));
        VecsFormatException e = assertThrows(VecsFormatException.class, () -> VecsReader.readFvecs(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("not a multiple of the row size 16 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(f, e.file());
    }

    @Test
    void fileShorterThanOneWidthIsTruncated() throws Exception {
        Path f = Files.write(dir.resolve("tiny.fvecs"), new byte[] {3, 0});
        VecsFormatException e = assertThrows(VecsFormatException.class, () -> VecsReader.readFvecs(f));
        assertTrue(e.getMessage().contains("truncated: 2 bytes"), e.getMessage());
    }

    @Test
    void inconsistentWidthsAreRefusedNamingTheRow() throws Exception {
        // row 1 declares width 3 but the file length still fits rows of width 2
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2).putFloat(1).putFloat(2);
        b.putInt(3).putFloat(3).putFloat(4);
        b.putInt(2).putFloat(5).putFloat(6);
        Path f = Files.write(dir.resolve("mixed.fvecs"), b.array());
        VecsFormatException e = assertThrows(VecsFormatException.class, () -> VecsReader.readFvecs(f, 1));
        assertTrue(e.getMessage().startsWith(f + ": row 1 (byte offset 12) declares width 3, but the first row "
                + "declares 2"), e.getMessage());
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path f = Files.write(dir.resolve("empty.ivecs"), new byte[0]);
        VecsFormatException e = assertThrows(VecsFormatException.class, () -> VecsReader.readIvecs(f));
        assertEquals(f + ": the file is empty (a .ivecs file holds at least one row)", e.getMessage());
    }

    @Test
    void missingFileIsRefused() {
        Path f = dir.resolve("nope.fvecs");
        VecsFormatException e = assertThrows(VecsFormatException.class, () -> VecsReader.readFvecs(f));
        assertEquals(f + ": no such file", e.getMessage());
    }

    @Test
    void directoryIsRefused() {
        VecsFormatException e = assertThrows(VecsFormatException.class, () -> VecsReader.readFvecs(dir));
        assertEquals(dir + ": is a directory, not a .fvecs file", e.getMessage());
    }

    @Test
    void implausibleFirstWidthIsRefused() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(0);
        Path f = Files.write(dir.resolve("neg.fvecs"), b.array());
        VecsFormatException e = assertThrows(VecsFormatException.class, () -> VecsReader.readFvecs(f));
        assertTrue(e.getMessage().contains("declares width -1"), e.getMessage());
        // big-endian widths look implausibly large when read little-endian
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(1).putFloat(1f);
        Path g = Files.write(dir.resolve("be.fvecs"), be.array());
        e = assertThrows(VecsFormatException.class, () -> VecsReader.readFvecs(g));
        assertTrue(e.getMessage().contains("declares width 16,777,216, which needs 67,108,868 bytes, but the whole file has 8"), e.getMessage());
    }
}
