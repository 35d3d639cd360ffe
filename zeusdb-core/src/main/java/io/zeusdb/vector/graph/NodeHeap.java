package io.zeusdb.vector.graph;

/**
 * A binary min-heap of (distance, node) pairs packed into {@code long}s: the distance's
 * order-preserving int image in the high half, the node in the low half. Comparing two longs
 * therefore compares distances first and node numbers second, with no objects and no boxing.
 * A max-heap is the same heap over complemented keys (see {@link #pushMax}).
 */
final class NodeHeap {

    private long[] heap;
    private int size;

    NodeHeap(int initialCapacity) {
        heap = new long[Math.max(16, initialCapacity)];
    }

    /** Packs a distance and a node into one ordered key. */
    static long encode(float distance, int node) {
        int bits = Float.floatToRawIntBits(distance);
        bits ^= (bits >> 31) & 0x7fffffff;
        return ((long) bits << 32) | (node & 0xffffffffL);
    }

    static float distance(long key) {
        int bits = (int) (key >> 32);
        bits ^= (bits >> 31) & 0x7fffffff;
        return Float.intBitsToFloat(bits);
    }

    static int node(long key) {
        return (int) key;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    long peek() {
        return heap[0];
    }

    void push(long key) {
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, size * 2);
        }
        long[] h = heap;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = h[parent];
            if (p <= key) {
                break;
            }
            h[i] = p;
            i = parent;
        }
        h[i] = key;
    }

    long pop() {
        long[] h = heap;
        long top = h[0];
        long last = h[--size];
        int n = size;
        int i = 0;
        int half = n >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long c = h[child];
            int right = child + 1;
            if (right < n && h[right] < c) {
                child = right;
                c = h[right];
            }
            if (last <= c) {
                break;
            }
            h[i] = c;
            i = child;
        }
        if (n > 0) {
            h[i] = last;
        }
        return top;
    }

    /** Max-heap use: stores the complement so the largest key is on top. */
    void pushMax(long key) {
        push(~key);
    }

    long peekMax() {
        return ~heap[0];
    }

    long popMax() {
        return ~pop();
    }

    /** Raw access for draining in arbitrary order. */
    long rawAt(int i) {
        return heap[i];
    }
}
