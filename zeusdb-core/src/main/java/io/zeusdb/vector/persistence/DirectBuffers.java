package io.zeusdb.vector.persistence;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One 1 MiB direct buffer per thread for file I/O, lent to one reader or writer at a time.
 *
 * <p>Why: a channel reads into or writes from a direct buffer without an extra copy (a heap buffer
 * goes through a temporary direct one), which matters for the 77 MB of vectors of a 50,000 x 384
 * index; reading beats memory-mapping here (a map pays a page fault per 4 KiB page, twice as slow
 * cold). Direct memory is freed only by a GC, and allocating it per file stalls the JDK in
 * {@code System.gc()}, hence one per thread, reused.
 *
 * <p>Internal: not part of the public API.
 */
final class DirectBuffers {

    static final int BYTES = 1 << 20;

    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(BYTES).order(ByteOrder.LITTLE_ENDIAN));
    private static final ThreadLocal<Boolean> LENT = ThreadLocal.withInitial(() -> false);

    private DirectBuffers() {}

    /** The thread's buffer, cleared and little-endian, or {@code null} while it is lent out. */
    static ByteBuffer acquire() {
        if (LENT.get()) {
            return null;
        }
        LENT.set(true);
        ByteBuffer b = BUFFER.get();
        b.clear();
        return b;
    }

    /** Returns a buffer obtained from {@link #acquire()}; anything else is ignored. */
    static void release(ByteBuffer b) {
        if (b != null && b == BUFFER.get()) {
            LENT.set(false);
        }
    }
}
