package io.zeusdb.vector.persistence;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Streams one new file: little-endian fixed-width values through a 1 MiB buffer, computing the
 * CRC32C and length while writing, so no file is ever held whole in memory. {@link #finish()}
 * forces the bytes to disk and returns the digest.
 *
 * <p>Internal: not part of the public API.
 */
final class BinaryOut implements Closeable {

    private static final int BUFFER_BYTES = DirectBuffers.BYTES;

    private final String name;
    private final FileChannel channel;
    /** The thread's direct buffer (see {@link DirectBuffers}), or a heap one if that is lent out. */
    private final ByteBuffer buf;
    private final CRC32C crc = new CRC32C();
    private long written;
    private boolean finished;

    private BinaryOut(String name, FileChannel channel) {
        this.name = name;
        this.channel = channel;
        ByteBuffer direct = DirectBuffers.acquire();
        this.buf = direct != null ? direct : ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void release() {
        DirectBuffers.release(buf);
    }

    /** Creates {@code dir/name}, which must not exist yet. */
    static BinaryOut create(Path dir, String name) throws IOException {
        return new BinaryOut(name, FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
    }

    /** Writes the 16-byte prefix of a binary file: 8-byte magic, version 1, flags 0. */
    void prefix(byte[] magic) throws IOException {
        bytes(magic, 0, magic.length);
        u32(ZdbLayout.BINARY_VERSION);
        u32(0);
    }

    void u8(int v) throws IOException {
        room(1);
        buf.put((byte) v);
    }

    void u32(long v) throws IOException {
        room(4);
        buf.putInt((int) v);
    }

    void u64(long v) throws IOException {
        room(8);
        buf.putLong(v);
    }

    void bytes(byte[] a, int off, int len) throws IOException {
        while (len > 0) {
            room(1);
            int n = Math.min(len, buf.remaining());
            buf.put(a, off, n);
            off += n;
            len -= n;
        }
    }

    /** Bulk little-endian floats: one view copy per buffer-full instead of a call per value. */
    void f32s(float[] a, int off, int len) throws IOException {
        while (len > 0) {
            room(4);
            int n = Math.min(len, buf.remaining() / 4);
            buf.asFloatBuffer().put(a, off, n);
            buf.position(buf.position() + 4 * n);
            off += n;
            len -= n;
        }
    }

    /** Bulk little-endian u32 values. */
    void u32s(int[] a, int off, int len) throws IOException {
        while (len > 0) {
            room(4);
            int n = Math.min(len, buf.remaining() / 4);
            buf.asIntBuffer().put(a, off, n);
            buf.position(buf.position() + 4 * n);
            off += n;
            len -= n;
        }
    }

    /** Bytes written so far. */
    long position() {
        return written + buf.position();
    }

    /** A stream view for JSON generators; closing it does not close this file. */
    OutputStream asStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                u8(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                bytes(b, off, len);
            }
        };
    }

    private void room(int n) throws IOException {
        if (buf.remaining() < n) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (buf.position() == 0) {
            return;
        }
        buf.flip();
        crc.update(buf.duplicate());
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        written += buf.limit();
        buf.clear();
        SaveSteps.step(name + " flushed " + written);
    }

    /** Writes what is buffered, forces the file to disk, closes it and returns its digest. */
    FileDigest finish() throws IOException {
        drain();
        SaveSteps.step(name + " written");
        channel.force(true);
        finished = true;
        channel.close();
        release();
        SaveSteps.step(name + " synced");
        return new FileDigest(written, (int) crc.getValue());
    }

    /** Closes without forcing; for failure paths (the staging directory is then deleted). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            release();
            channel.close();
        }
    }
}
