package io.zeusdb.vector.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Reads the {@code .fvecs} and {@code .ivecs} formats of the ANN benchmarks: per row, a
 * little-endian int32 width, then that many little-endian float32 (fvecs) or int32 (ivecs)
 * values.
 *
 * <p>The whole file is checked before anything is returned: it must be non-empty, its length a
 * multiple of the row size implied by the first width, and every row must declare that same
 * width. A {@code limit} decodes only the first rows (the rest are still checked). The file is read
 * sequentially through a {@link FileChannel} with a 1 MiB buffer, so any file size works.
 *
 * <pre>{@code
 * VecsReader.Floats base = VecsReader.readFvecs(Path.of("base.fvecs"), 10_000);
 * float[][] rows = base.rows();   // at most 10,000 rows of base.dim() floats
 * }</pre>
 */
public final class VecsReader {

    /** Widths above this are refused as implausible (a row would exceed 256 MiB). */
    static final int MAX_WIDTH = 1 << 26;

    private static final int BUFFER_BYTES = 1 << 20;

    private VecsReader() {}

    /**
     * The decoded rows of a {@code .fvecs} file.
     *
     * @param rows      the decoded rows, at most {@code limit} of them
     * @param totalRows rows in the whole file
     * @param dim       the width of every row
     */
    public record Floats(float[][] rows, int totalRows, int dim) {}

    /**
     * The decoded rows of an {@code .ivecs} file.
     *
     * @param rows      the decoded rows, at most {@code limit} of them
     * @param totalRows rows in the whole file
     * @param width     the width of every row
     */
    public record Ints(int[][] rows, int totalRows, int width) {}

    /** Reads every row of a {@code .fvecs} file. */
    public static Floats readFvecs(Path file) throws VecsFormatException {
        return readFvecs(file, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code limit} rows of a {@code .fvecs} file, after checking all of it.
     *
     * @throws VecsFormatException naming the file and the problem
     */
    public static Floats readFvecs(Path file, int limit) throws VecsFormatException {
        Decoded<float[]> d = scan(file, "fvecs", limit, float[][]::new, (values, width) -> {
            float[] v = new float[width];
            values.asFloatBuffer().get(v);
            return v;
        });
        return new Floats(d.rows, d.totalRows, d.width);
    }

    /** Reads every row of an {@code .ivecs} file. */
    public static Ints readIvecs(Path file) throws VecsFormatException {
        return readIvecs(file, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code limit} rows of an {@code .ivecs} file, after checking all of it.
     *
     * @throws VecsFormatException naming the file and the problem
     */
    public static Ints readIvecs(Path file, int limit) throws VecsFormatException {
        Decoded<int[]> d = scan(file, "ivecs", limit, int[][]::new, (values, width) -> {
            int[] v = new int[width];
            values.asIntBuffer().get(v);
            return v;
        });
        return new Ints(d.rows, d.totalRows, d.width);
    }

    /** Decodes one row from its values (little-endian, exactly {@code width} of them). */
    private interface RowDecoder<T> {
        T decode(ByteBuffer values, int width);
    }

    private record Decoded<T>(T[] rows, int totalRows, int width) {}

    private static <T> Decoded<T> scan(Path file, String kind, int limit, IntFunction<T[]> newArray,
                                       RowDecoder<T> decoder) throws VecsFormatException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be non-negative, got " + limit);
        }
        if (Files.isDirectory(file)) {
            throw new VecsFormatException(file, "is a directory, not a ." + kind + " file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new VecsFormatException(file, "the file is empty (a ." + kind + " file holds at least one row)");
            }
            if (size < Integer.BYTES) {
                throw new VecsFormatException(file, "truncated: " + size
                        + " bytes is shorter than the 4-byte width that starts every row");
            }
            ByteBuffer head = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, head, 0, file);
            int width = head.getInt(0);
            if (width <= 0 || width > MAX_WIDTH) {
                throw new VecsFormatException(file, "the first row declares width " + width + ", which is not a "
                        + "plausible vector width (1.." + MAX_WIDTH + "); is this really a ." + kind
                        + " file (little-endian int32 width, then the values)?");
            }
            long rowBytes = Integer.BYTES + (long) width * Integer.BYTES;
            if (rowBytes > size) {
                throw new VecsFormatException(file, String.format(Locale.ROOT, "the first row declares width %,d, "
                        + "which needs %,d bytes, but the whole file has %,d: the file is truncated or is not a .%s "
                        + "file (widths are little-endian int32)", width, rowBytes, size, kind));
            }
            if (size % rowBytes != 0) {
                throw new VecsFormatException(file, String.format(Locale.ROOT, "the length, %,d bytes, is not a "
                        + "multiple of the row size %,d bytes (4-byte width + %,d values of 4 bytes, from the first "
                        + "row): the file is truncated or is not a .%s file with rows of one width",
                        size, rowBytes, width, kind));
            }
            long rows = size / rowBytes;
            if (rows > Integer.MAX_VALUE - 8) {
                throw new VecsFormatException(file, "holds " + rows + " rows, more than this reader supports");
            }
            int keep = (int) Math.min(rows, limit);
            T[] out = newArray.apply(keep);
            long rowsPerBuffer = Math.max(1, BUFFER_BYTES / rowBytes);
            ByteBuffer buf = ByteBuffer.allocate((int) (rowsPerBuffer * rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
            long row = 0;
            while (row < rows) {
                long chunkRows = Math.min(rowsPerBuffer, rows - row);
                buf.clear().limit((int) (chunkRows * rowBytes));
                readFully(ch, buf, row * rowBytes, file);
                buf.flip();
                for (long r = 0; r < chunkRows; r++, row++) {
                    int w = buf.getInt();
                    if (w != width) {
                        throw new VecsFormatException(file, String.format(Locale.ROOT, "row %,d (byte offset %,d) "
                                + "declares width %d, but the first row declares %d: every row must have the same "
                                + "width", row, row * rowBytes, w, width));
                    }
                    if (row < keep) {
                        ByteBuffer values = buf.slice(buf.position(), width * Integer.BYTES);
                        out[(int) row] = decoder.decode(values.order(ByteOrder.LITTLE_ENDIAN), width);
                    }
                    buf.position(buf.position() + width * Integer.BYTES);
                }
            }
            return new Decoded<>(out, (int) rows, width);
        } catch (NoSuchFileException e) {
            throw new VecsFormatException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new VecsFormatException(file, "permission denied", e);
        } catch (IOException e) {
            throw new VecsFormatException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Fills {@code buf} from {@code position} to its limit, or fails on a premature end. */
    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file)
            throws IOException, VecsFormatException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new VecsFormatException(file, "ended early at byte " + pos
                        + " (was it modified while being read?)");
            }
            pos += n;
        }
    }
}
