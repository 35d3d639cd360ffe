package io.zeusdb.vector.persistence;

import io.zeusdb.vector.ZdbFormatException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads one file through a little-endian buffer (the thread's 1 MiB direct buffer for all but small files), always knowing how many bytes are left, so
 * every count a file declares can be checked against the bytes that could back it before
 * anything is allocated from it. Every failure is a {@link ZdbFormatException} naming the file
 * and the field.
 *
 * <p>Internal: not part of the public API.
 */
final class BinaryIn implements Closeable {


    private final String name;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buf;
    /** File offset of {@code buf}'s limit: bytes moved from the channel into the buffer so far. */
    private long fetched;
    /** The node being read, named in messages; -1 outside per-node data. */
    private long node = -1;
    /** CRC32C of every byte fetched so far, when opened with {@link #openDigesting}; else null. */
    private final CRC32C crc;

    private BinaryIn(String name, FileChannel channel, boolean digesting) throws IOException {
        this.name = name;
        this.channel = channel;
        this.crc = digesting ? new CRC32C() : null;
        this.size = channel.size();
        ByteBuffer direct = size > SMALL_FILE ? DirectBuffers.acquire() : null;
        this.buf = direct != null ? direct : buffer(size).order(ByteOrder.LITTLE_ENDIAN);
        buf.limit(0);
    }

    /** Opens {@code dir/name} for reading. */
    static BinaryIn open(Path dir, String name) throws IOException {
        return new BinaryIn(name, FileChannel.open(dir.resolve(name), StandardOpenOption.READ), false);
    }

    /**
     * Opens {@code dir/name} for reading and computes its CRC32C from the same reads that feed the
     * parser, so a large file is read once instead of twice. Whoever parses through it must
     * discard what it built unless {@link #digest()} (taken after the whole file was consumed)
     * equals the manifest's record; only {@link ZdbReader}'s read-ahead does.
     */
    static BinaryIn openDigesting(Path dir, String name) throws IOException {
        return new BinaryIn(name, FileChannel.open(dir.resolve(name), StandardOpenOption.READ), true);
    }

    /** Length and CRC32C of the bytes fetched so far (the whole file once it has been consumed). */
    FileDigest digest() {
        return new FileDigest(fetched, (int) crc.getValue());
    }

    /** Files up to this size are read through a heap buffer of their own size. */
    private static final long SMALL_FILE = 64 << 10;

    /** Streams a whole file once and returns its length and CRC32C. */
    static FileDigest digest(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            CRC32C crc = new CRC32C();
            long size = ch.size();
            ByteBuffer direct = size > SMALL_FILE ? DirectBuffers.acquire() : null;
            ByteBuffer b = direct != null ? direct : buffer(size);
            try {
                long total = 0;
                while (true) {
                    b.clear();
                    int n = ch.read(b);
                    if (n < 0) {
                        break;
                    }
                    b.flip();
                    crc.update(b);
                    total += n;
                }
                return new FileDigest(total, (int) crc.getValue());
            } finally {
                DirectBuffers.release(direct);
            }
        }
    }

    /**
     * A heap buffer no larger than the file needs: direct buffers are freed only by a GC, and
     * allocating many (one per small file) makes the JDK stall in System.gc().
     */
    private static ByteBuffer buffer(long fileSize) {
        return ByteBuffer.allocate((int) Math.max(64, Math.min(DirectBuffers.BYTES, fileSize)));
    }

    String name() {
        return name;
    }

    /** Bytes of the file not yet consumed. */
    long remaining() {
        return size - (fetched - buf.remaining());
    }

    /** Offset of the next byte to be read. */
    long position() {
        return fetched - buf.remaining();
    }

    /**
     * Sets the node whose data is read next, so messages name it without every read building a
     * label (50,000 string concatenations per load otherwise); -1 leaves per-node data.
     */
    void atNode(long n) {
        node = n;
    }

    private String label(String field) {
        return node < 0 ? field : field + " of node " + node;
    }

    ZdbFormatException problem(String text) {
        return new ZdbFormatException(name, text);
    }

    /** Checks the 16-byte prefix: magic, binary version 1, flags 0. */
    void prefix(byte[] magic) throws IOException {
        if (size < ZdbLayout.PREFIX_BYTES) {
            throw problem("is " + size + " bytes long, shorter than the " + ZdbLayout.PREFIX_BYTES
                    + "-byte prefix every binary file starts with");
        }
        byte[] found = new byte[magic.length];
        bytes(found, "magic");
        if (!Arrays.equals(found, magic)) {
            throw problem("does not start with the magic \"" + new String(magic, java.nio.charset.StandardCharsets.US_ASCII)
                    + "\" (found bytes " + hexBytes(found) + "); it is not this kind of file or it is damaged");
        }
        long version = u32("version");
        if (version != ZdbLayout.BINARY_VERSION) {
            throw problem("has file-format version " + version + "; this build reads version "
                    + ZdbLayout.BINARY_VERSION + " only");
        }
        long flags = u32("flags");
        if (flags != 0) {
            throw problem("has flags " + flags + " where this build requires 0");
        }
    }

    private static String hexBytes(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format(java.util.Locale.ROOT, "%02x", x & 0xff));
        }
        return sb.toString();
    }

    /** Ensures {@code n} (at most the buffer size) bytes are buffered, naming {@code field} if the file ends first. */
    private void need(int n, String field) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        if (remaining() < n) {
            throw problem("ends inside " + label(field) + " at byte " + position() + " (the file is " + size
                    + " bytes long)");
        }
        buf.compact();
        long unread = size - fetched;
        if (buf.remaining() > unread) {
            buf.limit(buf.position() + (int) unread); // never read past the size the bounds were checked against
        }
        int from = buf.position();
        while (buf.position() < n) {
            int r = channel.read(buf);
            if (r < 0) {
                throw new EOFException(name + " shrank while it was being read");
            }
            fetched += r;
        }
        if (crc != null) {
            crc.update(buf.slice(from, buf.position() - from));
        }
        buf.flip();
    }

    /**
     * Reads a per-node file's {@code u64 node_count}, which must equal the node count of
     * {@code mappings.bin} (vectors, graph and codes all cover every node); returns it.
     *
     * @param expected the node count of mappings.bin, or -1 to take the file's own (which must be a
     *                 count an index can hold): {@link ZdbReader}'s read-ahead reads before mappings.bin
     */
    int nodeCount(int expected) throws IOException {
        long declared = u64("node_count");
        if (expected >= 0 && declared != expected) {
            throw problem("node_count is " + Long.toUnsignedString(declared) + " but mappings.bin holds "
                    + expected + " nodes; the files belong to different indexes");
        }
        if (declared < 0 || declared > MappingsFile.MAX_NODES) {
            throw problem("node_count is " + Long.toUnsignedString(declared) + ", more than an index can hold");
        }
        return (int) declared;
    }

    /** Up to {@code n} (at most 8) next bytes without consuming them; fewer at the end of the file. */
    byte[] peek(int n) throws IOException {
        int k = (int) Math.min(n, remaining());
        if (k > 0) {
            need(k, "the first bytes");
        }
        byte[] out = new byte[k];
        buf.get(buf.position(), out);
        return out;
    }

    int u8(String field) throws IOException {
        need(1, field);
        return buf.get() & 0xff;
    }

    long u32(String field) throws IOException {
        need(4, field);
        return buf.getInt() & 0xFFFF_FFFFL;
    }

    /** A u64 that must fit a signed long (anything above 2^63 is reported as too large by the caller's bounds). */
    long u64(String field) throws IOException {
        need(8, field);
        return buf.getLong();
    }

    void bytes(byte[] dst, String field) throws IOException {
        int off = 0;
        while (off < dst.length) {
            need(1, field);
            int n = Math.min(dst.length - off, buf.remaining());
            buf.get(dst, off, n);
            off += n;
        }
    }

    /** Bulk little-endian floats; the caller has bounded {@code len} by {@link #remaining()}. */
    void f32s(float[] dst, int off, int len, String field) throws IOException {
        while (len > 0) {
            need(4, field);
            int n = Math.min(len, buf.remaining() / 4);
            buf.asFloatBuffer().get(dst, off, n);
            buf.position(buf.position() + 4 * n);
            off += n;
            len -= n;
        }
    }

    /** Runs of u32 values up to this length are read one by one (needs at most 4 x this many bytes buffered). */
    private static final int SHORT_RUN = 128;

    /** Bulk little-endian u32 values into ints (values of 2^31 and above come out negative). */
    void u32s(int[] dst, int off, int len, String field) throws IOException {
        if (len <= SHORT_RUN) {
            // a neighbour list: plain reads beat creating an IntBuffer view per list
            need(4 * len, field);
            for (int i = 0; i < len; i++) {
                dst[off + i] = buf.getInt();
            }
            return;
        }
        while (len > 0) {
            need(4, field);
            int n = Math.min(len, buf.remaining() / 4);
            buf.asIntBuffer().get(dst, off, n);
            buf.position(buf.position() + 4 * n);
            off += n;
            len -= n;
        }
    }

    /**
     * Refuses a declared count the rest of the file cannot back: {@code count} items of at least
     * {@code bytesEach} bytes must fit in {@link #remaining()} (overflow-safe).
     */
    void requireBacked(String field, long count, long bytesEach) throws ZdbFormatException {
        long left = remaining();
        if (count < 0 || (bytesEach > 0 && count > left / bytesEach)) {
            String declared = count < 0 ? Long.toUnsignedString(count) : Long.toString(count);
            throw problem(label(field) + " declares " + declared + " (at least " + bytesEach + " bytes each) but only "
                    + left + " bytes remain in the file");
        }
    }

    /**
     * Refuses a file whose counts need more heap than this JVM can ever have: a file the manifest
     * vouches for can still be too large for the JVM reading it, and that is reported with a
     * message, not by an OutOfMemoryError partway through the read.
     *
     * @param bytes heap the decoded data would take at least
     * @param what  what the file describes, e.g. "50000 vectors of 384 floats"
     */
    void requireHeap(long bytes, String what) throws ZdbFormatException {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw problem("describes " + what + ", which need about " + (bytes >> 20) + " MiB of heap, more than this "
                    + "JVM's maximum of " + (max >> 20) + " MiB (run it with a larger -Xmx)");
        }
    }

    /** Requires every byte to have been consumed. */
    void expectEnd() throws ZdbFormatException {
        long left = remaining();
        if (left != 0) {
            throw problem(left + " bytes follow the end of the payload at byte " + position()
                    + "; the file is longer than its own counts say");
        }
    }

    /** A stream view of the rest of the file (for JSON parsers); closing it does not close the file. */
    InputStream asStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (remaining() == 0) {
                    return -1;
                }
                need(1, "the text");
                return buf.get() & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (remaining() == 0) {
                    return -1;
                }
                need(1, "the text");
                int n = Math.min(len, buf.remaining());
                buf.get(b, off, n);
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        DirectBuffers.release(buf);
        channel.close();
    }
}
